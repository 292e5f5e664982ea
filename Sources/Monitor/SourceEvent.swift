import Coach
import Posture

/// One sample of one sensor, in its own axes, at a source time.
public struct SensorSample: Sendable, Equatable {
    public var role: SensorRole
    /// Source time, seconds (monotonic for live runs, log seconds for replays).
    public var timeSeconds: Double
    public var accelerationG: SIMD3<Double>
    /// `nil` for accelerometer-only chips.
    public var angularRateDegPerSecond: SIMD3<Double>?

    public init(role: SensorRole, timeSeconds: Double, accelerationG: SIMD3<Double>, angularRateDegPerSecond: SIMD3<Double>?) {
        self.role = role
        self.timeSeconds = timeSeconds
        self.accelerationG = accelerationG
        self.angularRateDegPerSecond = angularRateDegPerSecond
    }
}

/// What a source yields, in time order.
public enum SourceEvent: Sendable, Equatable {
    case sample(SensorSample)
    /// The sensor stopped answering at `timeSeconds`; `reason` is the error's message.
    case sensorLost(role: SensorRole, timeSeconds: Double, reason: String)
    /// The sensor answers again; data between `lostSeconds` and `timeSeconds` is a gap.
    case sensorBack(role: SensorRole, lostSeconds: Double, timeSeconds: Double)
    /// Samples between the two times were lost (a FIFO overflow, a late drain).
    case gap(role: SensorRole, startSeconds: Double, endSeconds: Double)
    /// The wearer said yes to an exercise at `timeSeconds` (a key press, or a recorded
    /// `exercise-start` note in a log).
    case exerciseStarted(ExerciseID, timeSeconds: Double)
}
