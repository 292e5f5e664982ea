// Gyroscope-aided gravity estimator.
//
// The idea (in the spirit of VQF, Laidig & Seel 2023; written from the description, not the code):
// low-pass filter the accelerometer in a frame I that the gyroscope keeps fixed in the world (it
// only drifts slowly). In I, gravity is almost constant while the body rotates, and linear
// accelerations average out, so the filtered vector is the up direction. Linear acceleration in I
// integrates to a change of velocity, which stays bounded however long the translation lasts, so
// its share of the low-passed vector stays small and the estimate does not run away the way a
// gated correction can. For the same reason skipping samples (rejection) is off by default: a
// skipped half-cycle leaves the other half unbalanced. Measured on BROAD with
// `scripts/bench-accuracy --no-reference --extra "rej=--setting reject=0.5"`:
// mean inclination error 0.573° without rejection, 7.3° with a 0.5 g rejection.
//
// The filter's state (the low-passed vector and its rate) is kept as seen from the sensor: each
// step turns it back by the gyroscope's rotation, and the accelerometer is filtered in place. That
// is the same filter as integrating an orientation of I and rotating every sample into it, without
// the orientation, its normalisation and three matrix products per sample (`scripts/bench-cost`).
//
// The gyroscope bias makes I rotate. At rest the bias is learnt from the low-passed gyroscope; in
// motion from the rate at which the filtered up direction keeps moving in I (only the components
// across gravity are observable, the others are kept).
//
// Sensor latency. A MEMS sensor's output lags the motion by the group delay of its digital
// low-pass filters (milliseconds; datasheets tabulate it per filter setting), and a recording can
// add its own timing offset. During a fast turn that lag is an inclination error of rate × lag: on
// BROAD it is a quarter of the mean error (`bench/truth_shift.py`). With `sensorLatencySeconds` set, the
// estimate is predicted forward by it with the current bias-corrected rate (one cross product and a
// normalisation). A simulated sensor whose samples arrive late is compensated down to the filter's
// error without lag (TiltFilterTests). The filter cannot measure the latency itself: it comes from
// the datasheet or from a recording against a reference (`bench/accuracy.py` fits it on the other
// BROAD trials than the one it scores).

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
        /// 0 (the default) disables the rejection; see the note at the top of this file.
        public var accelRejectionG: Double
        /// After ignoring the accelerometer this long without a break, it is used again, in seconds.
        public var recoverySeconds: Double
        /// Low-pass time constant of the signals the rest detector compares against, in seconds.
        public var restFilterTimeConstantSeconds: Double
        /// Rest: the gyroscope stays within this of its low-passed value, in deg/s.
        public var restGyroDeviationDegPerSecond: Double
        /// Rest: the accelerometer stays within this of the filtered gravity, in g.
        public var restAccelDeviationG: Double
        /// Once a bias is known, rest also needs the low-passed gyroscope within this of it, in
        /// deg/s, so that a slow, smooth turn is not learnt as bias.
        public var restBiasOffsetDegPerSecond: Double
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
        /// How long the sensor's samples lag the motion, in seconds: the group delay of its
        /// digital low-pass filters and any timing offset of the recording. The estimate is
        /// predicted forward by it with the bias-corrected rate. 0 (the default) turns prediction
        /// off. See "Sensor latency" at the top of this file.
        public var sensorLatencySeconds: Double

        public init(
            accelTimeConstantSeconds: Double = 3,
            startupSeconds: Double = 1,
            startupAccelTimeConstantSeconds: Double = 0.2,
            accelRejectionG: Double = 0,
            recoverySeconds: Double = 1,
            restFilterTimeConstantSeconds: Double = 0.5,
            restGyroDeviationDegPerSecond: Double = 2,
            restAccelDeviationG: Double = 0.05,
            restBiasOffsetDegPerSecond: Double = 0.5,
            restMinSeconds: Double = 1.5,
            restBiasTimeConstantSeconds: Double = 2,
            motionBiasTimeConstantSeconds: Double = 100,
            maxBiasDegPerSecond: Double = 5,
            accelFilterDamping: Double = 0.707_106_781_186_547_5,
            sensorLatencySeconds: Double = 0
        ) {
            self.accelTimeConstantSeconds = accelTimeConstantSeconds
            self.startupSeconds = startupSeconds
            self.startupAccelTimeConstantSeconds = startupAccelTimeConstantSeconds
            self.accelRejectionG = accelRejectionG
            self.recoverySeconds = recoverySeconds
            self.restFilterTimeConstantSeconds = restFilterTimeConstantSeconds
            self.restGyroDeviationDegPerSecond = restGyroDeviationDegPerSecond
            self.restAccelDeviationG = restAccelDeviationG
            self.restBiasOffsetDegPerSecond = restBiasOffsetDegPerSecond
            self.restMinSeconds = restMinSeconds
            self.restBiasTimeConstantSeconds = restBiasTimeConstantSeconds
            self.motionBiasTimeConstantSeconds = motionBiasTimeConstantSeconds
            self.maxBiasDegPerSecond = maxBiasDegPerSecond
            self.accelFilterDamping = accelFilterDamping
            self.sensorLatencySeconds = sensorLatencySeconds
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
    private var invRestFilterTau = 0.0
    private var restGyroDeviationSquared = 0.0
    private var restAccelDeviationSquared = 0.0
    private var restBiasOffsetSquared = 0.0
    private var invRestBiasTau = 0.0
    private var invMotionBiasTau = 0.0
    private var motionBiasGain = 0.0
    private var maxBias = 0.0  // deg/s
    private var rejectionEnabled = false
    private var motionBiasWarmupSeconds = 0.0
    private var omega = 0.0  // natural frequency of the accelerometer low-pass, rad/s
    private var startupOmega = 0.0
    private var twoZeta = 0.0
    private var predicting = false

    /// The settings; assigning recomputes the derived constants and keeps the state.
    public var settings: Settings {
        didSet { derive() }
    }

    // Low-pass coefficients for the last time step (s) and start-up state.
    private var coefficientDt = -1.0
    private var coefficientStartup = false
    private var w2dt = 0.0
    private var dampDt = 0.0
    private var motionLearnRate = 0.0  // convergence credit per second of motion learning
    private var predictionGain = 0.0  // sensorLatencySeconds / dt

    // State.
    private var lowPass = Vector3.zero  // accelerometer low-passed in a world-fixed frame, seen from the sensor, g
    private var lowPassRate = Vector3.zero  // its time derivative in that frame, g/s
    private var gyroLp = Vector3.zero  // rest detector, deg/s
    private var restSeconds = 0.0
    private var biasDegPerSecond = Vector3.zero
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
        invRestFilterTau = 1 / max(s.restFilterTimeConstantSeconds, 1e-6)
        restGyroDeviationSquared = s.restGyroDeviationDegPerSecond * s.restGyroDeviationDegPerSecond
        restAccelDeviationSquared = s.restAccelDeviationG * s.restAccelDeviationG
        restBiasOffsetSquared = s.restBiasOffsetDegPerSecond * s.restBiasOffsetDegPerSecond
        invRestBiasTau = 1 / max(s.restBiasTimeConstantSeconds, 1e-6)
        invMotionBiasTau = s.motionBiasTimeConstantSeconds != 0 ? 1 / s.motionBiasTimeConstantSeconds : 0
        maxBias = s.maxBiasDegPerSecond
        rejectionEnabled = s.accelRejectionG > 0
        // e is in rad/s; the bias is kept in deg/s.
        motionBiasGain = invMotionBiasTau * TiltMath.degreesPerRadian
        motionLearnRate = invMotionBiasTau * 0.05
        coefficientDt = -1
        // Learning in motion waits until the low-pass has settled after start-up, so the start-up
        // transient is not taken for a bias.
        motionBiasWarmupSeconds = s.startupSeconds + 3 * s.accelTimeConstantSeconds
        // Natural frequency sqrt(2)/tau: with Butterworth damping, the -3 dB cut-off is 1/(sqrt(2) pi tau) Hz
        // and the delay at low frequencies is tau.
        omega = 2.squareRoot() / max(s.accelTimeConstantSeconds, 1e-6)
        startupOmega = 2.squareRoot() / max(s.startupAccelTimeConstantSeconds, 1e-6)
        twoZeta = 2 * s.accelFilterDamping
        predicting = s.sensorLatencySeconds != 0
    }

    /// The estimated up direction (opposite to gravity) in the sensor frame, a unit vector.
    public var up: Vector3 { upSensor }

    /// The gravity direction in the sensor frame, a unit vector (`-up`).
    public var gravity: Vector3 { -upSensor }

    /// The learnt gyroscope bias, in deg/s.
    public var gyroBiasDegPerSecond: Vector3 { biasDegPerSecond }

    /// Restarts from the next sample, keeping the learnt bias.
    public mutating func reset() {
        let bias = biasDegPerSecond
        let learnt = biasLearntSeconds
        self = TiltFilter(settings: settings)
        biasDegPerSecond = bias
        biasLearntSeconds = learnt
    }

    /// Feeds one sample. `gyro` in deg/s, `accel` in g, both in the sensor's axes; `dt` in seconds
    /// since the previous sample (ignored for the first one). A sample with a non-finite value or a
    /// non-positive `dt` after the first is refused and counted; the estimate is kept.
    public mutating func update(gyro: Vector3, accel: Vector3, dt: Double) {
        // One finiteness test for all seven inputs: a NaN or an infinity anywhere makes the sum NaN
        // or infinite, and then sum - sum is not 0.
        let sum = gyro.x + gyro.y + gyro.z + accel.x + accel.y + accel.z + dt
        guard sum - sum == 0, !started || dt > 0 else {
            rejectedSampleCount &+= 1
            return
        }
        if !started {
            start(accel: accel, gyro: gyro)
            return
        }
        elapsedSeconds += dt

        // Strapdown: the filter state lives in the sensor frame, so each step turns it by the
        // bias-corrected rotation θ = (ω - b) dt the other way (a world-fixed direction v turns
        // as Exp(-θ) v). Rodrigues' formula with sin θ/θ and (1 - cos θ)/θ² expanded to the
        // θ² term below 0.1 rad (relative error under 1e-6; any length error left is pulled back
        // by the low-pass), exact beyond (slow logs, fast turns).
        let k = TiltMath.radiansPerDegree * dt
        let ax = (gyro.x - biasDegPerSecond.x) * k
        let ay = (gyro.y - biasDegPerSecond.y) * k
        let az = (gyro.z - biasDegPerSecond.z) * k
        let theta2 = ax * ax + ay * ay + az * az
        var s1 = 1 - theta2 * (1.0 / 6)
        var s2 = 0.5 - theta2 * (1.0 / 24)
        if theta2 > 0.01 {
            let theta = theta2.squareRoot()
            s1 = TiltMath.sin(theta) / theta
            s2 = (1 - TiltMath.cos(theta)) / theta2
        }
        let theta = Vector3(ax, ay, az)
        var l = Self.turnBack(lowPass, by: theta, s1: s1, s2: s2)
        var v = Self.turnBack(lowPassRate, by: theta, s1: s1, s2: s2)

        // Accelerometer, with optional rejection of impacts.
        var usedAccel = true
        var newFlags = flags.intersection(.biasConverged)
        if rejectionEnabled {
            let deviation = accel.length - 1
            if deviation > settings.accelRejectionG || deviation < -settings.accelRejectionG {
                ignoredSeconds += dt
                if ignoredSeconds < settings.recoverySeconds {
                    usedAccel = false
                    newFlags.insert(.accelerometerIgnored)
                } else {
                    newFlags.insert(.recovering)
                }
            } else {
                ignoredSeconds = 0
            }
        }
        let startingUp = elapsedSeconds < settings.startupSeconds
        if startingUp { newFlags.insert(.startingUp) }
        // Coefficients that depend on the time step are recomputed only when it changes.
        if dt != coefficientDt || startingUp != coefficientStartup {
            // Second-order low-pass, semi-implicit Euler; the frequency is capped so that slow
            // logs (a few Hz) stay stable.
            var w = startingUp ? startupOmega : omega
            if w * dt > 0.5 { w = 0.5 / dt }
            w2dt = w * w * dt
            dampDt = twoZeta * w * dt
            predictionGain = settings.sensorLatencySeconds / dt
            coefficientDt = dt
            coefficientStartup = startingUp
        }
        if usedAccel {
            let dx = accel.x - l.x, dy = accel.y - l.y, dz = accel.z - l.z
            if detectRest(gyro: gyro, accelDeviationSquared: dx * dx + dy * dy + dz * dz, dt: dt) {
                newFlags.insert(.atRest)
            }
            v.x += dx * w2dt - v.x * dampDt
            v.y += dy * w2dt - v.y * dampDt
            v.z += dz * w2dt - v.z * dampDt
            l.x += v.x * dt
            l.y += v.y * dt
            l.z += v.z * dt
        }
        lowPass = l
        lowPassRate = v

        let n = l.squaredLength
        guard n > 1e-24 else {
            flags = newFlags
            return
        }
        let inv = 1 / n.squareRoot()
        let ux = l.x * inv, uy = l.y * inv, uz = l.z * inv

        // Bias in motion: the filtered up direction keeps turning, relative to the integrated
        // rotation, at e = up x d(lowPass)/dt / |lowPass| (|lowPass| ~ 1 g); that rotation is the bias
        // error across gravity. Integrated into the bias, which stays within maxBiasDegPerSecond.
        if motionBiasGain != 0, !newFlags.contains(.atRest), elapsedSeconds > motionBiasWarmupSeconds, usedAccel {
            let g = motionBiasGain * dt * inv
            biasDegPerSecond = clampBias(Vector3(
                biasDegPerSecond.x + (uy * v.z - uz * v.y) * g,
                biasDegPerSecond.y + (uz * v.x - ux * v.z) * g,
                biasDegPerSecond.z + (ux * v.y - uy * v.x) * g))
            biasLearntSeconds += dt * motionLearnRate
        }
        if predicting {
            // Predict forward: a world-fixed direction turns in the sensor frame as
            // d(up)/dt = up x ω; theta is ω dt in radians.
            let u = Vector3(ux, uy, uz)
            let p = u + u.cross(theta) * predictionGain
            upSensor = p * (1 / p.squaredLength.squareRoot())
        } else {
            upSensor = Vector3(ux, uy, uz)
        }
        if biasLearntSeconds >= 1 { newFlags.insert(.biasConverged) }
        flags = newFlags
    }

    private mutating func start(accel: Vector3, gyro: Vector3) {
        started = true
        lowPass = accel
        lowPassRate = .zero
        gyroLp = gyro
        if let u = accel.normalized { upSensor = u }
        flags.insert(.startingUp)
    }

    /// Rest detection: the gyroscope stays close to its own low-pass and within the bias limit, and
    /// the accelerometer stays close to the filtered gravity (`accelDeviationSquared`, g²).
    private mutating func detectRest(gyro: Vector3, accelDeviationSquared: Double, dt: Double) -> Bool {
        let a = min(dt * invRestFilterTau, 1)
        let gx = gyro.x - gyroLp.x, gy = gyro.y - gyroLp.y, gz = gyro.z - gyroLp.z
        gyroLp = Vector3(gyroLp.x + gx * a, gyroLp.y + gy * a, gyroLp.z + gz * a)
        // Once a bias is known, rest also needs the low-passed rate to sit near it: a slow, smooth
        // turn (a wearer sinking into a slump) keeps the gyroscope near its own low-pass and the
        // accelerometer steady in I, and would otherwise be learnt as bias.
        let still = gx * gx + gy * gy + gz * gz < restGyroDeviationSquared
            && accelDeviationSquared < restAccelDeviationSquared
            && gyroLp.x.magnitude < maxBias && gyroLp.y.magnitude < maxBias && gyroLp.z.magnitude < maxBias
            && (biasLearntSeconds < 1 || (gyroLp - biasDegPerSecond).squaredLength < restBiasOffsetSquared)
        restSeconds = still ? restSeconds + dt : 0
        guard restSeconds >= settings.restMinSeconds else { return false }
        let k = min(dt * invRestBiasTau, 1)
        biasDegPerSecond += (gyroLp - biasDegPerSecond) * k
        biasLearntSeconds += dt * invRestBiasTau / 3
        return true
    }

    /// `v` turned by Exp(-θ) (Rodrigues, with s1 = sin θ/θ and s2 = (1 - cos θ)/θ²).
    @inline(__always)
    private static func turnBack(_ v: Vector3, by theta: Vector3, s1: Double, s2: Double) -> Vector3 {
        let c = theta.cross(v)
        return v - c * s1 + theta.cross(c) * s2
    }

    private func clampBias(_ b: Vector3) -> Vector3 {
        Vector3(min(max(b.x, -maxBias), maxBias), min(max(b.y, -maxBias), maxBias), min(max(b.z, -maxBias), maxBias))
    }
}
