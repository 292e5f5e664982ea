import Configuration
import IMUEmulators
import Posture
import SensorLog

/// Writes what a source yields to a Plumbline log: samples as rows, lost stretches as gaps, the
/// wearer's yes to an exercise as a note. `plumbline record` uses it directly; `monitor` with
/// `storage.record_raw` as a tap of the session.
public final class Recorder: SessionTap {
    public let writer: SensorLogWriter
    /// The roles in the order of the log's sensors.
    public let roles: [SensorRole]
    public private(set) var rows = 0

    public init(writer: SensorLogWriter, roles: [SensorRole]) {
        self.writer = writer
        self.roles = roles
    }

    /// Creates the log at `path` for the opened sensors; `metadata` goes into its header.
    public static func create(path: String, sensors: OpenedSensors, configuration: PlumblineConfiguration,
                              metadata: [String: String], replaceExisting: Bool) throws(SensorLogError) -> Recorder {
        let roles = sensors.roles
        let descriptions = roles.map { role -> SensorDescription in
            let chip = sensors.chips[role]!
            let sensor = configuration.sensors[role]
            let address = sensors.rig.map { $0.address(of: role == .trunk ? .trunk : .head) } ?? sensor?.address
            return SensorDescription(role: role.rawValue, chip: chip.displayName, bus: sensors.rig?.bus.path ?? sensor?.bus,
                                     address: address, accelRangeG: Double(configuration.sampling.accelRange.rawValue),
                                     gyroRangeDegPerSecond: chip.hasGyroscope ? Double(configuration.sampling.gyroRange.rawValue) : nil,
                                     rateHz: sensors.source.rateHz(of: role))
        }
        let header = LogHeader(rateHz: configuration.sampling.rateHz, sensors: descriptions, metadata: metadata)
        let writer = try SensorLogWriter(path: path, header: header, options: .init(replaceExisting: replaceExisting))
        return Recorder(writer: writer, roles: roles)
    }

    public var name: String { "recording \(writer.path)" }

    /// Writes one source event.
    public func record(_ event: SourceEvent) throws(SensorLogError) {
        switch event {
        case .sample(let s):
            guard let index = roles.firstIndex(of: s.role) else { return }
            try writer.append(s.frame, sensor: index)
            rows += 1
        case let .sensorBack(role, lost, now):
            try writer.gap(LogGap(startSeconds: lost, endSeconds: now, sensor: roles.firstIndex(of: role)))
        case let .gap(role, from, to):
            try writer.gap(LogGap(startSeconds: from, endSeconds: to, sensor: roles.firstIndex(of: role)))
        case let .exerciseStarted(exercise, time):
            try writer.note(LogNote(timeSeconds: time, text: LogSource.exerciseNotePrefix + exercise.rawValue))
        case .sensorLost:
            return
        }
    }

    /// The truth of a simulated script as annotations: each labelled segment, and for a posture
    /// change its target and transition time. Source time `startSeconds` is the script's start.
    public func annotate(_ wearer: SimulatedWearer, startSeconds: Double) throws(SensorLogError) {
        var segmentStart = 0.0
        for segment in wearer.segments {
            if let label = segment.label {
                var note: String?
                if case let .sit(trunk, head, transition) = segment.motion {
                    note = "trunk_deg=\(trunk) head_deg=\(head) transition_s=\(transition)"
                }
                try writer.annotate(LogAnnotation(startSeconds: startSeconds + segmentStart, endSeconds: startSeconds + segmentStart + segment.durationSeconds,
                                                  label: AnnotationLabel(label), note: note))
            }
            segmentStart += segment.durationSeconds
        }
    }

    public func close() throws(SensorLogError) { try writer.close() }

    public func observe(_ event: SourceEvent, session: Session) throws(TapFailure) {
        do { try record(event) } catch { throw TapFailure("\(error)") }
    }

    public func finish(session: Session) throws(TapFailure) {
        do { try close() } catch { throw TapFailure("\(error)") }
    }
}
