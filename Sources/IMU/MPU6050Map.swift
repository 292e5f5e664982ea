/// Register map of the InvenSense MPU-6050 family (6050, 6500, 9250, 9255).
/// Register Map and Descriptions, RM-MPU-6000A-00 rev 4.2; data are big-endian.
public enum MPU6050Map {
    public static let sampleRateDivider: UInt8 = 0x19
    public static let config: UInt8 = 0x1a
    public static let gyroConfig: UInt8 = 0x1b
    public static let accelConfig: UInt8 = 0x1c
    public static let fifoEnable: UInt8 = 0x23
    public static let interruptStatus: UInt8 = 0x3a
    /// ACCEL_XOUT_H: accel X,Y,Z, temperature, gyro X,Y,Z follow, 14 bytes.
    public static let accelXHigh: UInt8 = 0x3b
    public static let gyroXHigh: UInt8 = 0x43
    public static let userControl: UInt8 = 0x6a
    public static let powerManagement1: UInt8 = 0x6b
    public static let fifoCountHigh: UInt8 = 0x72
    public static let fifoData: UInt8 = 0x74
    public static let whoAmI: UInt8 = 0x75

    public static let burstLength = 14

    /// CONFIG DLPF_CFG: 3 = 44 Hz accel / 42 Hz gyro bandwidth, 1 kHz internal rate.
    public static let lowPass = BitField(register: config, offset: 0, width: 3)
    public static let lowPass44Hz: UInt8 = 3
    public static let gyroFullScale = BitField(register: gyroConfig, offset: 3, width: 2)
    public static let accelFullScale = BitField(register: accelConfig, offset: 3, width: 2)
    public static let deviceReset = BitField.bit(powerManagement1, 7)
    public static let sleep = BitField.bit(powerManagement1, 6)
    public static let clockSource = BitField(register: powerManagement1, offset: 0, width: 3)
    /// CLKSEL 1: PLL on the X gyroscope, the recommended clock.
    public static let clockPLLGyroX: UInt8 = 1
    public static let fifoOverflow = BitField.bit(interruptStatus, 4)
    public static let dataReady = BitField.bit(interruptStatus, 0)
    public static let userFIFOEnable = BitField.bit(userControl, 6)
    public static let userFIFOReset = BitField.bit(userControl, 2)
    /// FIFO_EN bits: gyro X, Y, Z (6:4) and accel (3).
    public static let fifoEnableGyroXYZ: UInt8 = 0b0111_0000
    public static let fifoEnableAccel: UInt8 = 0b0000_1000
    /// Bytes per FIFO frame with accel then gyro enabled.
    public static let fifoFrameLength = 12
    /// Internal sample rate with the low-pass filter on, in Hz.
    public static let internalRateHz = 1000.0

    public static func fifoCapacity(_ chip: ChipModel) -> Int { chip == .mpu6050 ? 1024 : 512 }

    /// Counts per g for ±2/4/8/16 g; counts per °/s for ±250/500/1000/2000 °/s.
    public static let scales = ScaleTable(
        accelCountsPerG: [16384, 8192, 4096, 2048],
        gyroCountsPerDPS: [131, 65.5, 32.8, 16.4]
    )
}
