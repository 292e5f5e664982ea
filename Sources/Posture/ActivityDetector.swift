// Activity context: what the wearer is doing, so the coach does not nag at the wrong time.
import Tilt

public enum Activity: String, Sendable {
    case still
    case moving
    case walking
    /// Trunk inclination beyond the lying threshold (60° by default).
    case lying
}

/// Classifies still, moving, walking (a regular step cadence in the accelerometer magnitude) and
/// lying (trunk inclination). Constant memory, time from the caller.
public struct ActivityDetector: Sendable {
    public struct Settings: Equatable, Sendable {
        /// Trunk inclination beyond which the wearer is lying, in degrees.
        public var lyingInclinationDeg: Double
        /// Moving: RMS distance of the accelerometer from its low-pass beyond this, in g.
        public var movingAccelG: Double
        /// Moving: low-passed gyroscope magnitude beyond this, in deg/s.
        public var movingGyroDegPerSecond: Double
        /// Time constant of the motion measures, in seconds.
        public var motionTimeConstantSeconds: Double
        /// Time constant of the accelerometer baseline that the moving measure subtracts, in
        /// seconds. Short, so that slowly changing posture (sinking into a slump at a few °/s,
        /// which shifts the accelerometer by rate × this) does not count as moving.
        public var accelBaselineTimeConstantSeconds: Double
        /// A step: the band-passed magnitude rises above this, in g.
        public var stepThresholdG: Double
        /// Step intervals of walking, in seconds (about 1–3 steps per second).
        public var minStepIntervalSeconds: Double
        public var maxStepIntervalSeconds: Double
        /// Regular steps in a row before the wearer counts as walking.
        public var stepsToWalk: Int

        public init(
            lyingInclinationDeg: Double = 60, movingAccelG: Double = 0.03, movingGyroDegPerSecond: Double = 15,
            motionTimeConstantSeconds: Double = 0.5, accelBaselineTimeConstantSeconds: Double = 0.1,
            stepThresholdG: Double = 0.08,
            minStepIntervalSeconds: Double = 0.3, maxStepIntervalSeconds: Double = 1.0, stepsToWalk: Int = 4
        ) {
            self.lyingInclinationDeg = lyingInclinationDeg
            self.movingAccelG = movingAccelG
            self.movingGyroDegPerSecond = movingGyroDegPerSecond
            self.motionTimeConstantSeconds = motionTimeConstantSeconds
            self.accelBaselineTimeConstantSeconds = accelBaselineTimeConstantSeconds
            self.stepThresholdG = stepThresholdG
            self.minStepIntervalSeconds = minStepIntervalSeconds
            self.maxStepIntervalSeconds = maxStepIntervalSeconds
            self.stepsToWalk = stepsToWalk
        }

        public static let `default` = Settings()
    }

    public let settings: Settings
    private let invMotionTau: Double
    private let invBaselineTau: Double
    private var accelLp = Vector3.zero  // g
    private var accelEnergy = 0.0  // g²
    private var gyroLp = 0.0  // deg/s
    private var fastMagnitude = 0.0  // g
    private var slowMagnitude = 0.0  // g
    private var armed = true
    private var sinceStepSeconds = 1e9
    private var regularSteps = 0
    private var started = false
    public private(set) var activity: Activity = .still

    public init(settings: Settings = .default) {
        self.settings = settings
        invMotionTau = 1 / max(settings.motionTimeConstantSeconds, 1e-6)
        invBaselineTau = 1 / max(settings.accelBaselineTimeConstantSeconds, 1e-6)
    }

    /// Feeds one sample: accelerometer in g, gyroscope in deg/s if any, trunk inclination from the
    /// calibrated upright in degrees if known, and the time step in seconds. Non-finite input is
    /// ignored. Returns the activity after this sample.
    @discardableResult
    public mutating func update(accel: Vector3, gyro: Vector3?, trunkInclinationDeg: Double?, dt: Double) -> Activity {
        guard accel.isFinite, dt.isFinite, dt > 0 || !started, gyro?.isFinite ?? true else { return activity }
        let magnitude = accel.length
        if !started {
            started = true
            accelLp = accel
            fastMagnitude = magnitude
            slowMagnitude = magnitude
            return activity
        }
        let k = min(dt * invMotionTau, 1)
        accelLp += (accel - accelLp) * min(dt * invBaselineTau, 1)
        accelEnergy += ((accel - accelLp).squaredLength - accelEnergy) * k
        if let g = gyro { gyroLp += (g.length - gyroLp) * k }

        // Steps: the magnitude, smoothed over ~40 ms, minus a ~0.5 s baseline, rising past a threshold.
        fastMagnitude += (magnitude - fastMagnitude) * min(dt * 25, 1)
        slowMagnitude += (magnitude - slowMagnitude) * min(dt * 2, 1)
        let band = fastMagnitude - slowMagnitude
        sinceStepSeconds += dt
        if armed, band > settings.stepThresholdG, sinceStepSeconds >= settings.minStepIntervalSeconds {
            armed = false
            if sinceStepSeconds <= settings.maxStepIntervalSeconds {
                regularSteps += 1
            } else {
                regularSteps = 1
            }
            sinceStepSeconds = 0
        } else if band < settings.stepThresholdG * 0.4 {
            armed = true
        }
        if sinceStepSeconds > settings.maxStepIntervalSeconds * 1.5 { regularSteps = 0 }

        if let inc = trunkInclinationDeg, inc.isFinite, inc > settings.lyingInclinationDeg {
            activity = .lying
        } else if regularSteps >= settings.stepsToWalk {
            activity = .walking
        } else if accelEnergy > settings.movingAccelG * settings.movingAccelG
            || gyroLp > settings.movingGyroDegPerSecond
        {
            activity = .moving
        } else {
            activity = .still
        }
        return activity
    }
}
