import IMU

/// Register-level LSM6DS3 / LSM6DS3TR-C / LSM6DSOX: soft reset, power-down
/// (ODR code 0), ranges with the out-of-order FS_XL codes, data-ready flags,
/// IF_INC address walking, and the FIFO of its variant: patterned 16-bit
/// words read through FIFO_DATA_OUT_L/H with FIFO_PATTERN, or tagged 7-byte
/// words read through 0x78–0x7e; unread-word count, overrun in continuous mode.
public final class LSM6DSEmulator: IMUChipEmulator {
    private typealias Map = LSM6DSMap
    public let variant: LSM6DSVariant
    /// Patterned FIFO: 16-bit words, stored as bytes (low, high) oldest first.
    private var patternBytes: [UInt8] = []
    /// Bytes of the patterned FIFO read so far, for FIFO_PATTERN.
    private var patternBytesRead = 0
    /// Tagged FIFO: whole 7-byte words, oldest first.
    private var taggedWords: [[UInt8]] = []
    private var tagCounter: UInt8 = 0
    private var overrun = false

    public init(model: ChipModel = .lsm6ds3) {
        precondition(model.family == .stLSM6DS, "an LSM6DS family chip")
        variant = LSM6DSVariant.of(model)
        super.init(model: model, defaults: [
            Map.whoAmI: model.identity.idValue,
            Map.ctrl3Common: Map.ctrl3Default,
        ])
    }

    /// Words waiting in the FIFO (16-bit words or tagged words).
    public var fifoWords: Int {
        switch variant.fifoLayout {
        case .patterned: patternBytes.count / 2
        case .tagged: taggedWords.count
        }
    }

    override var isMeasuring: Bool {
        Map.accelRate.extract(from: peek(Map.ctrl1Accel)) != 0 || Map.gyroRate.extract(from: peek(Map.ctrl2Gyro)) != 0
    }

    override var outputRateHz: Double {
        let code = max(Map.accelRate.extract(from: peek(Map.ctrl1Accel)), Map.gyroRate.extract(from: peek(Map.ctrl2Gyro)))
        return Map.rateHz(code: code)
    }

    public var accelRange: AccelRange {
        let code = Map.accelFullScale.extract(from: peek(Map.ctrl1Accel))
        return AccelRange.allCases[Map.accelRangeCodes.firstIndex(of: code) ?? 0]
    }

    public var gyroRange: GyroRange {
        GyroRange.allCases[Int(Map.gyroFullScale.extract(from: peek(Map.ctrl2Gyro)))]
    }

    override func latch(_ motion: SensedMotion) {
        let gyro = littleEndianBytes(encode(motion.angularRateDegPerSecond, countsPerUnit: Map.scales.countsPerDPS(gyroRange)))
        let accel = littleEndianBytes(encode(motion.accelerationG, countsPerUnit: Map.scales.countsPerG(accelRange)))
        for (offset, byte) in (gyro + accel).enumerated() { poke(Map.gyroXLow + UInt8(offset), byte) }
        poke(Map.status, Map.gyroDataReady.insert(1, into: Map.accelDataReady.insert(1, into: peek(Map.status))))
        switch variant.fifoLayout {
        case .patterned: batchPatterned(gyro: gyro, accel: accel)
        case .tagged: batchTagged(gyro: gyro, accel: accel)
        }
    }

    private func batchPatterned(gyro: [UInt8], accel: [UInt8]) {
        let control = peek(Map.fifoCtrl5)
        guard Map.fifoModePatterned.extract(from: control) == Map.fifoModeContinuous,
              Map.fifoRate.extract(from: control) != 0 else { return }
        let decimation = peek(Map.fifoCtrl3)
        var frame: [UInt8] = []
        if Map.fifoGyroDecimation.extract(from: decimation) == Map.fifoNoDecimation { frame += gyro }
        if Map.fifoAccelDecimation.extract(from: decimation) == Map.fifoNoDecimation { frame += accel }
        for byte in frame {
            if patternBytes.count >= 2 * variant.fifoCapacityWords {
                // The oldest word is overwritten; the pattern moves on with it.
                patternBytes.removeFirst(2)
                patternBytesRead += 2
                overrun = true
            }
            patternBytes.append(byte)
        }
    }

    private func batchTagged(gyro: [UInt8], accel: [UInt8]) {
        guard Map.fifoModeTagged.extract(from: peek(Map.fifoCtrl4)) == Map.fifoModeContinuous else { return }
        let rates = peek(Map.fifoBatchRates)
        let count = Map.tagCount.insert(tagCounter, into: 0)
        tagCounter = (tagCounter + 1) & 0x03
        var words: [[UInt8]] = []
        if Map.gyroBatchRate.extract(from: rates) != 0 { words.append([Map.tagSensor.insert(Map.tagGyro, into: count)] + gyro) }
        if Map.accelBatchRate.extract(from: rates) != 0 { words.append([Map.tagSensor.insert(Map.tagAccel, into: count)] + accel) }
        for word in words {
            if taggedWords.count >= variant.fifoCapacityWords {
                taggedWords.removeFirst()
                overrun = true
            }
            taggedWords.append(word)
        }
    }

