import IMU

/// Register-level MPU-6050 family: reset, sleep, ranges, sample-rate divider,
/// data-ready and FIFO-overflow flags (cleared on read), a FIFO of accel+gyro
/// frames with its byte count and read port.
public final class MPU6050Emulator: IMUChipEmulator {
    private typealias Map = MPU6050Map
    private var fifo: [UInt8] = []
    public var fifoCapacity: Int { Map.fifoCapacity(model) }
    /// Bytes waiting in the FIFO.
    public var fifoLevel: Int { fifo.count }

    public init(model: ChipModel = .mpu6050) {
        precondition(model.family == .invensenseMPU, "an MPU-6050 family chip")
        super.init(model: model, defaults: [
            Map.whoAmI: model.identity.idValue,
            Map.powerManagement1: 0x40,  // SLEEP after power-on
        ])
    }

    override var isMeasuring: Bool { Map.sleep.extract(from: peek(Map.powerManagement1)) == 0 }

    override var outputRateHz: Double {
        let filtered = (1...6).contains(Map.lowPass.extract(from: peek(Map.config)))
        return (filtered ? 1000 : 8000) / (1 + Double(peek(Map.sampleRateDivider)))
    }

    public var accelRange: AccelRange { AccelRange.allCases[Int(Map.accelFullScale.extract(from: peek(Map.accelConfig)))] }
    public var gyroRange: GyroRange { GyroRange.allCases[Int(Map.gyroFullScale.extract(from: peek(Map.gyroConfig)))] }

    override func latch(_ motion: SensedMotion) {
        let accel = encode(motion.accelerationG, countsPerUnit: Map.scales.countsPerG(accelRange))
        let gyro = encode(motion.angularRateDegPerSecond, countsPerUnit: Map.scales.countsPerDPS(gyroRange))
        let accelBytes = bigEndianBytes(accel)
        let gyroBytes = bigEndianBytes(gyro)
        let data = accelBytes + [0, 0] + gyroBytes  // temperature reads as 0 (36.53 °C)
        for (offset, byte) in data.enumerated() { poke(Map.accelXHigh + UInt8(offset), byte) }
        poke(Map.interruptStatus, Map.dataReady.insert(1, into: peek(Map.interruptStatus)))
        if Map.userFIFOEnable.extract(from: peek(Map.userControl)) == 1 {
            let enabled = peek(Map.fifoEnable)
            var frame: [UInt8] = []
            if enabled & Map.fifoEnableAccel != 0 { frame += accelBytes }
            if enabled & Map.fifoEnableGyroXYZ == Map.fifoEnableGyroXYZ { frame += gyroBytes }
            for byte in frame {
                if fifo.count >= fifoCapacity {
                    fifo.removeFirst()  // the oldest byte is overwritten
                    poke(Map.interruptStatus, Map.fifoOverflow.insert(1, into: peek(Map.interruptStatus)))
                }
                fifo.append(byte)
            }
        }
    }

    override func writeRegister(_ register: UInt8, _ value: UInt8) {
        switch register {
        case Map.powerManagement1 where Map.deviceReset.extract(from: value) == 1:
            loadDefaults()
            fifo.removeAll()
            resetClock()
        case Map.userControl:
            if Map.userFIFOReset.extract(from: value) == 1 { fifo.removeAll() }
            super.writeRegister(register, Map.userFIFOReset.insert(0, into: value))  // self-clearing
        case Map.whoAmI, Map.interruptStatus, Map.fifoCountHigh, Map.fifoCountHigh + 1:
            break  // read-only
        default:
            super.writeRegister(register, value)
        }
    }

    override func readRegister(_ register: UInt8) -> UInt8 {
        switch register {
        case Map.interruptStatus:
            let value = peek(register)
            poke(register, 0)  // flags clear on read
            return value
        case Map.fifoCountHigh: return UInt8(fifo.count >> 8)
        case Map.fifoCountHigh + 1: return UInt8(fifo.count & 0xff)
        case Map.fifoData: return fifo.isEmpty ? 0xff : fifo.removeFirst()
        default: return peek(register)
        }
    }

    /// The FIFO port does not advance the register pointer.
    override func advance(after register: UInt8) -> UInt8 {
        register == Map.fifoData ? register : register &+ 1
    }
}
