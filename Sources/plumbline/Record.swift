import ArgumentParser
import Coach
import Configuration
import Foundation
import IMUEmulators
import Monitor

struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record the sensors to a log that `plumbline replay` can play back.",
        discussion: """
        Writes Plumbline's own log format (Sources/SensorLog/FORMAT.md): a header naming each \
        sensor's role, chip, bus, address and ranges, then one row per sample in g and °/s. Rows are \
        written as they arrive and synced to disk every second, so a power cut loses at most the last \
        second and never corrupts what came before. Time without data is recorded as a gap. With \
        --simulate it records a scripted wearer, with the truth as annotations.
        """
    )

    @OptionGroup var options: RunOptions

    @Option(help: ArgumentHelp("The log to write (default: recordings/DATE-TIME.plog in the state directory).", valueName: "PATH"))
    var output: String?

    @Option(help: ArgumentHelp("Stop after this many seconds (default: until Ctrl-C or SIGTERM; a simulated script's length).",
                               valueName: "SECONDS"))
    var duration: Double?

    @Option(help: ArgumentHelp("With --simulate: the script to play (\(Self.scenarioNames.joined(separator: ", "))).",
                               valueName: "NAME"))
    var scenario = "working-session"

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    static var scenarioNames: [String] { ["working-session"] + SimulatedWearer.scenarios.keys.sorted() }

    func validate() throws {
        if let duration, !(duration > 0) { throw ValidationError("--duration takes a positive number of seconds (got \(duration)).") }
        if scenario != "working-session" && SimulatedWearer.scenarios[scenario] == nil {
            throw ValidationError("--scenario takes one of: \(Self.scenarioNames.joined(separator: ", ")).")
        }
    }

    /// The header's metadata: a simulated recording has no wall-clock start, so the same script
    /// gives the same file.
    static func metadata(simulated scenario: String?) -> [String: String] {
        var metadata = ["software": "plumbline"]
        if let scenario { metadata["source"] = "simulated-\(scenario)" } else {
            metadata["started"] = ISO8601DateFormatter().string(from: Date())
        }
        return metadata
    }

    /// Local date and time for a file name, e.g. 20261130-142501.
    static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }

    func run() throws {
        let (configuration, _) = try options.loadConfiguration()
        let wearer = options.simulate ? (SimulatedWearer.scenarios[scenario] ?? .workingSession) : nil
        let sensors = try options.openSensors(configuration, simulate: wearer)
        let path = output ?? options.stateDirectory(configuration) + "/recordings/" + Self.timestamp() + ".plog"
        let recorder: Recorder
        do {
            try StateFiles.makeDirectories(StateFiles.directory(of: path))
            recorder = try Recorder.create(path: path, sensors: sensors, configuration: configuration,
                                           metadata: Self.metadata(simulated: options.simulate ? scenario : nil), replaceExisting: force)
        } catch {
            throw fail(kind: "file", "cannot create the log \(path): \(error)")
        }
        let start = sensors.clock.nowSeconds
        let end = duration.map { start + $0 } ?? (wearer.map { start + $0.durationSeconds } ?? .infinity)
        var failure: String?
        runUntilStopped { stop in
            do {
                try record(sensors, into: recorder, wearer: wearer, until: end, stop: stop)
            } catch {
                failure = "\(error)"
            }
        }
        if let failure { throw fail(kind: "file", "writing \(path) failed: \(failure)") }
        print("Recorded \(recorder.rows) samples to \(path).")
    }

    private func record(_ sensors: OpenedSensors, into recorder: Recorder, wearer: SimulatedWearer?,
                        until end: Double, stop: StopFlag) throws {
        let start = sensors.clock.nowSeconds
        var lastSegmentStart = -1.0
        var events: [SourceEvent] = []
        while !stop.isRaised && sensors.clock.nowSeconds < end {
            events.removeAll(keepingCapacity: true)
            sensors.source.poll(into: &events)
            for event in events { try recorder.record(event) }
            // A simulated wearer's exercise starts are recorded as the wearer's "yes" (replay starts the exercise).
            if let wearer {
                let (segment, segmentStart) = wearer.segment(at: sensors.clock.nowSeconds - start)
                if segmentStart != lastSegmentStart {
                    lastSegmentStart = segmentStart
                    if case .exercise(let motion) = segment.motion {
                        try recorder.record(.exerciseStarted(exerciseID(motion), timeSeconds: start + segmentStart))
                    }
                }
            }
        }
        if let wearer { try recorder.annotate(wearer, startSeconds: start) }
        try recorder.close()
    }
}

/// The catalog's name for a simulated exercise motion.
func exerciseID(_ motion: SimulatedWearer.ExerciseMotion) -> ExerciseID {
    switch motion {
    case .chinTuck: .chinTuck
    case .shoulderBladeSqueeze: .shoulderBladeSqueeze
    case .ribLift: .ribLift
    case .pelvicTilts: .pelvicTilts
    case .spinalFlexionExtension: .spinalFlexionExtension
    }
}
