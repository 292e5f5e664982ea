// Activity context: what the wearer is doing, so the coach does not nag at the wrong time.
import Tilt

public enum Activity: String, Sendable {
    case still
    case moving
    case walking
    /// Trunk inclination beyond the lying threshold (60° by default).
    case lying
    /// Off the body: none of the breathing and sway of a person for `notWornAfterSeconds`
    /// (a sensor on a desk or a charger, at any angle).
    case notWorn = "not-worn"
}

/// Classifies still, moving, walking (a regular step cadence in the accelerometer magnitude),
/// lying (trunk inclination) and not worn. Constant memory, time from the caller.
///
/// Not worn: a body is never still. Breathing (0.2–0.3 Hz) and postural sway (0.05–0.3 Hz) tilt
/// the upper back by a few tenths of a degree, which shows in the slow band of the gyroscope
/// (tenths of a °/s) and of the accelerometer (a few mg). A sensor on a desk shows only the
/// chip's white noise there; the detector measures that noise above the band and subtracts its
/// share, so the same limits hold for quiet and noisy chips. The sensor is `motionless` while
/// no such sign of life shows, and `notWorn` once that has lasted `notWornAfterSeconds`.
public struct ActivityDetector: Sendable {
    public struct Settings: Equatable, Sendable {
        /// Trunk inclination beyond which the wearer is lying, in degrees (0 to 180: it is compared
        /// as a cosine).
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
        /// Signs of life: RMS of the accelerometer's 0.08–0.3 Hz band above the noise, in g.
        public var lifeAccelG: Double
        /// Signs of life: RMS of the gyroscope's 0.08–0.3 Hz band above the noise, in deg/s.
        public var lifeGyroDegPerSecond: Double
        /// Motionless this long (no breathing or sway) before the sensor counts as not worn, in
        /// seconds; 0 turns the detection off.
        public var notWornAfterSeconds: Double

        public init(
            lyingInclinationDeg: Double = 60, movingAccelG: Double = 0.03, movingGyroDegPerSecond: Double = 15,
            motionTimeConstantSeconds: Double = 0.5, accelBaselineTimeConstantSeconds: Double = 0.1,
            stepThresholdG: Double = 0.08,
            minStepIntervalSeconds: Double = 0.3, maxStepIntervalSeconds: Double = 1.0, stepsToWalk: Int = 4,
            lifeAccelG: Double = 0.0005, lifeGyroDegPerSecond: Double = 0.05, notWornAfterSeconds: Double = 60
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
            self.lifeAccelG = lifeAccelG
            self.lifeGyroDegPerSecond = lifeGyroDegPerSecond
            self.notWornAfterSeconds = notWornAfterSeconds
        }

        public static let `default` = Settings()
    }

    public let settings: Settings
    private let invMotionTau: Double
    private let invBaselineTau: Double
    /// The settings' figures as the per-sample tests use them, taken once.
    private let lyingCosine: Double
    private let movingAccelSquared: Double
    private var accelLp = Vector3.zero  // g
    private var accelEnergy = 0.0  // g²
    private var gyroLp = 0.0  // deg/s
    private var fastMagnitude = 0.0  // g
    private var slowMagnitude = 0.0  // g
    private var armed = true
    private var sinceStepSeconds = 1e9
    private var regularSteps = 0
    private var started = false
    private var life: LifeSigns
    /// Seconds without signs of life (leaky: time with them counts down twice as fast).
    public private(set) var motionlessSeconds = 0.0
    public private(set) var activity: Activity = .still

    /// No breathing or sway seen lately: the sensor may be off the body (`notWorn` once it has
    /// lasted `notWornAfterSeconds`). Never while moving, walking or lying.
    public var motionless: Bool { motionlessSeconds > 0 }

    public init(settings: Settings = .default) {
        self.settings = settings
        invMotionTau = 1 / max(settings.motionTimeConstantSeconds, 1e-6)
        invBaselineTau = 1 / max(settings.accelBaselineTimeConstantSeconds, 1e-6)
        lyingCosine = TiltMath.cos(settings.lyingInclinationDeg * TiltMath.radiansPerDegree)
        movingAccelSquared = settings.movingAccelG * settings.movingAccelG
        life = LifeSigns(settings: settings)
    }

    /// Feeds one sample: accelerometer in g, gyroscope in deg/s if any, trunk inclination from the
    /// calibrated upright in degrees if known, and the time step in seconds. Non-finite input is
    /// ignored. Returns the activity after this sample.
    @discardableResult
    public mutating func update(accel: Vector3, gyro: Vector3?, trunkInclinationDeg: Double?, dt: Double) -> Activity {
        let lying = trunkInclinationDeg.map { $0.isFinite && $0 > settings.lyingInclinationDeg } ?? false
        return update(accel: accel, gyro: gyro, lying: lying, dt: dt)
    }

