import ArgumentParser

@main
struct Plumbline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plumbline",
        abstract: "A posture coach for one or two wearable IMUs on a Linux single-board computer.",
        discussion: """
        New here? `plumbline demo` replays a recorded working session. With sensors wired, start \
        with `plumbline detect`, then `plumbline calibrate --lean` and `plumbline monitor`. \
        Errors print one line `plumbline: <kind>: <what happened>. <what to do>` on stderr.
        """,
        subcommands: [Detect.self, Read.self, Bus.self, Calibrate.self, MonitorCommand.self, Record.self, Replay.self, Demo.self, Exercises.self, Doctor.self, Report.self, Soak.self]
    )

    static func main() {
        JournalLogHandler.bootstrap()
        main(nil)
    }
}
