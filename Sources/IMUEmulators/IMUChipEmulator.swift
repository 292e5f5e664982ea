import I2C
import IMU

/// What an emulated chip is measuring at a moment: the physics it encodes.
public struct SensedMotion: Sendable, Equatable {
    /// Specific force in g, in the chip's axes.
    public var accelerationG: SIMD3<Double>
    /// Angular rate in deg/s, in the chip's axes.
    public var angularRateDegPerSecond: SIMD3<Double>

    public init(accelerationG: SIMD3<Double>, angularRateDegPerSecond: SIMD3<Double> = .zero) {
        self.accelerationG = accelerationG
        self.angularRateDegPerSecond = angularRateDegPerSecond
    }

    /// Lying flat, face up, at rest.
    public static let flat = SensedMotion(accelerationG: SIMD3(0, 0, 1))
}

/// Shared behaviour of the emulated IMUs: a clock that produces samples at
/// the configured output rate, encoding, FIFO, freezing.
///
/// A chip subclass supplies its register semantics and says how it encodes a
/// sample (`latch`), whether it is awake, its rate and its FIFO.
public class IMUChipEmulator: RegisterFileDevice {
    public let model: ChipModel
    /// What the chip senses now; the next produced sample encodes it.
    public var motion = SensedMotion.flat
    /// When set, samples stop updating (the "stuck values" fault).
    public var frozen = false
    /// White noise added to each produced sample: RMS in g and in °/s.
    /// Zero by default, so exact round-trip tests see exact values.
    public var noise = SensorNoise.none
    /// Constant offsets added to every sample: zero-g offset (g) and zero-rate offset (°/s).
    public var bias = SensedMotion(accelerationG: .zero, angularRateDegPerSecond: .zero)
    /// When set, each produced sample senses `sensing(t)` at its own instant `t`
    /// (chip time, seconds), instead of the fixed `motion`.
    public var sensing: ((Double) -> SensedMotion)?
    /// Chip time: seconds of `advance` since creation.
    public private(set) var timeSeconds = 0.0
    private var random = SplitMix64(seed: 0x5eed)
    /// Time not yet turned into samples, in seconds.
    private var pendingTimeSeconds = 0.0
    /// Samples produced since power-on (or reset).
    public internal(set) var producedSamples = 0

    init(model: ChipModel, defaults: [UInt8: UInt8]) {
        self.model = model
        super.init(defaults: defaults)
    }

    /// Lets `seconds` of chip time pass, producing samples at the output rate.
    public func advance(by seconds: Double) {
        precondition(seconds >= 0, "time runs forward")
        timeSeconds += seconds
        guard isMeasuring, outputRateHz > 0 else { return }
        pendingTimeSeconds += seconds
        let period = 1 / outputRateHz
        while pendingTimeSeconds >= period * (1 - 1e-9) {
            pendingTimeSeconds -= period
            if let sensing { motion = sensing(timeSeconds - pendingTimeSeconds) }
            if !frozen {
                latch(noisy(motion))
                producedSamples += 1
            }
        }
    }

    /// Sets the motion and produces one sample now, whatever the clock.
    public func present(_ motion: SensedMotion) {
        self.motion = motion
        if !frozen { latch(noisy(motion)); producedSamples += 1 }
    }

    /// Seeds the noise generator, so a run repeats exactly.
    public func seedNoise(_ seed: UInt64) { random = SplitMix64(seed: seed) }

    private func noisy(_ motion: SensedMotion) -> SensedMotion {
        var out = motion
        out.accelerationG += bias.accelerationG
        out.angularRateDegPerSecond += bias.angularRateDegPerSecond
        guard noise != .none else { return out }
        out.accelerationG += SIMD3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()) * noise.accelG
        out.angularRateDegPerSecond += SIMD3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()) * noise.gyroDegPerSecond
        return out
    }

    // MARK: For chip subclasses

    /// Whether the chip is out of sleep/power-down and sampling.
    var isMeasuring: Bool { true }
    var outputRateHz: Double { 0 }
    /// Encodes one sample into the data registers (and FIFO, when running).
    func latch(_ motion: SensedMotion) {}

    func resetClock() {
        pendingTimeSeconds = 0
        producedSamples = 0
    }
}

/// Per-sample white noise of a sensor, RMS.
public struct SensorNoise: Sendable, Equatable {
    public var accelG: Double
    public var gyroDegPerSecond: Double

    public init(accelG: Double, gyroDegPerSecond: Double) {
        self.accelG = accelG
        self.gyroDegPerSecond = gyroDegPerSecond
    }

    public static let none = SensorNoise(accelG: 0, gyroDegPerSecond: 0)

    /// From datasheet noise densities (µg/√Hz, °/s/√Hz) and the filter bandwidth in Hz.
    public static func density(accelMicroGPerRootHz: Double, gyroDegPerSecondPerRootHz: Double, bandwidthHz: Double) -> SensorNoise {
        let root = bandwidthHz.squareRoot()
        return SensorNoise(accelG: accelMicroGPerRootHz * 1e-6 * root, gyroDegPerSecond: gyroDegPerSecondPerRootHz * root)
    }

    /// MPU-6050 product specification: 400 µg/√Hz, 0.005 °/s/√Hz, at the 44 Hz low-pass the driver sets.
    public static let mpu6050 = density(accelMicroGPerRootHz: 400, gyroDegPerSecondPerRootHz: 0.005, bandwidthHz: 44)
}

/// Counts for a physical value at `countsPerUnit`, rounded, clipped to 16 bits.
func encode(_ value: Double, countsPerUnit: Double) -> Int16 {
    let counts = (value * countsPerUnit).rounded()
    if counts >= Double(Int16.max) { return .max }
    if counts <= Double(Int16.min) { return .min }
    return Int16(counts)
}

func encode(_ vector: SIMD3<Double>, countsPerUnit: Double) -> SIMD3<Int16> {
    SIMD3(encode(vector.x, countsPerUnit: countsPerUnit), encode(vector.y, countsPerUnit: countsPerUnit),
          encode(vector.z, countsPerUnit: countsPerUnit))
}

/// Big-endian bytes of a vector, X first.
func bigEndianBytes(_ v: SIMD3<Int16>) -> [UInt8] {
    [v.x, v.y, v.z].flatMap { value -> [UInt8] in
        let bits = UInt16(bitPattern: value)
        return [UInt8(bits >> 8), UInt8(bits & 0xff)]
    }
}

/// Little-endian bytes of a vector, X first.
func littleEndianBytes(_ v: SIMD3<Int16>) -> [UInt8] {
    [v.x, v.y, v.z].flatMap { value -> [UInt8] in
        let bits = UInt16(bitPattern: value)
        return [UInt8(bits & 0xff), UInt8(bits >> 8)]
    }
}
