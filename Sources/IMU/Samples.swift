/// Counts as the chip produced them, in the chip's own axes.
public struct RawSample: Sendable, Equatable {
    public var acceleration: SIMD3<Int16>
    /// `nil` for accelerometer-only chips.
    public var angularRate: SIMD3<Int16>?

    public init(acceleration: SIMD3<Int16>, angularRate: SIMD3<Int16>? = nil) {
        self.acceleration = acceleration
        self.angularRate = angularRate
    }
}

/// Physical values in the sensor's own axes.
public struct IMUSample: Sendable, Equatable {
    /// Specific force, in g (1 g = 9.80665 m/s²); about (0, 0, 1) lying flat, face up.
    public var accelerationG: SIMD3<Double>
    /// Angular rate in degrees per second; `nil` for accelerometer-only chips.
    public var angularRateDegPerSecond: SIMD3<Double>?
    /// True when an axis sat at the end of its range: the value is clipped.
    public var saturated: Bool

    public init(accelerationG: SIMD3<Double>, angularRateDegPerSecond: SIMD3<Double>? = nil, saturated: Bool = false) {
        self.accelerationG = accelerationG
        self.angularRateDegPerSecond = angularRateDegPerSecond
        self.saturated = saturated
    }
}

/// Accelerometer full-scale range, in g.
public enum AccelRange: Int, CaseIterable, Sendable, Codable {
    case g2 = 2, g4 = 4, g8 = 8, g16 = 16

    /// Position in `allCases`, which is also the range code most chips use.
    public var index: Int {
        switch self { case .g2: 0; case .g4: 1; case .g8: 2; case .g16: 3 }
    }
}

/// Gyroscope full-scale range, in degrees per second.
public enum GyroRange: Int, CaseIterable, Sendable, Codable {
    case dps250 = 250, dps500 = 500, dps1000 = 1000, dps2000 = 2000

    /// Position in `allCases`, which is also the range code most chips use.
    public var index: Int {
        switch self { case .dps250: 0; case .dps500: 1; case .dps1000: 2; case .dps2000: 3 }
    }
}

/// What the driver is asked to set up.
public struct IMUConfiguration: Sendable, Equatable {
    public var accelRange: AccelRange
    public var gyroRange: GyroRange
    /// Output data rate, in Hz; drivers pick the nearest rate the chip offers.
    public var outputRateHz: Double
    /// Buffer samples in the chip's FIFO, so the host wakes a few times a second.
    public var useFIFO: Bool

    public init(accelRange: AccelRange = .g2, gyroRange: GyroRange = .dps250, outputRateHz: Double = 100, useFIFO: Bool = true) {
        self.accelRange = accelRange
        self.gyroRange = gyroRange
        self.outputRateHz = outputRateHz
        self.useFIFO = useFIFO
    }

    public static let `default` = IMUConfiguration()
}

/// Sensitivities of one chip family, per range: the scale tables.
public struct ScaleTable: Sendable {
    /// Counts per g of the 16-bit value as read, for ±2, 4, 8, 16 g.
    public let accelCountsPerG: [Double]
    /// Counts per degree per second, for ±250, 500, 1000, 2000 °/s (empty without a gyroscope).
    public let gyroCountsPerDPS: [Double]

    public init(accelCountsPerG: [Double], gyroCountsPerDPS: [Double]) {
        precondition(accelCountsPerG.count == AccelRange.allCases.count, "one sensitivity per accelerometer range")
        precondition(gyroCountsPerDPS.isEmpty || gyroCountsPerDPS.count == GyroRange.allCases.count,
                     "one sensitivity per gyroscope range")
        self.accelCountsPerG = accelCountsPerG
        self.gyroCountsPerDPS = gyroCountsPerDPS
    }

    public func countsPerG(_ range: AccelRange) -> Double { accelCountsPerG[range.index] }
    public func countsPerDPS(_ range: GyroRange) -> Double { gyroCountsPerDPS[range.index] }

    public func scale(_ raw: RawSample, accel: AccelRange, gyro: GyroRange, saturated: Bool) -> IMUSample {
        let a = countsPerG(accel)
        let acceleration = SIMD3<Double>(Double(raw.acceleration.x), Double(raw.acceleration.y), Double(raw.acceleration.z)) / a
        var rate: SIMD3<Double>?
        if let w = raw.angularRate, !gyroCountsPerDPS.isEmpty {
            let g = countsPerDPS(gyro)
            rate = SIMD3<Double>(Double(w.x), Double(w.y), Double(w.z)) / g
        }
        return IMUSample(accelerationG: acceleration, angularRateDegPerSecond: rate, saturated: saturated)
    }
}

/// What one FIFO drain produced.
public struct FIFODrain: Sendable, Equatable {
    public var samples: Int
    /// The FIFO had overflowed: samples were lost before this drain, so the
    /// caller must record a gap.
    public var overflowed: Bool

    public init(samples: Int, overflowed: Bool) {
        self.samples = samples
        self.overflowed = overflowed
    }
}
