import Coach
import Posture

/// One sample of one sensor, in its own axes, at a source time.
public struct SensorSample: Sendable, Equatable {
    public var role: SensorRole
    /// Source time, seconds (monotonic for live runs, log seconds for replays).
    public var time_s: Double
    public var acceleration_g: SIMD3<Double>
    /// `nil` for accelerometer-only chips.
    public var angularRate_dps: SIMD3<Double>?

    public init(role: SensorRole, time_s: Double, acceleration_g: SIMD3<Double>, angularRate_dps: SIMD3<Double>?) {
        self.role = role
        self.time_s = time_s
        self.acceleration_g = acceleration_g
        self.angularRate_dps = angularRate_dps
    }
}

/// What a source yields, in time order.
public enum SourceEvent: Sendable, Equatable {
    case sample(SensorSample)
    /// The sensor stopped answering at `time_s`; `reason` is the error's message.
    case sensorLost(role: SensorRole, time_s: Double, reason: String)
    /// The sensor answers again; data between `lost_s` and `time_s` is a gap.
    case sensorBack(role: SensorRole, lost_s: Double, time_s: Double)
    /// Samples between the two times were lost (a FIFO overflow, a late drain).
    case gap(role: SensorRole, start_s: Double, end_s: Double)
    /// The wearer said yes to an exercise at `time_s` (a key press, or a recorded
    /// `exercise-start` note in a log).
    case exerciseStarted(ExerciseID, time_s: Double)
}
