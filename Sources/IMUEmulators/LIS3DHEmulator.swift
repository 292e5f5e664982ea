import IMU

/// Register-level LIS3DH: power-down until an ODR is set, high-resolution
/// (12-bit), normal (10-bit) and low-power (8-bit) samples left-justified in
/// 16 bits, the address auto-increment rule (bit 7 of the register address;
/// without it the pointer stays put), data-ready and data-overrun flags, and
/// a 32-level FIFO in stream mode popped by each read of the output registers.
public final class LIS3DHEmulator: IMUChipEmulator {
    private typealias Map = LIS3DHMap
    private var fifo: [[UInt8]] = []
    private var fifoOverrun = false
    /// Whether the current access walks the registers (bit 7 of its address).
    private var walking = false

    public init() {
        super.init(model: .lis3dh, defaults: [
            Map.whoAmI: ChipModel.lis3dh.identity.idValue,
            Map.ctrl1: Map.ctrl1Default,
        ])
    }

    /// Samples waiting in the FIFO.
    public var fifoLevel: Int { fifo.count }

    override var isMeasuring: Bool { Map.dataRate.extract(from: peek(Map.ctrl1)) != 0 }
    override var outputRateHz: Double { Map.rateHz(code: Map.dataRate.extract(from: peek(Map.ctrl1))) }

    public var accelRange: AccelRange { AccelRange.allCases[Int(Map.fullScale.extract(from: peek(Map.ctrl4)))] }

    /// Bits per sample: 12 in high resolution, 8 in low power, 10 otherwise.
    public var sampleBits: Int {
        if Map.highResolution.extract(from: peek(Map.ctrl4)) == 1 { return 12 }
        return Map.lowPower.extract(from: peek(Map.ctrl1)) == 1 ? 8 : 10
    }

    private var fifoRunning: Bool {
        Map.fifoEnable.extract(from: peek(Map.ctrl5)) == 1
            && Map.fifoMode.extract(from: peek(Map.fifoControl)) != Map.fifoModeBypass
    }

    /// The left-justified 16-bit value for `g`.
    private func encoded(_ g: Double) -> Int16 {
        let bits = sampleBits
        let countsPerG = Map.scales.countsPerG(accelRange) / Double(1 << (12 - bits))
        let limit = Double((1 << (bits - 1)) - 1)
        let counts = Int16(max(min((g * countsPerG).rounded(), limit), -limit - 1))
        return counts << Int16(16 - bits)
    }

    override func latch(_ motion: SensedMotion) {
        let a = motion.accelerationG
        let bytes = littleEndianBytes(SIMD3(encoded(a.x), encoded(a.y), encoded(a.z)))
        var status = peek(Map.status)
        if Map.dataReady.extract(from: status) == 1 { status = Map.dataOverrun.insert(1, into: status) }
        poke(Map.status, Map.dataReady.insert(1, into: status))
        if fifoRunning {
            if fifo.count >= Map.fifoDepth {
                fifo.removeFirst()  // stream mode: the oldest is overwritten
                fifoOverrun = true
            }
            fifo.append(bytes)
        } else {
            for (offset, byte) in bytes.enumerated() { poke(Map.outXLow + UInt8(offset), byte) }
        }
    }

    override func selectPointer(_ byte: UInt8) -> UInt8 {
        walking = byte & Map.autoIncrement != 0
        return byte & ~Map.autoIncrement
    }

    override func advance(after register: UInt8) -> UInt8 {
        walking ? register &+ 1 : register
    }

    override func writeRegister(_ register: UInt8, _ value: UInt8) {
        switch register {
        case Map.fifoControl:
            if Map.fifoMode.extract(from: value) == Map.fifoModeBypass {
                fifo.removeAll()
                fifoOverrun = false
            }
            super.writeRegister(register, value)
        case Map.ctrl5:
            super.writeRegister(register, Map.reboot.insert(0, into: value))  // BOOT clears itself
        case Map.whoAmI, Map.status, Map.fifoSource, Map.outXLow..<(Map.outXLow + 6):
            break  // read-only
        default:
            super.writeRegister(register, value)
        }
    }

    override func readRegister(_ register: UInt8) -> UInt8 {
        switch register {
        case Map.outXLow:
            if fifoRunning, !fifo.isEmpty {
                for (offset, byte) in fifo.removeFirst().enumerated() { poke(Map.outXLow + UInt8(offset), byte) }
            }
            poke(Map.status, Map.dataReady.insert(0, into: Map.dataOverrun.insert(0, into: peek(Map.status))))
            return peek(register)
        case Map.fifoSource:
            var value = Map.fifoUnread.insert(UInt8(min(fifo.count, Map.fifoDepth - 1)), into: 0)
            value = Map.fifoEmpty.insert(fifo.isEmpty ? 1 : 0, into: value)
            return Map.fifoOverrun.insert(fifoOverrun ? 1 : 0, into: value)
        default:
            return peek(register)
        }
    }
}
