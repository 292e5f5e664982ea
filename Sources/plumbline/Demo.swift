import ArgumentParser
import Charts
import Foundation
import History

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a bundled six-minute working session: live angles, alerts and an exercise.",
        discussion: """
        The bundled recording (share/demo-session.plog) was made by `plumbline record --simulate`: \
        two MPU-6050s on a simulated wearer who sits upright, sinks into an upper-back slump, pushes \
        the head forward, walks, bends to pick something up, collapses the trunk, does the exercise \
        the coach suggests, and loses the head sensor for a while. The demo calibrates from the first \
        seconds and replays it through the same pipeline as `monitor`, into a history of its own \
        ($XDG_CACHE_HOME/plumbline/demo-history.db, replaced each run), and ends by drawing the \
        session's day chart (demo-day.svg beside it) for a browser.
        """
    )

    @Option(help: ArgumentHelp("Play at this many times real time.", valueName: "X"))
    var speed: Double = 20

    @Option(help: ArgumentHelp("Another recording to play instead of the bundled one.", valueName: "PATH"))
    var log: String?

    @Flag(help: "Print one JSON object per event on stdout.")
    var alertsJson = false

    func validate() throws {
        guard speed > 0 else { throw ValidationError("--speed takes a positive factor (got \(speed)).") }
    }

    /// The bundled session: beside an installed binary, or in the source tree it was built in.
    static func bundledSession() -> String? {
        var candidates: [String] = []
        if let share = ProcessInfo.processInfo.environment["PLUMBLINE_SHARE"] { candidates.append(share + "/demo-session.plog") }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(directory.deletingLastPathComponent().appendingPathComponent("share/plumbline/demo-session.plog").path)
        for _ in 0..<5 {
            candidates.append(directory.appendingPathComponent("share/demo-session.plog").path)
            directory.deleteLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    func run() throws {
        guard let path = log ?? Self.bundledSession() else {
            throw fail(kind: "file", "the bundled demo session (share/demo-session.plog) was not found next to this binary; give one with --log PATH, or run `scripts/make-fixtures` in a clone.")
        }
        if !alertsJson {
            Terminal.error("""
            Plumbline demo: a six-minute working session recorded from a simulated wearer with two sensors
            (upper back and glasses arm), replayed at \(Int(speed))x. It calibrates on the first seconds of
            upright sitting, then watches. Alerts and exercises appear as they happen.

            """)
        }
        let directory = Self.cacheDirectory()
        let database = directory + "/demo-history.db"
        try Self.removeHistory(database)
        let startedAt = Date()
        let clock = ISO8601DateFormatter()
        clock.timeZone = .current
        var arguments = [path, "--calibrate-at", "2-6", "--speed", String(speed), "--history", database,
                         "--start-at", clock.string(from: startedAt), "--set", "storage.history_resolution_s=10"]
        if alertsJson { arguments.append("--alerts-json") }
        let replay = try Replay.parse(arguments)
        try replay.run()
        let chart = directory + "/demo-day.svg"
        try writeDayChart(database, startedAt: startedAt, to: chart)
        // With --alerts-json, stdout holds only the events.
        let line = "Day chart: \(chart) (open it in a browser)"
        if alertsJson { Terminal.error(line) } else { print("\n" + line) }
    }

    /// $XDG_CACHE_HOME/plumbline (~/.cache/plumbline), else a folder in the temporary directory.
    static func cacheDirectory() -> String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path + "/.cache"
        do {
            try FileManager.default.createDirectory(atPath: base + "/plumbline", withIntermediateDirectories: true)
            return base + "/plumbline"
        } catch {
            // A read-only home: the demo's files are throwaway, the temporary directory does.
            return NSTemporaryDirectory() + "plumbline-demo-\(getuid())"
        }
    }

    /// The previous run's history, so the chart shows this run alone.
    static func removeHistory(_ database: String) throws {
        let directory = (database as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database + suffix) {
                try FileManager.default.removeItem(atPath: database + suffix)
            }
        } catch {
            throw fail(kind: "file", "cannot prepare the demo's history \(database): \(error.localizedDescription). Remove it by hand, or set XDG_CACHE_HOME to a writable folder.")
        }
    }

    /// The day chart of the replayed session, with the configuration's limits.
    private func writeDayChart(_ database: String, startedAt: Date, to chart: String) throws {
        let (_, core) = try RunOptions.parse([]).loadConfiguration()
        let zone = TimeZone.current
        let limits = AngleLimits(thoracicDeg: core.coach.thoracicThresholdDeg, headForwardDeg: core.coach.headForwardThresholdDeg)
        let svg: String
        do {
            let period = try ReportPeriod.day(nil, now: startedAt, timeZone: zone)
            let label = ReportChart.labels(startedAt, zone: zone).0 + " " + period.label
            svg = try ReportChart.day(HistoryStore.openForReading(path: database), period: period, zone: zone, label: label,
                                      limits: limits).svg()
        } catch let error as HistoryError {
            throw fail(kind: "history", error.description)
        } catch {
            throw fail(kind: "report", "\(error).")
        }
        do { try ChartFile.write(svg, to: chart) } catch { throw fail(kind: "file", error.description + ".") }
    }
}
