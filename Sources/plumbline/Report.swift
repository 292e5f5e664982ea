// `plumbline report`: what the history adds up to for a day, a week or any stretch.
import ArgumentParser
import Charts
import Coach
import Foundation
import History

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sum up the history: upright time, slumps by kind, alerts, exercises, gaps.",
        discussion: """
            Reads the history that `plumbline monitor` (and `plumbline replay --history`) writes. \
            Days begin at local midnight (--tz, else the system's zone). Upright percent is of worn \
            time: upright, slumped, suppressed (walking, exercising, …) and uncalibrated time; gaps \
            (no data) and time not worn are shown apart and never counted as upright. With the \
            training plan on (coach.training_plan), it also gives each day's minutes coached \
            against the day's target.

            --svg FILE also draws a chart: with --day (or no choice, today) the day's timeline \
            (upper-back and head angles per history interval, the limits coach.thoracic_limit_deg \
            and coach.head_forward_limit_deg dashed, slumped time shaded by kind, alerts, \
            corrections and exercises, gaps and time not worn left blank); \
            with --week, or --from/--to over more than one day, a bar per day of upright percent, \
            with the training plan's minutes under each. \
            FILE ending in .png is converted with rsvg-convert (Debian: apt-get install librsvg2-bin).
            """)

    @Option(help: ArgumentHelp("The history file (default: history.db in the state directory).", valueName: "DB"))
    var history: String?

    @Option(help: ArgumentHelp("The day to report (default: today).", valueName: "YYYY-MM-DD"))
    var day: String?

    @Flag(help: "Report the week (Monday to Sunday) that holds DATE (default: this week).")
    var week = false

    @Argument(help: ArgumentHelp("With --week: a day of the week to report.", valueName: "DATE"))
    var weekDate: String?

    @Option(help: ArgumentHelp("Start of the stretch: a date or an ISO 8601 time.", valueName: "A"))
    var from: String?

    @Option(help: ArgumentHelp("End of the stretch: a date (its whole day is included) or an ISO 8601 time.", valueName: "B"))
    var to: String?

    @Option(help: ArgumentHelp("Also draw a chart here: .svg, or .png (needs rsvg-convert from librsvg2-bin).", valueName: "FILE"))
    var svg: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Time zone for days, e.g. Europe/Berlin (default: the system's).", valueName: "ZONE"))
    var tz: String?

    @OptionGroup var options: RunOptions

    func validate() throws {
        let choices = [day != nil, week, from != nil || to != nil].filter { $0 }.count
        if choices > 1 { throw ValidationError("Give one of --day, --week or --from/--to.") }
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together.") }
        if weekDate != nil && !week { throw ValidationError("A DATE argument goes with --week; for one day use --day DATE.") }
        if let tz, TimeZone(identifier: tz) == nil {
            throw ValidationError("--tz \(tz) is not a time zone: give a name like Europe/Berlin or UTC (`timedatectl list-timezones`).")
        }
        if options.simulate { throw ValidationError("--simulate does not apply to report.") }
    }

    func run() throws {
        let zone = tz.flatMap { TimeZone(identifier: $0) } ?? TimeZone.current
        let zoneName = tz ?? zone.identifier
        let period: ReportPeriod
        do {
            if let from, let to { period = try .range(from: from, to: to, timeZone: zone) } else if week {
                period = try .week(weekDate, timeZone: zone)
            } else {
                period = try .day(day, timeZone: zone)
            }
        } catch { throw fail(kind: "report", "\(error.description).") }
        let (configuration, core) = try options.loadConfiguration()
        let path = history ?? options.stateDirectory(configuration) + "/history.db"
        var info = stat()
        let size: Int? = stat(path, &info) == 0 ? Int(info.st_size) : nil
        guard let size, size > 0 else {
            let message = "No history yet: \(path) \(size == nil ? "does not exist" : "is empty"). `plumbline monitor` writes it as you wear the sensors (or `plumbline replay LOG --history \(path)`)."
                + (svg == nil ? "" : " No chart written.")
            // With --json, still one JSON object: no intervals, and the sentence for people.
            print(json ? try ReportText.emptyJSON(period: period, zone: zoneName, message: message) : message)
            return
        }
        let store: HistoryStore, summary: HistorySummary
        var training: [TrainingRecord] = []
        do {
            store = try HistoryStore.openForReading(path: path)
            summary = try store.summary(fromAt: period.fromAt, toAt: period.toAt)
            if let plan = core.training, !summary.isEmpty {
                training = try Self.trainingDays(store, plan: plan, period: period, zone: zone)
            }
        } catch { throw fail(kind: "history", error.description) }
        if summary.isEmpty && !json {
            print("No history for \(period.label) (\(zoneName)) in \(path): nothing was recorded then.")
        } else {
            print(json ? try ReportText.json(summary, period: period, zone: zoneName, training: training)
                        : ReportText.text(summary, period: period, zone: zoneName, path: path, training: training))
        }
        if let svg { try writeChart(to: svg, from: store, period: period, zone: zone, coach: core.coach, training: training) }
    }

    /// The training plan's days in the stretch, without the days still to come (unless replayed).
    static func trainingDays(_ store: HistoryStore, plan: TrainingPlan, period: ReportPeriod, zone: TimeZone) throws(HistoryError) -> [TrainingRecord] {
        let now = Date().timeIntervalSince1970
        let days = try store.trainingDays(through: period.toAt - 1, plan: plan, timeZone: zone)
            .filter { $0.fromAt >= period.fromAt && $0.fromAt < period.toAt }
        let last = days.lastIndex { $0.fromAt <= now || $0.trainedSeconds > 0 }
        return last.map { Array(days[...$0]) } ?? []
    }

    /// The day's timeline, or a bar per day when the stretch spans several days; the line saying
    /// where it went goes to stderr with --json, so stdout stays one JSON object.
    private func writeChart(to file: String, from store: HistoryStore, period: ReportPeriod, zone: TimeZone,
                            coach: CoachSettings, training: [TrainingRecord]) throws {
        let days = ReportChart.dayBounds(period, zone: zone)
        let chart: String
        do {
            if week || days.count > 1 {
                guard days.count <= 62 else {
                    throw fail(kind: "report", "--svg draws one bar per day, at most 62; \(period.label) spans \(days.count) days. Give a shorter --from/--to.")
                }
                let title = week ? "Week of " + period.label.dropFirst("week of ".count) : period.label
                chart = try ReportChart.days(store, period: period, title: title, zone: zone, training: training).svg()
            } else {
                let limits = AngleLimits(thoracicDeg: coach.thoracicThresholdDeg, headForwardDeg: coach.headForwardThresholdDeg)
                let label = from == nil
                    ? ReportChart.labels(Date(timeIntervalSince1970: period.fromAt), zone: zone).0 + " " + period.label : period.label
                chart = try ReportChart.day(store, period: period, zone: zone, label: label, limits: limits).svg()
            }
        } catch let error as HistoryError { throw fail(kind: "history", error.description) }
        do { try ChartFile.write(chart, to: file) } catch { throw fail(kind: "file", error.description + ".") }
        let line = "Chart written to \(file)."
        if json { Terminal.error(line) } else { print(line) }
    }
}
