// Gyroscope-aided gravity estimator.
//
// The idea (in the spirit of VQF, Laidig & Seel 2023; written from the description, not the code):
// integrate the gyroscope into an orientation `q` of a frame I that only drifts slowly, express each
// accelerometer sample in I, and low-pass filter it there. In I, gravity is almost constant while
// the body rotates, and linear accelerations average out, so the filtered vector is the up
// direction in I. Rotating it back into the sensor frame gives the estimate. Sustained translation
// only adds a zero-mean term in I, so the estimate does not run away the way a gated correction can.
//
// The gyroscope bias makes I rotate. At rest the bias is learnt from the low-passed gyroscope; in
// motion from the rate at which the filtered up direction keeps moving in I (only the components
// across gravity are observable, the others are kept).

/// Fuses a gyroscope and an accelerometer into the up direction in the sensor frame.
///
/// Pure and deterministic: no allocation, no I/O, no clock. The caller passes the time step.
public struct TiltFilter: Sendable {
    /// Settings in user units. Derived constants are computed once, in `init` / `settings`'s setter.
    public struct Settings: Equatable, Sendable {
        /// Time constant of the accelerometer low-pass in the gyro-integrated frame, in seconds.
        public var accelTimeConstantSeconds: Double
        /// Duration after the first sample in which the accelerometer is trusted more, in seconds.
        public var startupSeconds: Double
        /// Accelerometer time constant during start-up, in seconds.
        public var startupAccelTimeConstantSeconds: Double
        /// An accelerometer magnitude further than this from 1 g is ignored (impacts, taps), in g.
        /// 0 disables the rejection.
        public var accelRejectionG: Double
        /// After ignoring the accelerometer this long without a break, it is used again, in seconds.
        public var recoverySeconds: Double
        /// Low-pass time constant of the signals the rest detector compares against, in seconds.
        public var restFilterTimeConstantSeconds: Double
        /// Rest: the gyroscope stays within this of its low-passed value, in deg/s.
        public var restGyroDeviationDegPerSecond: Double
        /// Rest: the accelerometer stays within this of its low-passed value, in g.
        public var restAccelDeviationG: Double
        /// Rest must last this long before the bias is learnt from it, in seconds.
        public var restMinSeconds: Double
        /// Time constant of bias learning at rest, in seconds.
        public var restBiasTimeConstantSeconds: Double
        /// Time constant of bias learning in motion, in seconds. 0 disables learning in motion.
        public var motionBiasTimeConstantSeconds: Double
        /// Largest gyroscope bias the filter will learn, per axis, in deg/s.
        public var maxBiasDegPerSecond: Double
        /// Damping ratio of the second-order accelerometer low-pass (0.707: Butterworth).
        public var accelFilterDamping: Double

        public init(
            accelTimeConstantSeconds: Double = 3,
            startupSeconds: Double = 1,
            startupAccelTimeConstantSeconds: Double = 0.2,
            accelRejectionG: Double = 0,
            recoverySeconds: Double = 1,
            restFilterTimeConstantSeconds: Double = 0.5,
            restGyroDeviationDegPerSecond: Double = 2,
            restAccelDeviationG: Double = 0.05,
            restMinSeconds: Double = 1.5,
            restBiasTimeConstantSeconds: Double = 2,
            motionBiasTimeConstantSeconds: Double = 100,
            maxBiasDegPerSecond: Double = 5,
            accelFilterDamping: Double = 0.707_106_781_186_547_5
        ) {
            self.accelTimeConstantSeconds = accelTimeConstantSeconds
            self.startupSeconds = startupSeconds
            self.startupAccelTimeConstantSeconds = startupAccelTimeConstantSeconds
            self.accelRejectionG = accelRejectionG
            self.recoverySeconds = recoverySeconds
            self.restFilterTimeConstantSeconds = restFilterTimeConstantSeconds
            self.restGyroDeviationDegPerSecond = restGyroDeviationDegPerSecond
            self.restAccelDeviationG = restAccelDeviationG
            self.restMinSeconds = restMinSeconds
            self.restBiasTimeConstantSeconds = restBiasTimeConstantSeconds
            self.motionBiasTimeConstantSeconds = motionBiasTimeConstantSeconds
            self.maxBiasDegPerSecond = maxBiasDegPerSecond
            self.accelFilterDamping = accelFilterDamping
        }

        public static let `default` = Settings()
    }

