// Detects a still window for calibration.
import Tilt

/// A pose held still: the mean up direction over the window.
public struct StillPose: Equatable, Sendable {
    /// Unit up direction in the sensor frame.
    public var up: Vector3
    /// Source time of the window's last sample, in seconds.
    public var endTimeSeconds: Double

    public init(up: Vector3, endTimeSeconds: Double) {
        self.up = up
        self.endTimeSeconds = endTimeSeconds
    }
}

/// Accumulates accelerometer (and gyroscope) samples over a window and decides whether the wearer
/// held still. People are never perfectly still (a held pose wanders by 0.3–1.8° with gyroscope
/// noise of 1–6 °/s RMS), so the defaults accept that and reject reaching, turning or walking.
/// Constant memory: running sums only.
public struct StillWindow: Sendable {
    public struct Settings: Equatable, Sendable {
        /// Length of the window, in seconds.
        public var durationSeconds: Double
        /// Largest angular spread (RMS) of the accelerometer direction, in degrees.
        public var maxDispersionDeg: Double
        /// Largest gyroscope RMS, in deg/s.
        public var maxGyroRmsDegPerSecond: Double
        /// Largest time step before the data counts as missing, in seconds.
        public var maxGapSeconds: Double

        public init(
            durationSeconds: Double = 2, maxDispersionDeg: Double = 3, maxGyroRmsDegPerSecond: Double = 12,
            maxGapSeconds: Double = 0.5
        ) {
            self.durationSeconds = durationSeconds
            self.maxDispersionDeg = maxDispersionDeg
            self.maxGyroRmsDegPerSecond = maxGyroRmsDegPerSecond
            self.maxGapSeconds = maxGapSeconds
        }

        public static let `default` = Settings()
    }

    public let settings: Settings
    private var sum = Vector3.zero
    private var count = 0
    private var gyroSquares = 0.0
    private var gyroCount = 0
    private var seconds = 0.0
    private var lastTime = 0.0
    private var missing = false

    public init(settings: Settings = .default) {
        self.settings = settings
    }

    /// True once the window spans `durationSeconds`.
    public var isComplete: Bool { seconds >= settings.durationSeconds || missing }

    /// Adds a sample at source time `timeSeconds`: accelerometer in g, gyroscope in deg/s if any.
    public mutating func add(timeSeconds: Double, accel: Vector3, gyro: Vector3? = nil) {
        guard timeSeconds.isFinite, let unit = accel.normalized, gyro?.isFinite ?? true else {
            missing = true
            return
        }
        if count > 0 {
            let dt = timeSeconds - lastTime
            if !(dt > 0) || dt > settings.maxGapSeconds { missing = true }
            seconds += dt
        }
        lastTime = timeSeconds
        sum += unit
        count += 1
        if let g = gyro {
            gyroSquares += g.squaredLength
            gyroCount += 1
        }
    }

    /// The verdict on the window so far: the pose, or why it is refused.
    public func result() -> Result<StillPose, CalibrationRejection> {
        guard !missing, count >= 2, seconds >= settings.durationSeconds, let up = sum.normalized else {
            return .failure(.sensorMissing)
        }
        // Mean resultant length R of unit vectors; RMS angular spread ≈ sqrt(2 (1 - R)).
        let r = min(sum.length / Double(count), 1)
        let dispersionDeg = (2 * (1 - r)).squareRoot() * TiltMath.degreesPerRadian
        let gyroRms = gyroCount > 0 ? (gyroSquares / Double(gyroCount)).squareRoot() : 0
        if dispersionDeg > settings.maxDispersionDeg || gyroRms > settings.maxGyroRmsDegPerSecond {
            return .failure(.moved(dispersionDeg: dispersionDeg, gyroRmsDegPerSecond: gyroRms))
        }
        return .success(StillPose(up: up, endTimeSeconds: lastTime))
    }
}
