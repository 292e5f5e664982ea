// `plumbline report`: what the history adds up to for a day, a week or any stretch.
import ArgumentParser
import Foundation
import History

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sum up the history: upright time, slumps by kind, alerts, exercises, gaps.",
        discussion: """
            Reads the history that `plumbline monitor` (and `plumbline replay --history`) writes. \
            Days begin at local midnight (--tz, else the system's zone). Upright percent is of worn \
            time: upright, slumped, suppressed (walking, exercising, …) and uncalibrated time; gaps \
            (no data) and time not worn are shown apart and never counted as upright.
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
            print("No history yet: \(path) \(size == nil ? "does not exist" : "is empty"). `plumbline monitor` writes it as you wear the sensors (or `plumbline replay LOG --history \(path)`).")
            return
        }
        let summary: HistorySummary
        var training: [TrainingRecord] = []
        do {
            let store = try HistoryStore.openForReading(path: path)
            summary = try store.summary(fromAt: period.fromAt, toAt: period.toAt)
            if let plan = core.training, !summary.isEmpty {
                // The plan's days in the stretch, without the days still to come (unless replayed).
                let now = Date().timeIntervalSince1970
                let days = try store.trainingDays(through: period.toAt - 1, plan: plan, timeZone: zone)
                    .filter { $0.fromAt >= period.fromAt && $0.fromAt < period.toAt }
                let last = days.lastIndex { $0.fromAt <= now || $0.trainedSeconds > 0 }
                training = last.map { Array(days[...$0]) } ?? []
            }
        } catch { throw fail(kind: "history", error.description) }
        if summary.isEmpty && !json {
            print("No history for \(period.label) (\(zoneName)) in \(path): nothing was recorded then.")
            return
        }
        print(json ? try ReportText.json(summary, period: period, zone: zoneName, training: training)
                    : ReportText.text(summary, period: period, zone: zoneName, path: path, training: training))
    }
}