    /// What the filter is doing; a caller uses it to hold back alerts.
    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Within `startupSeconds` of the first sample.
        public static let startingUp = Flags(rawValue: 1 << 0)
        /// The last accelerometer sample was ignored (magnitude too far from 1 g).
        public static let accelerometerIgnored = Flags(rawValue: 1 << 1)
        /// The accelerometer was ignored for `recoverySeconds` and is being used again.
        public static let recovering = Flags(rawValue: 1 << 2)
        /// The gyroscope bias has been learnt (at rest, or long enough in motion).
        public static let biasConverged = Flags(rawValue: 1 << 3)
        /// The rest detector sees the sensor at rest.
        public static let atRest = Flags(rawValue: 1 << 4)
    }

    // Derived constants (from settings).
    private var invAccelTau = 0.0
    private var invStartupTau = 0.0
    private var invRestFilterTau = 0.0
    private var restGyroDeviationSquared = 0.0
    private var restAccelDeviationSquared = 0.0
    private var invRestBiasTau = 0.0
    private var invMotionBiasTau = 0.0
    private var motionBiasGain = 0.0
    private var maxBias = 0.0
    private var motionBiasWarmupSeconds = 0.0
    private var omega = 0.0  // natural frequency of the accelerometer low-pass, rad/s
    private var startupOmega = 0.0
    private var twoZeta = 0.0

    /// The settings; assigning recomputes the derived constants and keeps the state.
    public var settings: Settings {
        didSet { derive() }
    }

    // State.
    private var q = Quaternion.identity  // sensor frame -> gyro-integrated frame I
    private var lowPass = Vector3.zero  // accelerometer in I, low-passed, g
    private var lowPassRate = Vector3.zero  // its time derivative, g/s
    private var gyroLp = Vector3.zero  // rest detector, deg/s
    private var accelLp = Vector3.zero  // rest detector, g
    private var restSeconds = 0.0
    private var biasRadPerSecond = Vector3.zero
    private var elapsedSeconds = 0.0
    private var ignoredSeconds = 0.0
    private var biasLearntSeconds = 0.0
    private var started = false
    private var upSensor = Vector3.unitZ
    public private(set) var flags: Flags = []
    /// Samples refused because they held NaN or infinity, or a time step that was not positive.
    public private(set) var rejectedSampleCount = 0

    public init(settings: Settings = .default) {
        self.settings = settings
        derive()
    }

    private mutating func derive() {
        let s = settings
        invAccelTau = 1 / max(s.accelTimeConstantSeconds, 1e-6)
        invStartupTau = 1 / max(s.startupAccelTimeConstantSeconds, 1e-6)
        invRestFilterTau = 1 / max(s.restFilterTimeConstantSeconds, 1e-6)
        restGyroDeviationSquared = s.restGyroDeviationDegPerSecond * s.restGyroDeviationDegPerSecond
        restAccelDeviationSquared = s.restAccelDeviationG * s.restAccelDeviationG
        invRestBiasTau = 1 / max(s.restBiasTimeConstantSeconds, 1e-6)
        invMotionBiasTau = s.motionBiasTimeConstantSeconds != 0 ? 1 / s.motionBiasTimeConstantSeconds : 0
        motionBiasGain = invMotionBiasTau
        maxBias = s.maxBiasDegPerSecond * TiltMath.radiansPerDegree
        // Learning in motion waits until the low-pass has settled after start-up, so the start-up
        // transient is not taken for a bias.
        motionBiasWarmupSeconds = s.startupSeconds + 3 * s.accelTimeConstantSeconds
        // Natural frequency sqrt(2)/tau: with Butterworth damping, the -3 dB cut-off is 1/(sqrt(2) pi tau) Hz
        // and the delay at low frequencies is tau.
        omega = 2.squareRoot() / max(s.accelTimeConstantSeconds, 1e-6)
        startupOmega = 2.squareRoot() / max(s.startupAccelTimeConstantSeconds, 1e-6)
        twoZeta = 2 * s.accelFilterDamping
    }

    /// The estimated up direction (opposite to gravity) in the sensor frame, a unit vector.
    public var up: Vector3 { upSensor }

    /// The gravity direction in the sensor frame, a unit vector (`-up`).
    public var gravity: Vector3 { -upSensor }

    /// The learnt gyroscope bias, in deg/s.
    public var gyroBiasDegPerSecond: Vector3 { biasRadPerSecond * TiltMath.degreesPerRadian }

    /// Restarts from the next sample, keeping the learnt bias.
    public mutating func reset() {
        let bias = biasRadPerSecond
        let learnt = biasLearntSeconds
        self = TiltFilter(settings: settings)
        biasRadPerSecond = bias
        biasLearntSeconds = learnt
    }

    /// Feeds one sample. `gyro` in deg/s, `accel` in g, both in the sensor's axes; `dt` in seconds
    /// since the previous sample (ignored for the first one). A sample with a non-finite value or a
    /// non-positive `dt` after the first is refused and counted; the estimate is kept.
    public mutating func update(gyro: Vector3, accel: Vector3, dt: Double) {
        guard gyro.isFinite, accel.isFinite, dt.isFinite, !started || dt > 0 else {
            rejectedSampleCount &+= 1
            return
        }
        if !started {
            start(accel: accel, gyro: gyro)
            return
        }
        elapsedSeconds += dt
        detectRest(gyro: gyro, accel: accel, dt: dt)

        // Strapdown integration of the bias-corrected rate. The rotation quaternion
        // (cos(θ/2), sin(θ/2) n) is expanded to third order in θ = |ω| dt (error ~θ⁵/3840).
        let r = TiltMath.radiansPerDegree
        let wx = (gyro.x * r - biasRadPerSecond.x) * dt
        let wy = (gyro.y * r - biasRadPerSecond.y) * dt
        let wz = (gyro.z * r - biasRadPerSecond.z) * dt
        let theta2 = wx * wx + wy * wy + wz * wz
        let c = 1 - theta2 * 0.125
        let sHalf = 0.5 - theta2 * (1.0 / 48)
        q = (q * Quaternion(w: c, x: wx * sHalf, y: wy * sHalf, z: wz * sHalf)).normalized

        // Accelerometer in I, with rejection of impacts.
        var accelI = q.rotate(accel)
        var usedAccel = true
        if settings.accelRejectionG > 0 {
            let deviation = accel.length - 1
            if deviation > settings.accelRejectionG || deviation < -settings.accelRejectionG {
                ignoredSeconds += dt
                if ignoredSeconds < settings.recoverySeconds {
                    usedAccel = false
                    flags.insert(.accelerometerIgnored)
                    flags.remove(.recovering)
                } else {
                    flags.remove(.accelerometerIgnored)
                    flags.insert(.recovering)
                }
            } else {
                ignoredSeconds = 0
                flags.remove([.accelerometerIgnored, .recovering])
            }
        }
        let startingUp = elapsedSeconds < settings.startupSeconds
        if startingUp { flags.insert(.startingUp) } else { flags.remove(.startingUp) }
        if usedAccel {
            // Second-order low-pass, semi-implicit Euler; the frequency is capped so that slow
            // logs (a few Hz) stay stable.
            var w = startingUp ? startupOmega : omega
            if w * dt > 0.5 { w = 0.5 / dt }
            lowPassRate += ((accelI - lowPass) * (w * w) - lowPassRate * (twoZeta * w)) * dt
            lowPass += lowPassRate * dt
        } else {
            accelI = lowPass
        }

        guard let upI = lowPass.normalized else { return }

        // Bias in motion: the filtered up direction turns in I at e = upI x d(lowPass)/dt / |lowPass|
        // (|lowPass| ~ 1 g); that rotation is the bias error across gravity, mapped back to the
        // sensor frame.
        if motionBiasGain != 0, !flags.contains(.atRest), elapsedSeconds > motionBiasWarmupSeconds, usedAccel {
            let e = upI.cross(lowPassRate)
            // A drift faster than the largest bias is motion, not bias: clamp it.
            let eSensor = clampBias(q.inverseRotate(e))
            let g = motionBiasGain * dt
            biasRadPerSecond = clampBias(biasRadPerSecond + eSensor * g)
            biasLearntSeconds += dt * invMotionBiasTau * 0.05
        }
        upSensor = q.inverseRotate(upI)
        if biasLearntSeconds >= 1 { flags.insert(.biasConverged) }
    }

    private mutating func start(accel: Vector3, gyro: Vector3) {
        started = true
        q = .identity
        lowPass = accel
        lowPassRate = .zero
        gyroLp = gyro
        accelLp = accel
        if let u = accel.normalized { upSensor = u }
        flags.insert(.startingUp)
    }

    private mutating func detectRest(gyro: Vector3, accel: Vector3, dt: Double) {
        let a = min(dt * invRestFilterTau, 1)
        gyroLp += (gyro - gyroLp) * a
        accelLp += (accel - accelLp) * a
        let still = (gyro - gyroLp).squaredLength < restGyroDeviationSquared
            && (accel - accelLp).squaredLength < restAccelDeviationSquared
            && gyroLp.x.magnitude * TiltMath.radiansPerDegree < maxBias
            && gyroLp.y.magnitude * TiltMath.radiansPerDegree < maxBias
            && gyroLp.z.magnitude * TiltMath.radiansPerDegree < maxBias
        if still {
            restSeconds += dt
        } else {
            restSeconds = 0
        }
        if restSeconds >= settings.restMinSeconds {
            flags.insert(.atRest)
            let k = min(dt * invRestBiasTau, 1)
            biasRadPerSecond += (gyroLp * TiltMath.radiansPerDegree - biasRadPerSecond) * k
            biasRadPerSecond = clampBias(biasRadPerSecond)
            biasLearntSeconds += dt * invRestBiasTau / 3
        } else {
            flags.remove(.atRest)
        }
    }

    private func clampBias(_ b: Vector3) -> Vector3 {
        Vector3(min(max(b.x, -maxBias), maxBias), min(max(b.y, -maxBias), maxBias), min(max(b.z, -maxBias), maxBias))
    }
}
