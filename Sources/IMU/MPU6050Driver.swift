import I2C

/// Driver for the MPU-6050 family: accelerometer and gyroscope, 1 KB (6050)
/// or 512 B FIFO of 12-byte accel+gyro frames.
public final class MPU6050Driver: IMUDriver {
    public let chip: ChipModel
    public let device: RegisterDevice
    public private(set) var configuration = IMUConfiguration.default
    public private(set) var outputRateHz = 0.0
    public let scales = MPU6050Map.scales
    public var health = DataHealth()
    private let delay: ChipDelay
    private typealias Map = MPU6050Map

    public init(chip: ChipModel, bus: any I2CBus, address: UInt8, delay: @escaping ChipDelay = systemDelay) {
        precondition(chip.family == .invensenseMPU, "MPU6050Driver drives the MPU-6050 family")
        self.chip = chip
        self.device = RegisterDevice(bus: bus, address: address)
        self.delay = delay
    }

    public func configure(_ configuration: IMUConfiguration) throws(IMUError) {
        let divider = Self.divider(forRate: configuration.outputRateHz)
        try onBus { () throws(I2CError) in
            // Reset to known register values; the reset bit clears itself within 100 ms.
            try device.write(Map.powerManagement1, Map.deviceReset.insert(1, into: 0))
            delay(0.1)
            // Wake (SLEEP = 0) on the gyro PLL clock.
            try device.write(Map.powerManagement1, Map.clockSource.insert(Map.clockPLLGyroX, into: 0))
            try device.update(Map.lowPass, to: Map.lowPass44Hz)
            try device.write(Map.sampleRateDivider, divider)
            try device.update(Map.gyroFullScale, to: UInt8(configuration.gyroRange.index))
            try device.update(Map.accelFullScale, to: UInt8(configuration.accelRange.index))
            if configuration.useFIFO {
                try device.write(Map.fifoEnable, Map.fifoEnableAccel | Map.fifoEnableGyroXYZ)
                try resetFIFO()
            } else {
                try device.write(Map.fifoEnable, 0)
            }
        }
        self.configuration = configuration
        outputRateHz = Map.internalRateHz / (1 + Double(divider))
        health.reset()
    }

    /// SMPLRT_DIV for the rate nearest `rateHz` (1 kHz / (1 + divider)).
    static func divider(forRate rateHz: Double) -> UInt8 {
        let clamped = min(max(rateHz, Map.internalRateHz / 256), Map.internalRateHz)
        return UInt8((Map.internalRateHz / clamped - 1).rounded())
    }

    public func readRaw() throws(IMUError) -> RawSample {
        let b = try onBus { () throws(I2CError) in try device.read(Map.accelXHigh, count: Map.burstLength) }
        return RawSample(
            acceleration: SIMD3(int16(high: b[0], low: b[1]), int16(high: b[2], low: b[3]), int16(high: b[4], low: b[5])),
            // b[6...7] is the temperature.
            angularRate: SIMD3(int16(high: b[8], low: b[9]), int16(high: b[10], low: b[11]), int16(high: b[12], low: b[13]))
        )
    }

    public func drainFIFO(into samples: inout [IMUSample]) throws(IMUError) -> FIFODrain {
        guard configuration.useFIFO else {
            samples.append(try read())
            return FIFODrain(samples: 1, overflowed: false)
        }
        let (count, overflowed) = try onBus { () throws(I2CError) -> (Int, Bool) in
            // Reading INT_STATUS clears its flags, so the overflow flag is read once per drain.
            let status = try device.read(Map.interruptStatus)
            let counts = try device.read(Map.fifoCountHigh, count: 2)
            return (Int(counts[0]) << 8 | Int(counts[1]), Map.fifoOverflow.extract(from: status) == 1)
        }
        if overflowed || count > Map.fifoCapacity(chip) {
            // Frames are misaligned after an overflow: drop them, start over, report the gap.
            try onBus { () throws(I2CError) in try resetFIFO() }
            return FIFODrain(samples: 0, overflowed: true)
        }
        let frames = count / Map.fifoFrameLength
        guard frames > 0 else { return FIFODrain(samples: 0, overflowed: false) }
        let bytes = try onBus { () throws(I2CError) in
            try device.read(Map.fifoData, count: frames * Map.fifoFrameLength, walk: .fifoPort)
        }
        for frame in 0..<frames {
            let f = frame * Map.fifoFrameLength
            let raw = RawSample(
                acceleration: SIMD3(int16(high: bytes[f], low: bytes[f + 1]), int16(high: bytes[f + 2], low: bytes[f + 3]),
                                    int16(high: bytes[f + 4], low: bytes[f + 5])),
                angularRate: SIMD3(int16(high: bytes[f + 6], low: bytes[f + 7]), int16(high: bytes[f + 8], low: bytes[f + 9]),
                                   int16(high: bytes[f + 10], low: bytes[f + 11])))
            samples.append(try accept(raw))
        }
        return FIFODrain(samples: frames, overflowed: false)
    }

    private func resetFIFO() throws(I2CError) {
        try device.write(Map.userControl, Map.userFIFOReset.insert(1, into: 0))
        try device.write(Map.userControl, Map.userFIFOEnable.insert(1, into: 0))
    }
}
