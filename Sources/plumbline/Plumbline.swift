import ArgumentParser

@main
struct Plumbline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plumbline",
        abstract: "A posture coach for one or two wearable IMUs on a Linux single-board computer.",
        subcommands: [Replay.self]
    )
}