    private func clearFIFO() {
        patternBytes.removeAll()
        patternBytesRead = 0
        taggedWords.removeAll()
        tagCounter = 0
        overrun = false
    }

    override func writeRegister(_ register: UInt8, _ value: UInt8) {
        switch register {
        case Map.ctrl3Common where Map.softReset.extract(from: value) == 1:
            loadDefaults()
            clearFIFO()
            resetClock()
        case Map.ctrl3Common:
            // BOOT reloads trimming values and clears itself; nothing to model.
            super.writeRegister(register, Map.reboot.insert(0, into: value))
        case Map.fifoCtrl5 where variant.fifoLayout == .patterned:
            if Map.fifoModePatterned.extract(from: value) == Map.fifoModeBypass { clearFIFO() }
            super.writeRegister(register, value)
        case Map.fifoCtrl4 where variant.fifoLayout == .tagged:
            if Map.fifoModeTagged.extract(from: value) == Map.fifoModeBypass { clearFIFO() }
            super.writeRegister(register, value)
        case Map.whoAmI, Map.status, Map.fifoStatus1...Map.fifoDataLow + 1, Map.fifoTag...Map.fifoTag + 6:
            break  // read-only
        case Map.gyroXLow..<(Map.gyroXLow + UInt8(Map.burstLength)):
            break  // output registers are read-only
        default:
            super.writeRegister(register, value)
        }
    }

    override func readRegister(_ register: UInt8) -> UInt8 {
        switch register {
        case Map.fifoStatus1:
            return UInt8(truncatingIfNeeded: fifoWords)
        case Map.fifoStatus2:
            var value = UInt8(truncatingIfNeeded: fifoWords >> 8) & variant.unreadWordsHighMask
            value = Map.fifoOverrun.insert(overrun ? 1 : 0, into: value)
            value = Map.fifoFull.insert(fifoWords >= variant.fifoCapacityWords ? 1 : 0, into: value)
            if variant.fifoLayout == .patterned { value = Map.fifoEmpty.insert(fifoWords == 0 ? 1 : 0, into: value) }
            return value
        case Map.fifoStatus3 where variant.fifoLayout == .patterned:
            return UInt8(truncatingIfNeeded: patternPosition)
        case Map.fifoStatus4 where variant.fifoLayout == .patterned:
            return UInt8(truncatingIfNeeded: patternPosition >> 8)
        case Map.fifoDataLow...(Map.fifoDataLow + 1) where variant.fifoLayout == .patterned:
            guard !patternBytes.isEmpty else { return 0 }
            patternBytesRead += 1
            return patternBytes.removeFirst()
        case Map.fifoTag where variant.fifoLayout == .tagged:
            // Reading the tag moves the next word into the output registers.
            let word = taggedWords.isEmpty ? [UInt8](repeating: 0, count: Map.taggedWordLength) : taggedWords.removeFirst()
            for (offset, byte) in word.enumerated() { poke(Map.fifoTag + UInt8(offset), byte) }
            return word[0]
        case Map.gyroXLow..<Map.accelXLow:
            poke(Map.status, Map.gyroDataReady.insert(0, into: peek(Map.status)))
            return peek(register)
        case Map.accelXLow..<(Map.accelXLow + 6):
            poke(Map.status, Map.accelDataReady.insert(0, into: peek(Map.status)))
            return peek(register)
        default:
            return peek(register)
        }
    }

    /// Which word of the Gx Gy Gz Ax Ay Az pattern is read next.
    private var patternPosition: Int {
        let wordsPerFrame = (Map.fifoGyroDecimation.extract(from: peek(Map.fifoCtrl3)) != 0 ? 3 : 0)
            + (Map.fifoAccelDecimation.extract(from: peek(Map.fifoCtrl3)) != 0 ? 3 : 0)
        return wordsPerFrame == 0 ? 0 : (patternBytesRead / 2) % wordsPerFrame
    }

    /// IF_INC walks the registers; the FIFO ports roll back to their start.
    override func advance(after register: UInt8) -> UInt8 {
        guard Map.autoIncrement.extract(from: peek(Map.ctrl3Common)) == 1 else { return register }
        switch (variant.fifoLayout, register) {
        case (.patterned, Map.fifoDataLow + 1): return Map.fifoDataLow
        case (.tagged, Map.fifoTag + 6): return Map.fifoTag
        default: return register &+ 1
        }
    }
}
