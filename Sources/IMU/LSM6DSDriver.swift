import I2C

/// Driver for ST's LSM6DS3, LSM6DS3TR-C and LSM6DSOX: accelerometer and
/// gyroscope at one output rate, FIFO of gyro+accel frames (patterned on the
/// LSM6DS3/3TR-C, tagged on the LSM6DSOX; see `LSM6DSVariant`).
public final class LSM6DSDriver: IMUDriver {
    public let chip: ChipModel
    public let device: RegisterDevice
    public let variant: LSM6DSVariant
    public private(set) var configuration = IMUConfiguration.default
    public private(set) var outputRateHz = 0.0
    public let scales = LSM6DSMap.scales
    public var health = DataHealth()
    private let delay: ChipDelay
    private typealias Map = LSM6DSMap

    public init(chip: ChipModel, bus: any I2CBus, address: UInt8, delay: @escaping ChipDelay = systemDelay) {
        precondition(chip.family == .stLSM6DS, "LSM6DSDriver drives the LSM6DS family")
        self.chip = chip
        self.variant = LSM6DSVariant.of(chip)
        self.device = RegisterDevice(bus: bus, address: address)
        self.delay = delay
    }

    public func configure(_ configuration: IMUConfiguration) throws(IMUError) {
        let rate = Map.rateCode(for: configuration.outputRateHz)
        let accel = Map.accelRate.insert(rate, into: Map.accelFullScale.insert(Map.accelRangeCodes[configuration.accelRange.index], into: 0))
        let gyro = Map.gyroRate.insert(rate, into: Map.gyroFullScale.insert(Map.gyroRangeCodes[configuration.gyroRange.index], into: 0))
        try onBus { () throws(I2CError) in
            // Software reset to the power-on register values; it clears itself.
            try device.write(Map.ctrl3Common, Map.softReset.insert(1, into: Map.ctrl3Default))
            delay(0.01)
            // BDU + IF_INC: a burst reads bytes of one sample, walking the registers.
            try device.write(Map.ctrl3Common, Map.blockDataUpdate.insert(1, into: Map.autoIncrement.insert(1, into: 0)))
            try device.write(Map.ctrl1Accel, accel)
            try device.write(Map.ctrl2Gyro, gyro)
            if configuration.useFIFO {
                switch variant.fifoLayout {
                case .patterned:
                    try device.write(Map.fifoCtrl3, Map.fifoGyroDecimation.insert(Map.fifoNoDecimation,
                                                   into: Map.fifoAccelDecimation.insert(Map.fifoNoDecimation, into: 0)))
                case .tagged:
                    try device.write(Map.fifoBatchRates, Map.gyroBatchRate.insert(rate, into: Map.accelBatchRate.insert(rate, into: 0)))
                }
                try resetFIFO(rate: rate)
            }
            // Without the FIFO the reset left it in bypass mode.
        }
        self.configuration = configuration
        outputRateHz = Map.rateHz(code: rate)
        health.reset()
    }

    public func readRaw() throws(IMUError) -> RawSample {
        let b = try onBus { () throws(I2CError) in try device.read(Map.gyroXLow, count: Map.burstLength) }
        return Self.decodeFrame(b, at: 0)
    }

    /// Gyro X,Y,Z then accel X,Y,Z, little-endian, from `bytes[offset...]`.
    static func decodeFrame(_ bytes: [UInt8], at offset: Int) -> RawSample {
        let gyro = littleEndianVector(bytes, at: offset)
        let accel = littleEndianVector(bytes, at: offset + 6)
        return RawSample(acceleration: accel, angularRate: gyro)
    }

    static func littleEndianVector(_ b: [UInt8], at o: Int) -> SIMD3<Int16> {
        SIMD3(int16(high: b[o + 1], low: b[o]), int16(high: b[o + 3], low: b[o + 2]), int16(high: b[o + 5], low: b[o + 4]))
    }

    public func drainFIFO(into samples: inout [IMUSample]) throws(IMUError) -> FIFODrain {
        guard configuration.useFIFO else {
            samples.append(try read())
            return FIFODrain(samples: 1, overflowed: false)
        }
        switch variant.fifoLayout {
        case .patterned: return try drainPatterned(into: &samples)
        case .tagged: return try drainTagged(into: &samples)
        }
    }

