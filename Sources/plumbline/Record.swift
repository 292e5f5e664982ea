import ArgumentParser
import Coach
import Configuration
import Foundation
import IMUEmulators
import Monitor
import Posture
import SensorLog

struct Record: AsyncParsableCommand {
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

    @Option(help: ArgumentHelp("With --simulate: the script to play (\(["working-session"] + SimulatedWearer.scenarios.keys.sorted())).",
                               valueName: "NAME"))
    var scenario = "working-session"

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if let duration, !(duration > 0) { throw ValidationError("--duration takes a positive number of seconds (got \(duration)).") }
        if scenario != "working-session" && SimulatedWearer.scenarios[scenario] == nil {
            throw ValidationError("--scenario takes one of: \((["working-session"] + SimulatedWearer.scenarios.keys.sorted()).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let wearer = options.simulate ? (SimulatedWearer.scenarios[scenario] ?? .workingSession) : nil
        let sensors = try OpenedSensors.open(configuration, simulate: wearer)
        let roles = SensorRole.allCases.filter { sensors.chips[$0] != nil }
        let descriptions = roles.map { role -> SensorDescription in
            let chip = sensors.chips[role]!
            let sensor = configuration.sensors[role]
            let address = sensors.rig.map { $0.address(of: role == .trunk ? .trunk : .head) } ?? sensor?.address
            return SensorDescription(role: role.rawValue, chip: chip.displayName, bus: sensors.rig?.bus.path ?? sensor?.bus,
                                     address: address, accelRangeG: Double(configuration.sampling.accelRange.rawValue),
                                     gyroRangeDegPerSecond: chip.hasGyroscope ? Double(configuration.sampling.gyroRange.rawValue) : nil,
                                     rateHz: sensors.source.rate_Hz(of: role))
        }
        var metadata = ["software": "plumbline"]
        // A simulated recording has no wall-clock start, so the same script gives the same file.
        if options.simulate { metadata["source"] = "simulated-\(scenario)" } else {
            metadata["started"] = ISO8601DateFormatter().string(from: Date())
        }
        let path = output ?? defaultPath(configuration)
        let writer: SensorLogWriter
        do {
            try makeDirectories((path as NSString).deletingLastPathComponent)
            writer = try SensorLogWriter(path: path, header: LogHeader(rateHz: configuration.sampling.rate_Hz, sensors: descriptions,
                                                                       metadata: metadata),
                                         options: .init(replaceExisting: force))
        } catch {
            throw fail(kind: "file", "cannot create the log \(path): \(error)")
        }
        let start = sensors.clock.now_s
        let end = duration.map { start + $0 } ?? (wearer.map { start + $0.duration_s } ?? .infinity)
        var rows = 0
        var failure: String?
        try await runUntilStopped { stop in
            var lastSegmentStart = -1.0
            do {
                while !stop.isRaised && sensors.clock.now_s < end {
                    for event in sensors.source.poll() {
                        switch event {
                        case .sample(let s):
                            guard let index = roles.firstIndex(of: s.role) else { continue }
                            try writer.append(SensorFrame(timeSeconds: s.time_s, accelG: s.acceleration_g, gyroDegPerSecond: s.angularRate_dps),
                                              sensor: index)
                            rows += 1
                        case let .sensorBack(role, lost, now):
                            try writer.gap(LogGap(startSeconds: lost, endSeconds: now, sensor: roles.firstIndex(of: role)))
                        case let .gap(role, from, to):
                            try writer.gap(LogGap(startSeconds: from, endSeconds: to, sensor: roles.firstIndex(of: role)))
                        case .sensorLost:
                            continue
                        }
                    }
                    // A simulated wearer's exercise starts are recorded as the wearer's "yes" (replay starts the exercise).
                    if let wearer {
                        let (segment, segmentStart) = wearer.segment(at: sensors.clock.now_s - start)
                        if segmentStart != lastSegmentStart {
                            lastSegmentStart = segmentStart
                            if case .exercise(let motion) = segment.motion {
                                try writer.note(LogNote(timeSeconds: start + segmentStart, text: "exercise-start \(exerciseID(motion).rawValue)"))
                            }
                        }
                    }
                }
                if let wearer {
                    var segmentStart = 0.0
                    for segment in wearer.segments {
                        if let label = segment.label {
                            // The truth of a posture change: its target and how long the wearer took to get there.
                            var note: String?
                            if case let .sit(trunk, head, transition) = segment.motion {
                                note = "trunk_deg=\(trunk) head_deg=\(head) transition_s=\(transition)"
                            }
                            try writer.annotate(LogAnnotation(startSeconds: start + segmentStart, endSeconds: start + segmentStart + segment.duration_s,
                                                              label: AnnotationLabel(label), note: note))
                        }
                        segmentStart += segment.duration_s
                    }
                }
                try writer.close()
            } catch {
                failure = "\(error)"
            }
        }
        if let failure { throw fail(kind: "file", "writing \(path) failed: \(failure)") }
        print("Recorded \(rows) samples to \(path).")
    }

    private func defaultPath(_ configuration: PlumblineConfiguration) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return options.stateDirectory(configuration) + "/recordings/" + formatter.string(from: Date()) + ".plog"
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
