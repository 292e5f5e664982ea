import I2C

/// Driver for ST's LIS3DH accelerometer in high-resolution (12-bit) mode,
/// with its 32-level FIFO in stream mode.
public final class LIS3DHDriver: IMUDriver {
    public let chip: ChipModel = .lis3dh
    public let device: RegisterDevice
    public private(set) var configuration = IMUConfiguration.default
    public private(set) var outputRateHz = 0.0
    public let scales = LIS3DHMap.scales
    public var health = DataHealth()
    public var fullScaleCounts: Int16 { LIS3DHMap.fullScaleCounts }
    private typealias Map = LIS3DHMap

    public init(bus: any I2CBus, address: UInt8) {
        self.device = RegisterDevice(bus: bus, address: address)
    }

    public func configure(_ configuration: IMUConfiguration) throws(IMUError) {
        let rate = Map.rateCode(for: configuration.outputRateHz)
        try onBus { () throws(I2CError) in
            // BDU, range, high resolution first, then the rate starts sampling.
            try device.write(Map.ctrl4, Map.blockDataUpdate.insert(1, into: Map.highResolution.insert(1,
                                         into: Map.fullScale.insert(UInt8(configuration.accelRange.index), into: 0))))
            try device.write(Map.ctrl1, Map.dataRate.insert(rate, into: Map.axesEnable.insert(Map.allAxes, into: 0)))
            // Bypass empties the FIFO.
            try device.write(Map.fifoControl, Map.fifoMode.insert(Map.fifoModeBypass, into: 0))
            if configuration.useFIFO {
                try device.write(Map.ctrl5, Map.fifoEnable.insert(1, into: 0))
                try device.write(Map.fifoControl, Map.fifoMode.insert(Map.fifoModeStream, into: 0))
            } else {
                try device.write(Map.ctrl5, 0)
            }
        }
        self.configuration = configuration
        outputRateHz = Map.rateHz(code: rate)
        health.reset()
    }

    public func readRaw() throws(IMUError) -> RawSample {
        // Bit 7 of the address makes the chip walk OUT_X_L … OUT_Z_H.
        let b = try onBus { () throws(I2CError) in
            try device.read(Map.outXLow | Map.autoIncrement, count: Map.burstLength)
        }
        // Arithmetic shift: the 12-bit sample keeps its sign.
        func sample(_ low: UInt8, _ high: UInt8) -> Int16 { int16(high: high, low: low) >> Map.justification }
        return RawSample(acceleration: SIMD3(sample(b[0], b[1]), sample(b[2], b[3]), sample(b[4], b[5])))
    }

    /// One 6-byte burst per FIFO level; an overrun means samples were
    /// overwritten, so the FIFO starts over and the gap is reported.
    public func drainFIFO(into samples: inout [IMUSample]) throws(IMUError) -> FIFODrain {
        guard configuration.useFIFO else {
            samples.append(try read())
            return FIFODrain(samples: 1, overflowed: false)
        }
        let source = try onBus { () throws(I2CError) in try device.read(Map.fifoSource) }
        if Map.fifoOverrun.extract(from: source) == 1 {
            try onBus { () throws(I2CError) in
                try device.write(Map.fifoControl, Map.fifoMode.insert(Map.fifoModeBypass, into: 0))
                try device.write(Map.fifoControl, Map.fifoMode.insert(Map.fifoModeStream, into: 0))
            }
            return FIFODrain(samples: 0, overflowed: true)
        }
        let unread = Map.fifoEmpty.extract(from: source) == 1 ? 0 : Int(Map.fifoUnread.extract(from: source))
        for _ in 0..<unread {
            samples.append(try read())
        }
        return FIFODrain(samples: unread, overflowed: false)
    }
}
