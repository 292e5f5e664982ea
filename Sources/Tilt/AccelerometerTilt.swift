// Gravity from the accelerometer alone, for chips without a gyroscope (ADXL345, LIS3DH).

/// Low-pass gravity estimate with motion gating. Three regimes, chosen per sample:
/// - still (the sample is close to its short low-pass and to 1 g): follow with `stillTimeConstantSeconds`;
/// - changing (orientation changing, moderate motion): follow more slowly, `movingTimeConstantSeconds`;
/// - impact (magnitude further than `impactThresholdG` from 1 g: steps, taps): hold the estimate,
///   for at most `recoverySeconds`, after which it follows again at the moving time constant, which
///   averages periodic motion such as walking instead of freezing.
public struct AccelerometerTilt: Sendable {
    public struct Settings: Equatable, Sendable {
        /// Time constant while still, in seconds.
        public var stillTimeConstantSeconds: Double
        /// Time constant while the orientation changes or the wearer moves, in seconds.
        public var movingTimeConstantSeconds: Double
        /// Time constant of the short low-pass used to measure motion, in seconds.
        public var motionFilterTimeConstantSeconds: Double
        /// Distance of a sample from the short low-pass that counts as motion, in g.
        public var motionThresholdG: Double
        /// Magnitude off 1 g that counts as an impact, in g.
        public var impactThresholdG: Double
        /// Longest hold through impacts before following again, in seconds.
        public var recoverySeconds: Double
        /// Duration after the first sample in which the estimate follows fast, in seconds.
        public var startupSeconds: Double

        public init(
            stillTimeConstantSeconds: Double = 0.2,
            movingTimeConstantSeconds: Double = 0.2,
            motionFilterTimeConstantSeconds: Double = 0.05,
            motionThresholdG: Double = 0.05,
            impactThresholdG: Double = 0.15,
            recoverySeconds: Double = 1,
            startupSeconds: Double = 0.5
        ) {
            self.stillTimeConstantSeconds = stillTimeConstantSeconds
            self.movingTimeConstantSeconds = movingTimeConstantSeconds
            self.motionFilterTimeConstantSeconds = motionFilterTimeConstantSeconds
            self.motionThresholdG = motionThresholdG
            self.impactThresholdG = impactThresholdG
            self.recoverySeconds = recoverySeconds
            self.startupSeconds = startupSeconds
        }

        public static let `default` = Settings()
    }

    public var settings: Settings {
        didSet { derive() }
    }

    private var invStillTau = 0.0
    private var invMovingTau = 0.0
    private var invMotionTau = 0.0
    private var motionThresholdSquared = 0.0

    private var estimate = Vector3.unitZ  // low-passed accelerometer, g
    private var shortLp = Vector3.unitZ  // g
    private var impactSeconds = 0.0
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
        invStillTau = 1 / max(settings.stillTimeConstantSeconds, 1e-6)
        invMovingTau = 1 / max(settings.movingTimeConstantSeconds, 1e-6)
        invMotionTau = 1 / max(settings.motionFilterTimeConstantSeconds, 1e-6)
        motionThresholdSquared = settings.motionThresholdG * settings.motionThresholdG
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
        let impact = magnitudeOff > settings.impactThresholdG || magnitudeOff < -settings.impactThresholdG
        let moving = (accel - shortLp).squaredLength > motionThresholdSquared
        var gain: Double
        if elapsedSeconds < settings.startupSeconds {
            flags = [.startingUp]
            gain = min(dt * invMotionTau, 1)
            impactSeconds = 0
        } else if impact {
            impactSeconds += dt
            if impactSeconds >= settings.recoverySeconds {
                flags = [.recovering]
                gain = min(dt * invMovingTau, 1)
            } else {
                flags = [.accelerometerIgnored]
                gain = 0
            }
        } else {
            impactSeconds = 0
            flags = []
            gain = min(dt * (moving ? invMovingTau : invStillTau), 1)
        }
        if gain > 0 {
            estimate += (accel - estimate) * gain
            if let u = estimate.normalized { upSensor = u }
        }
    }
}