    private func drainPatterned(into samples: inout [IMUSample]) throws(IMUError) -> FIFODrain {
        // FIFO_STATUS1…4 in one read: unread words, flags, pattern position.
        let status = try onBus { () throws(I2CError) in try device.read(Map.fifoStatus1, count: 4) }
        let unread = Int(status[0]) | Int(status[1] & variant.unreadWordsHighMask) << 8
        if Map.fifoOverrun.extract(from: status[1]) == 1 {
            // Words were overwritten: drop the rest, start over, report the gap.
            try onBus { () throws(I2CError) in try resetFIFO(rate: Map.rateCode(for: configuration.outputRateHz)) }
            return FIFODrain(samples: 0, overflowed: true)
        }
        let pattern = (Int(status[2]) | Int(status[3] & 0x03) << 8) % Map.patternWords
        // A drain cut short (a bus error mid-read) leaves reading inside a
        // frame: skip to the next gyro X word.
        let skip = min((Map.patternWords - pattern) % Map.patternWords, unread)
        let frames = (unread - skip) / Map.patternWords
        guard frames > 0 else {
            if skip > 0 { _ = try onBus { () throws(I2CError) in try device.read(Map.fifoDataLow, count: 2 * skip, walk: .fifoPort) } }
            return FIFODrain(samples: 0, overflowed: false)
        }
        let bytes = try onBus { () throws(I2CError) in
            try device.read(Map.fifoDataLow, count: 2 * skip + frames * Map.patternFrameLength, walk: .fifoPort)
        }
        for frame in 0..<frames {
            samples.append(try accept(Self.decodeFrame(bytes, at: 2 * skip + frame * Map.patternFrameLength)))
        }
        return FIFODrain(samples: frames, overflowed: false)
    }

    private func drainTagged(into samples: inout [IMUSample]) throws(IMUError) -> FIFODrain {
        let status = try onBus { () throws(I2CError) in try device.read(Map.fifoStatus1, count: 2) }
        let unread = Int(status[0]) | Int(status[1] & variant.unreadWordsHighMask) << 8
        if Map.fifoOverrun.extract(from: status[1]) == 1 {
            try onBus { () throws(I2CError) in try resetFIFO(rate: Map.rateCode(for: configuration.outputRateHz)) }
            return FIFODrain(samples: 0, overflowed: true)
        }
        // Gyro and accel words of one instant share a TAG_CNT; pair them.
        var pendingCount: UInt8?
        var gyro: SIMD3<Int16>?
        var accel: SIMD3<Int16>?
        var produced = 0
        var left = unread
        while left > 0 {
            let words = min(left, Map.taggedWordsPerRead)
            let bytes = try onBus { () throws(I2CError) in
                try device.read(Map.fifoTag, count: words * Map.taggedWordLength, walk: .fifoPort)
            }
            left -= words
            for word in 0..<words {
                let o = word * Map.taggedWordLength
                let tag = Map.tagSensor.extract(from: bytes[o])
                let count = Map.tagCount.extract(from: bytes[o])
                guard tag == Map.tagGyro || tag == Map.tagAccel else { continue }  // timestamps, temperature, …
                if count != pendingCount {
                    // A new instant; a half pair left over lost its partner (FIFO start).
                    pendingCount = count
                    gyro = nil
                    accel = nil
                }
                let vector = Self.littleEndianVector(bytes, at: o + 1)
                if tag == Map.tagGyro { gyro = vector } else { accel = vector }
                if let g = gyro, let a = accel {
                    samples.append(try accept(RawSample(acceleration: a, angularRate: g)))
                    produced += 1
                    gyro = nil
                    accel = nil
                    pendingCount = nil
                }
            }
        }
        return FIFODrain(samples: produced, overflowed: false)
    }

    /// Bypass mode empties the FIFO and clears its flags; then continuous.
    private func resetFIFO(rate: UInt8) throws(I2CError) {
        switch variant.fifoLayout {
        case .patterned:
            let rated = Map.fifoRate.insert(rate, into: 0)
            try device.write(Map.fifoCtrl5, Map.fifoModePatterned.insert(Map.fifoModeBypass, into: rated))
            try device.write(Map.fifoCtrl5, Map.fifoModePatterned.insert(Map.fifoModeContinuous, into: rated))
        case .tagged:
            try device.write(Map.fifoCtrl4, Map.fifoModeTagged.insert(Map.fifoModeBypass, into: 0))
            try device.write(Map.fifoCtrl4, Map.fifoModeTagged.insert(Map.fifoModeContinuous, into: 0))
        }
    }
}
