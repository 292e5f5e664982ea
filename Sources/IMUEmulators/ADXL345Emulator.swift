import IMU

/// Register-level ADXL345: standby until Measure, sleep at the wakeup rate,
/// full or 10-bit resolution at each range, DATA_READY and Overrun flags that
/// clear when the data are read, and a 32-entry FIFO (FIFO and stream modes)
/// popped by each read of the data registers.
public final class ADXL345Emulator: IMUChipEmulator {
    private typealias Map = ADXL345Map
    private var fifo: [[UInt8]] = []

    public init() {
        super.init(model: .adxl345, defaults: [
            Map.deviceID: ChipModel.adxl345.identity.idValue,
            Map.bandwidthRate: 0x0a,  // 100 Hz
        ])
    }

    /// Samples waiting in the FIFO.
    public var fifoEntries: Int { fifo.count }

    override var isMeasuring: Bool { Map.measure.extract(from: peek(Map.powerControl)) == 1 }

    override var outputRateHz: Double {
        let power = peek(Map.powerControl)
        if Map.sleep.extract(from: power) == 1 { return Map.wakeupRatesHz[Int(Map.wakeup.extract(from: power))] }
        return Map.rateHz(code: Map.rate.extract(from: peek(Map.bandwidthRate)))
    }

    public var accelRange: AccelRange { AccelRange.allCases[Int(Map.range.extract(from: peek(Map.dataFormat)))] }

    /// Counts for `g` as the data format encodes them: 256 LSB/g with 10 to 13
    /// bits in full resolution, 10 bits spread over the range otherwise.
    private func counts(_ g: Double) -> Int16 {
        let format = peek(Map.dataFormat)
        let fullResolution = Map.fullResolution.extract(from: format) == 1
        let countsPerG = fullResolution ? Map.countsPerG : 512 / Double(accelRange.rawValue)
        let limit = fullResolution ? Int(Map.fullScaleCounts(accelRange)) : 511
        let value = Int(max(min((g * countsPerG).rounded(), Double(limit)), Double(-limit - 1)))
        return Int16(value)
    }

    override func latch(_ motion: SensedMotion) {
        let v = SIMD3(counts(motion.accelerationG.x), counts(motion.accelerationG.y), counts(motion.accelerationG.z))
        let bytes = littleEndianBytes(v)
        poke(Map.interruptSource, Map.dataReady.insert(1, into: peek(Map.interruptSource)))
        switch Map.fifoMode.extract(from: peek(Map.fifoControl)) {
        case Map.fifoModeBypass:
            for (offset, byte) in bytes.enumerated() { poke(Map.dataX0 + UInt8(offset), byte) }
        case Map.fifoModeFIFO where fifo.count >= Map.fifoDepth:
            break  // FIFO mode stops collecting when full
        default:
            if fifo.count >= Map.fifoDepth { fifo.removeFirst() }  // stream: the oldest goes
            fifo.append(bytes)
            if fifo.count >= Map.fifoDepth {
                poke(Map.interruptSource, Map.overrun.insert(1, into: peek(Map.interruptSource)))
            }
        }
    }

    override func writeRegister(_ register: UInt8, _ value: UInt8) {
        switch register {
        case Map.fifoControl:
            if Map.fifoMode.extract(from: value) == Map.fifoModeBypass { fifo.removeAll() }
            super.writeRegister(register, value)
        case Map.deviceID, Map.interruptSource, Map.fifoStatus, Map.dataX0..<(Map.dataX0 + 6):
            break  // read-only
        default:
            super.writeRegister(register, value)
        }
    }

    override func readRegister(_ register: UInt8) -> UInt8 {
        switch register {
        case Map.dataX0:
            // A read of the data registers takes the oldest FIFO entry.
            if Map.fifoMode.extract(from: peek(Map.fifoControl)) != Map.fifoModeBypass, !fifo.isEmpty {
                for (offset, byte) in fifo.removeFirst().enumerated() { poke(Map.dataX0 + UInt8(offset), byte) }
            }
            let flags = Map.dataReady.insert(0, into: Map.overrun.insert(0, into: peek(Map.interruptSource)))
            poke(Map.interruptSource, fifo.isEmpty ? flags : Map.dataReady.insert(1, into: flags))
            return peek(register)
        case Map.fifoStatus:
            return Map.fifoEntries.insert(UInt8(fifo.count), into: peek(register))
        default:
            return peek(register)
        }
    }
}
