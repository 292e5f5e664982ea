import Coach
import Posture
import SensorLog

/// A recorded log as a sample source: Plumbline's own format or the xio Fusion CSV layout.
///
/// Sensors are matched to roles by the names in the log's header (`trunk`, `head`); the one
/// sensor of a single-sensor log with another name (a Fusion CSV) takes `singleSensorRole`.
/// Gaps become `.gap` events per role, and a recorded `exercise-start ID` note becomes the
/// wearer's yes to that exercise. With `pacing`, samples are handed out no faster than `speed`
/// times their own time (the demo); without, as fast as they are read.
public final class LogSource: SampleSource {
    public let reader: LogReader
    /// The role of each sensor of the header, by index; `nil` for a sensor Plumbline does not use.
    public let roleOf: [SensorRole?]
    public let roles: [SensorRole]
    /// Sleeps so that log time runs at `speed` times real time.
    public var pacing: (clock: any MonotonicClock, speed: Double)?
    /// Records read per `read` call.
    public var batchSize = 64
    private var firstTimeSeconds: Double?
    private var wallStartSeconds = 0.0

    public init(path: String, lenient: Bool = false, singleSensorRole: SensorRole = .trunk) throws(SourceError) {
        do {
            reader = try LogReader(path: path, options: LogReader.Options(lenient: lenient))
        } catch {
            throw .log(error)
        }
        let sensors = reader.header.sensors
        let roleOf: [SensorRole?] = sensors.enumerated().map { index, description in
            if let role = SensorRole(rawValue: description.role) { return role }
            return index == 0 && sensors.count == 1 ? singleSensorRole : nil
        }
        self.roleOf = roleOf
        roles = SensorRole.allCases.filter { roleOf.contains($0) }
    }

    /// Whether any sensor of the log has a gyroscope.
    public var hasGyroscope: Bool { reader.header.sensors.contains { $0.hasGyroscope } }

    /// The prefix of a note that records the wearer starting an exercise.
    public static let exerciseNotePrefix = "exercise-start "

    public func read(into events: inout [SourceEvent]) throws(SourceError) -> Bool {
        for _ in 0..<batchSize {
            let record: LogRecord?
            do { record = try reader.next() } catch { throw .log(error) }
            guard let record else { return false }
            switch record {
            case .sample(let sample):
                guard let role = roleOf[sample.sensor] else { continue }
                let f = sample.frame
                if let (clock, speed) = pacing {
                    if firstTimeSeconds == nil {
                        firstTimeSeconds = f.timeSeconds
                        wallStartSeconds = clock.nowSeconds
                    }
                    clock.sleep(until: wallStartSeconds + (f.timeSeconds - firstTimeSeconds!) / speed)
                }
                events.append(.sample(SensorSample(role: role, frame: f)))
                // One sample at a time when paced, so that a live display keeps up.
                if pacing != nil { return true }
            case .gap(let gap):
                let indices = gap.sensor.map { [$0] } ?? Array(roleOf.indices)
                for index in indices where roleOf.indices.contains(index) {
                    guard let role = roleOf[index] else { continue }
                    events.append(.gap(role: role, startSeconds: gap.startSeconds, endSeconds: gap.endSeconds))
                }
            case .note(let note):
                let text = note.text
                if text.hasPrefix(Self.exerciseNotePrefix),
                   let id = ExerciseID(rawValue: String(text.dropFirst(Self.exerciseNotePrefix.count))) {
                    events.append(.exerciseStarted(id, timeSeconds: note.timeSeconds))
                }
            case .annotation:
                continue
            }
        }
        return true
    }
}
