import ArgumentParser

@main
struct Plumbline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plumbline",
        abstract: "A posture coach for one or two wearable IMUs on a Linux single-board computer.",
        discussion: """
        Start with `plumbline detect` to see which sensors answer on the I2C bus. \
        Errors print one line `plumbline: <kind>: <what happened>. <what to do>` on stderr.
        """,
        subcommands: [Detect.self, Read.self, Bus.self, Calibrate.self, MonitorCommand.self, Replay.self, Exercises.self, Doctor.self, Soak.self]
    )
}