    /// The same with the cosine of the trunk inclination (`AngleReference.measure`), which spares
    /// the per-sample arc cosine: lying is `cosine < cos(lyingInclinationDeg)`.
    @discardableResult
    public mutating func update(accel: Vector3, gyro: Vector3?, trunkInclinationCosine: Double?, dt: Double) -> Activity {
        let lying = trunkInclinationCosine.map { $0.isFinite && $0 < lyingCosine } ?? false
        return update(accel: accel, gyro: gyro, lying: lying, dt: dt)
    }

    private mutating func update(accel: Vector3, gyro: Vector3?, lying: Bool, dt: Double) -> Activity {
        guard accel.isFinite, dt.isFinite, dt > 0 || !started, gyro?.isFinite ?? true else { return activity }
        let magnitude = accel.length
        if !started {
            started = true
            accelLp = accel
            fastMagnitude = magnitude
            slowMagnitude = magnitude
            life.start(accel: accel, gyro: gyro)
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

        let moving = accelEnergy > movingAccelSquared || gyroLp > settings.movingGyroDegPerSecond
        let handled = moving || regularSteps >= settings.stepsToWalk
        let lively = life.update(accel: accel, gyro: gyro, dt: dt, moving: handled)
        if handled {
            motionlessSeconds = 0
        } else if lively {
            motionlessSeconds = max(motionlessSeconds - 2 * dt, 0)
        } else if settings.notWornAfterSeconds > 0 {
            motionlessSeconds += dt
        }
        if settings.notWornAfterSeconds > 0, motionlessSeconds >= settings.notWornAfterSeconds {
            activity = .notWorn
        } else if lying {
            activity = .lying
        } else if regularSteps >= settings.stepsToWalk {
            activity = .walking
        } else if moving {
            activity = .moving
        } else {
            activity = .still
        }
        return activity
    }
}

/// The slow band (0.08–0.3 Hz) of the accelerometer and gyroscope, where breathing and sway live,
/// with the white noise's share taken out.
struct LifeSigns: Sendable {
    /// Low-pass (0.3 Hz) and baseline (0.08 Hz) time constants, the energy average's, and that of
    /// a quick low-pass (1.6 Hz) that the band restarts from after movement, in s.
    static let fastTau = 0.5, slowTau = 2.0, energyTau = 4.0, quickTau = 0.1
    private var accel = SlowBand(), gyro = SlowBand()
    /// The limits as mean squares, taken once from the settings.
    private let accelLimit: Double, gyroLimit: Double

    init(settings: ActivityDetector.Settings) {
        accelLimit = settings.lifeAccelG * settings.lifeAccelG
        gyroLimit = settings.lifeGyroDegPerSecond * settings.lifeGyroDegPerSecond
    }

    /// The first sample: a sensor is presumed worn until it has been silent for a while.
    mutating func start(accel a: Vector3, gyro g: Vector3?) {
        accel.start(a, limit: accelLimit)
        if let g, g.isFinite { gyro.start(g, limit: gyroLimit) }
    }

    /// Feeds one sample; returns whether it shows signs of life. While `moving` (carried or
    /// handled: someone has it), the band restarts from the present at a level just above the
    /// limits, and the noise estimates keep their values, so that a sensor put down falls silent
    /// within seconds and a worn one keeps its signs.
    mutating func update(accel a: Vector3, gyro g: Vector3?, dt: Double, moving: Bool) -> Bool {
        let accelLively = accel.update(a, dt: dt, moving: moving, limit: accelLimit)
        guard let g, g.isFinite else { return accelLively }
        let gyroLively = gyro.update(g, dt: dt, moving: moving, limit: gyroLimit)
        return accelLively || gyroLively
    }
}

/// One sensor's slow band and the white noise above it.
struct SlowBand: Sendable {
    private var quick = Vector3.zero, fast = Vector3.zero, slow = Vector3.zero
    /// Mean squared band signal, and mean squared residue above the band (the noise).
    private var band = 0.0, noise = 0.0
    private var started = false

    /// Starts from `v`, presumed alive: the band just above `limit` (a mean square).
    mutating func start(_ v: Vector3, limit: Double) {
        quick = v
        fast = v
        slow = v
        band = 1.5 * limit
        started = true
    }

    /// Feeds `v`; returns whether the band, less the noise's share, is above `limit`.
    mutating func update(_ v: Vector3, dt: Double, moving: Bool, limit: Double) -> Bool {
        if !started { start(v, limit: limit) }
        // White noise of mean square N per sample leaves about N·dt/(2·fastTau) after the low-pass.
        let noiseShare = dt / (2 * LifeSigns.fastTau)
        quick += (v - quick) * min(dt / LifeSigns.quickTau, 1)
        if moving {
            // From the present (the quick low-pass), not the slower filters' memory of the movement.
            fast = quick
            slow = quick
            band = 1.5 * limit + noise * noiseShare
        } else {
            let kEnergy = min(dt / LifeSigns.energyTau, 1)
            fast += (v - fast) * min(dt / LifeSigns.fastTau, 1)
            slow += (fast - slow) * min(dt / LifeSigns.slowTau, 1)
            band += ((fast - slow).squaredLength - band) * kEnergy
            noise += ((v - fast).squaredLength - noise) * kEnergy
        }
        return band - noise * noiseShare > limit
    }
}
