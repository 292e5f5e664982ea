import ArgumentParser
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a bundled six-minute working session: live angles, alerts and an exercise.",
        discussion: """
        The bundled recording (share/demo-session.plog) was made by `plumbline record --simulate`: \
        two MPU-6050s on a simulated wearer who sits upright, sinks into an upper-back slump, pushes \
        the head forward, walks, bends to pick something up, collapses the trunk, does the exercise \
        the coach suggests, and loses the head sensor for a while. The demo calibrates from the first \
        seconds and replays it through the same pipeline as `monitor`.
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
        var arguments = [path, "--calibrate-at", "2-6", "--speed", String(speed)]
        if alertsJson { arguments.append("--alerts-json") }
        let replay = try Replay.parse(arguments)
        try replay.run()
    }
}
