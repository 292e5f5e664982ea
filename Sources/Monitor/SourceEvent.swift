import Coach
import IMU
import Posture
import SensorLog

/// One sample of one sensor: the sensor's role and its `SensorFrame` (source time in seconds,
/// acceleration in g, angular rate in deg/s, in the sensor's own axes). The frame is the one
/// timed-sample type of Plumbline: logs store it, sources yield it; a driver's `IMUSample` is the
/// chip's reading before a source gives it a time.
public struct SensorSample: Sendable, Equatable {
    public var role: SensorRole
    public var frame: SensorFrame

    public init(role: SensorRole, frame: SensorFrame) {
        self.role = role
        self.frame = frame
    }

    public init(role: SensorRole, timeSeconds: Double, accelerationG: SIMD3<Double>, angularRateDegPerSecond: SIMD3<Double>?) {
        self.init(role: role, frame: SensorFrame(timeSeconds: timeSeconds, accelerationG: accelerationG,
                                                 angularRateDegPerSecond: angularRateDegPerSecond))
    }

    /// Source time, seconds (monotonic for live runs, log seconds for replays).
    public var timeSeconds: Double { frame.timeSeconds }
    /// Acceleration, in g.
    public var accelerationG: SIMD3<Double> { frame.accelerationG }
    /// Angular rate, in deg/s; `nil` for accelerometer-only chips.
    public var angularRateDegPerSecond: SIMD3<Double>? { frame.angularRateDegPerSecond }
}

/// Why a sensor stopped answering: the category of its driver's error. A plain value, so that
/// source events hold no references and copy as bytes (the replay copies every one).
public typealias SensorLossReason = IMUError.Category

/// What a source yields, in time order. Holds no references.
public enum SourceEvent: Sendable, Equatable {
    case sample(SensorSample)
    /// The sensor stopped answering at `timeSeconds`, for `reason` (the message went to the log).
    case sensorLost(role: SensorRole, timeSeconds: Double, reason: SensorLossReason)
    /// The sensor answers again; data between `lostSeconds` and `timeSeconds` is a gap.
    case sensorBack(role: SensorRole, lostSeconds: Double, timeSeconds: Double)
    /// Samples between the two times were lost (a FIFO overflow, a late drain).
    case gap(role: SensorRole, startSeconds: Double, endSeconds: Double)
    /// The wearer said yes to an exercise at `timeSeconds` (a key press, or a recorded
    /// `exercise-start` note in a log).
    case exerciseStarted(ExerciseID, timeSeconds: Double)
}
