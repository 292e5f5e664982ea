// Gravity from the accelerometer alone, for chips without a gyroscope (ADXL345, LIS3DH).

/// Low-pass gravity estimate with motion gating: while the accelerometer shows motion (its
/// magnitude far from 1 g, or fast change), the estimate is held, so steps and taps do not swing it.
/// If motion lasts longer than `recoverySeconds`, the estimate follows again with a slower time
/// constant, which averages out periodic motion such as walking.
public struct AccelerometerTilt: Sendable {
    public struct Settings: Equatable, Sendable {
        /// Time constant of the estimate while still, in seconds.
        public var timeConstantSeconds: Double
        /// Time constant of the short low-pass used to measure motion, in seconds.
        public var motionFilterTimeConstantSeconds: Double
        /// Motion: magnitude off 1 g, or distance from the short low-pass, beyond this, in g.
        public var motionThresholdG: Double
        /// After this long in motion the estimate follows again (slowly), in seconds.
        public var recoverySeconds: Double
        /// Time constant while recovering, in seconds.
        public var recoveryTimeConstantSeconds: Double
        /// Duration after the first sample in which the estimate follows fast, in seconds.
        public var startupSeconds: Double

        public init(
            timeConstantSeconds: Double = 0.3,
            motionFilterTimeConstantSeconds: Double = 0.1,
            motionThresholdG: Double = 0.08,
            recoverySeconds: Double = 2,
            recoveryTimeConstantSeconds: Double = 2,
            startupSeconds: Double = 0.5
        ) {
            self.timeConstantSeconds = timeConstantSeconds
            self.motionFilterTimeConstantSeconds = motionFilterTimeConstantSeconds
            self.motionThresholdG = motionThresholdG
            self.recoverySeconds = recoverySeconds
            self.recoveryTimeConstantSeconds = recoveryTimeConstantSeconds
            self.startupSeconds = startupSeconds
        }

        public static let `default` = Settings()
    }

    public var settings: Settings {
        didSet { derive() }
    }

    private var invTau = 0.0
    private var invMotionTau = 0.0
    private var invRecoveryTau = 0.0
    private var thresholdSquared = 0.0

    private var estimate = Vector3.unitZ  // low-passed accelerometer, g
    private var shortLp = Vector3.unitZ  // g
    private var movingSeconds = 0.0
    private var elapsedSeconds = 0.0
    private var started = false
    private var upSensor = Vector3.unitZ
    public private(set) var flags: TiltFilter.Flags = []
    /// Samples refused because they held NaN or infinity, or a time step that was not positive.
    public private(set) var rejectedSampleCount = 0

    public init(settings: Settings = .default) {
        self.settings = settings
        derive()
    }

    private mutating func derive() {
        invTau = 1 / max(settings.timeConstantSeconds, 1e-6)
        invMotionTau = 1 / max(settings.motionFilterTimeConstantSeconds, 1e-6)
        invRecoveryTau = 1 / max(settings.recoveryTimeConstantSeconds, 1e-6)
        thresholdSquared = settings.motionThresholdG * settings.motionThresholdG
    }

    /// The estimated up direction in the sensor frame, a unit vector.
    public var up: Vector3 { upSensor }

    /// Feeds one sample: `accel` in g, `dt` in seconds since the previous sample. Non-finite values
    /// and non-positive steps (after the first sample) are refused and counted.
    public mutating func update(accel: Vector3, dt: Double) {
        guard accel.isFinite, dt.isFinite, !started || dt > 0 else {
            rejectedSampleCount &+= 1
            return
        }
        if !started {
            started = true
            estimate = accel
            shortLp = accel
            if let u = accel.normalized { upSensor = u }
            flags = [.startingUp]
            return
        }
        elapsedSeconds += dt
        shortLp += (accel - shortLp) * min(dt * invMotionTau, 1)
        let magnitudeOff = accel.length - 1
        let moving = magnitudeOff * magnitudeOff > thresholdSquared
            || (accel - shortLp).squaredLength > thresholdSquared
        var gain: Double
        if elapsedSeconds < settings.startupSeconds {
            flags = [.startingUp]
            gain = min(dt * invMotionTau, 1)
            movingSeconds = 0
        } else if moving {
            movingSeconds += dt
            if movingSeconds >= settings.recoverySeconds {
                flags = [.recovering]
                gain = min(dt * invRecoveryTau, 1)
            } else {
                flags = [.accelerometerIgnored]
                gain = 0
            }
        } else {
            movingSeconds = 0
            flags = []
            gain = min(dt * invTau, 1)
        }
        if gain > 0 {
            estimate += (accel - estimate) * gain
            if let u = estimate.normalized { upSensor = u }
        }
    }
}
