// One sample of one sensor as a log stores it.

/// A sample read from a log: time from the source, acceleration in g and, when the chip has one,
/// angular rate in deg/s, both in the sensor's own axes.
public struct SensorFrame: Equatable, Sendable {
    /// Time from the source, in seconds.
    public var timeSeconds: Double
    /// Acceleration, in g.
    public var accelerationG: SIMD3<Double>
    /// Angular rate, in deg/s; `nil` for accelerometer-only chips.
    public var angularRateDegPerSecond: SIMD3<Double>?

    public init(timeSeconds: Double, accelerationG: SIMD3<Double>, angularRateDegPerSecond: SIMD3<Double>?) {
        self.timeSeconds = timeSeconds
        self.accelerationG = accelerationG
        self.angularRateDegPerSecond = angularRateDegPerSecond
    }
}
