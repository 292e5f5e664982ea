/// Register map of the Analog Devices ADXL345 accelerometer.
///
/// Source: ADXL345 datasheet, "3-Axis, ±2 g/±4 g/±8 g/±16 g Digital
/// Accelerometer" (Analog Devices). Data are little-endian two's complement,
/// right-justified and sign-extended; in full resolution one count is the
/// same acceleration at every range, the extra range coming from extra bits.
public enum ADXL345Map {
    /// DEVID, 0xe5.
    public static let deviceID: UInt8 = 0x00
    public static let bandwidthRate: UInt8 = 0x2c
    public static let powerControl: UInt8 = 0x2d
    public static let interruptSource: UInt8 = 0x30
    public static let dataFormat: UInt8 = 0x31
    /// DATAX0: X, Y, Z, low byte first, 6 bytes.
    public static let dataX0: UInt8 = 0x32
    public static let burstLength = 6
    public static let fifoControl: UInt8 = 0x38
    public static let fifoStatus: UInt8 = 0x39

    /// BW_RATE: LOW_POWER (4) and the rate code (3:0).
    public static let lowPower = BitField.bit(bandwidthRate, 4)
    public static let rate = BitField(register: bandwidthRate, offset: 0, width: 4)
    /// POWER_CTL: Measure (3) leaves standby; Sleep (2) samples at the Wakeup rate (1:0).
    public static let measure = BitField.bit(powerControl, 3)
    public static let sleep = BitField.bit(powerControl, 2)
    public static let wakeup = BitField(register: powerControl, offset: 0, width: 2)
    /// Sampling rates in sleep, for Wakeup codes 0…3.
    public static let wakeupRatesHz: [Double] = [8, 4, 2, 1]
    /// INT_SOURCE flags; DATA_READY and Overrun clear when the data registers are read.
    public static let dataReady = BitField.bit(interruptSource, 7)
    public static let watermark = BitField.bit(interruptSource, 1)
    public static let overrun = BitField.bit(interruptSource, 0)
    /// DATA_FORMAT: FULL_RES (3), Justify (2, 0 = right), Range (1:0: ±2, 4, 8, 16 g).
    public static let fullResolution = BitField.bit(dataFormat, 3)
    public static let justifyLeft = BitField.bit(dataFormat, 2)
    public static let range = BitField(register: dataFormat, offset: 0, width: 2)
    /// FIFO_CTL: FIFO_MODE (7:6) and Samples (4:0, the watermark).
    public static let fifoMode = BitField(register: fifoControl, offset: 6, width: 2)
    public static let fifoModeBypass: UInt8 = 0b00
    public static let fifoModeFIFO: UInt8 = 0b01
    public static let fifoModeStream: UInt8 = 0b10
    /// FIFO_STATUS: Entries (5:0), the samples waiting.
    public static let fifoEntries = BitField(register: fifoStatus, offset: 0, width: 6)
    public static let fifoDepth = 32

    /// The output rate of rate code `code`: 3200 Hz halved for each step below 15.
    public static func rateHz(code: UInt8) -> Double {
        3200 / Double(1 << (15 - Int(min(code, 15))))
    }
    /// The codes the driver uses, 6.25 Hz (code 6) to 3200 Hz (code 15).
    public static let rateCodes: ClosedRange<UInt8> = 6...15

    public static func rateCode(for rateHz: Double) -> UInt8 {
        let rates = rateCodes.map { Self.rateHz(code: $0) }
        return rateCodes.lowerBound + UInt8(nearestRateIndex(rateHz, in: rates))
    }

    /// Full resolution: 256 LSB/g (3.90625 mg/LSB; the datasheet's typical
    /// 3.9 mg/LSB) at every range.
    public static let countsPerG = 256.0
    public static let scales = ScaleTable(accelCountsPerG: [countsPerG, countsPerG, countsPerG, countsPerG], gyroCountsPerDPS: [])

    /// Full resolution keeps 256 LSB/g with 10, 11, 12, 13 bits for ±2, 4, 8,
    /// 16 g: the largest count is 511, 1023, 2047, 4095.
    public static func fullScaleCounts(_ range: AccelRange) -> Int16 {
        Int16((1 << (9 + range.index)) - 1)
    }
}
