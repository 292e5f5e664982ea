/// Register map of ST's LIS3DH accelerometer.
///
/// Source: ST datasheet "LIS3DH: MEMS digital output motion sensor, ultra-low-power
/// high-performance 3-axis nano accelerometer" and application note AN3308.
/// Data are little-endian, left-justified: in high-resolution mode the top 12
/// bits of each 16-bit value are the sample. A multi-byte access walks the
/// registers only when bit 7 of the register address is set.
public enum LIS3DHMap {
    public static let whoAmI: UInt8 = 0x0f
    public static let ctrl1: UInt8 = 0x20
    public static let ctrl4: UInt8 = 0x23
    public static let ctrl5: UInt8 = 0x24
    public static let status: UInt8 = 0x27
    /// OUT_X_L: X, Y, Z, low byte first, 6 bytes.
    public static let outXLow: UInt8 = 0x28
    public static let burstLength = 6
    public static let fifoControl: UInt8 = 0x2e
    public static let fifoSource: UInt8 = 0x2f
    /// Set in the register address of a multi-byte read or write to walk the registers.
    public static let autoIncrement: UInt8 = 0x80

    /// CTRL_REG1: ODR (7:4), LPen (3), Z/Y/X enable (2:0).
    public static let dataRate = BitField(register: ctrl1, offset: 4, width: 4)
    public static let lowPower = BitField.bit(ctrl1, 3)
    public static let axesEnable = BitField(register: ctrl1, offset: 0, width: 3)
    public static let allAxes: UInt8 = 0b111
    /// CTRL_REG1 after power-on: power-down, all axes enabled.
    public static let ctrl1Default: UInt8 = 0x07
    /// CTRL_REG4: BDU (7), FS (5:4: ±2, 4, 8, 16 g), HR (3).
    public static let blockDataUpdate = BitField.bit(ctrl4, 7)
    public static let fullScale = BitField(register: ctrl4, offset: 4, width: 2)
    public static let highResolution = BitField.bit(ctrl4, 3)
    /// CTRL_REG5: BOOT (7) reloads trimming, FIFO_EN (6).
    public static let reboot = BitField.bit(ctrl5, 7)
    public static let fifoEnable = BitField.bit(ctrl5, 6)
    /// STATUS_REG: ZYXOR (7) a sample was overwritten unread, ZYXDA (3) new data.
    public static let dataOverrun = BitField.bit(status, 7)
    public static let dataReady = BitField.bit(status, 3)
    /// FIFO_CTRL_REG: FM (7:6) bypass, FIFO, stream, stream-to-FIFO.
    public static let fifoMode = BitField(register: fifoControl, offset: 6, width: 2)
    public static let fifoModeBypass: UInt8 = 0b00
    public static let fifoModeStream: UInt8 = 0b10
    /// FIFO_SRC_REG: OVRN_FIFO (6), EMPTY (5), FSS (4:0) unread samples.
    public static let fifoOverrun = BitField.bit(fifoSource, 6)
    public static let fifoEmpty = BitField.bit(fifoSource, 5)
    public static let fifoUnread = BitField(register: fifoSource, offset: 0, width: 5)
    public static let fifoDepth = 32

    /// Rates of high-resolution/normal mode, in Hz, with their ODR codes
    /// (code 8 is a low-power-only rate, 0 is power-down).
    public static let rateCodes: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 9]
    public static let ratesHz: [Double] = [1, 10, 25, 50, 100, 200, 400, 1344]

    public static func rateCode(for rateHz: Double) -> UInt8 {
        rateCodes[nearestRateIndex(rateHz, in: ratesHz)]
    }

    public static func rateHz(code: UInt8) -> Double {
        rateCodes.firstIndex(of: code).map { ratesHz[$0] } ?? (code == 8 ? 1600 : 0)
    }

    /// Bits the 12-bit high-resolution sample is shifted left by.
    public static let justification: Int16 = 4
    /// High-resolution sensitivities 1, 2, 4, 12 mg/digit of the 12-bit
    /// sample (after the right shift), for ±2, 4, 8, 16 g.
    public static let scales = ScaleTable(accelCountsPerG: [1000, 500, 250, 1000.0 / 12], gyroCountsPerDPS: [])
    /// The 12-bit sample's largest magnitude.
    public static let fullScaleCounts: Int16 = 2047
}
