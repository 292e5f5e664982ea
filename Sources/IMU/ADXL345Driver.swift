import I2C

/// Driver for the ADXL345 accelerometer, in full resolution, with its
/// 32-sample FIFO in stream mode.
public final class ADXL345Driver: IMUDriver {
    public let chip: ChipModel = .adxl345
    public let device: RegisterDevice
    public private(set) var configuration = IMUConfiguration.default
    public private(set) var outputRateHz = 0.0
    public let scales = ADXL345Map.scales
    public var health = DataHealth()
    public var fullScaleCounts: Int16 { ADXL345Map.fullScaleCounts(configuration.accelRange) }
    private typealias Map = ADXL345Map

    public init(bus: any I2CBus, address: UInt8) {
        self.device = RegisterDevice(bus: bus, address: address)
    }

    public func configure(_ configuration: IMUConfiguration) throws(IMUError) {
        let rate = Map.rateCode(for: configuration.outputRateHz)
        try onBus { () throws(I2CError) in
            // Standby while the settings change (the chip has no soft reset).
            try device.write(Map.powerControl, 0)
            try device.write(Map.dataFormat, Map.fullResolution.insert(1, into: Map.range.insert(UInt8(configuration.accelRange.index), into: 0)))
            try device.write(Map.bandwidthRate, Map.rate.insert(rate, into: 0))
            // Bypass empties the FIFO; stream keeps the newest 32 samples.
            try device.write(Map.fifoControl, Map.fifoMode.insert(Map.fifoModeBypass, into: 0))
            if configuration.useFIFO {
                try device.write(Map.fifoControl, Map.fifoMode.insert(Map.fifoModeStream, into: 0))
            }
            try device.write(Map.powerControl, Map.measure.insert(1, into: 0))
        }
        self.configuration = configuration
        outputRateHz = Map.rateHz(code: rate)
        health.reset()
    }

    public func readRaw() throws(IMUError) -> RawSample {
        let b = try onBus { () throws(I2CError) in try device.read(Map.dataX0, count: Map.burstLength) }
        return RawSample(acceleration: SIMD3(int16(high: b[1], low: b[0]), int16(high: b[3], low: b[2]), int16(high: b[5], low: b[4])))
    }

    /// Each 6-byte read of the data registers pops one FIFO entry, so the
    /// chip needs one burst per sample (up to 32 a drain).
    public func drainFIFO(into samples: inout [IMUSample]) throws(IMUError) -> FIFODrain {
        guard configuration.useFIFO else {
            samples.append(try read())
            return FIFODrain(samples: 1, overflowed: false)
        }
        let (entries, overrun) = try onBus { () throws(I2CError) -> (Int, Bool) in
            // Overrun: the FIFO filled up, so the oldest samples may have been overwritten.
            let source = try device.read(Map.interruptSource)
            let status = try device.read(Map.fifoStatus)
            return (Int(Map.fifoEntries.extract(from: status)), Map.overrun.extract(from: source) == 1)
        }
        // The entries themselves are whole samples: read them even after an overrun.
        for _ in 0..<min(entries, Map.fifoDepth) {
            samples.append(try read())
        }
        return FIFODrain(samples: min(entries, Map.fifoDepth), overflowed: overrun)
    }
}
