/// Register map of ST's LSM6DS family: LSM6DS3, LSM6DS3TR-C and LSM6DSOX.
///
/// Sources: ST datasheets "LSM6DS3: iNEMO inertial module" (DocID026899),
/// "LSM6DS3TR-C" and "LSM6DSOX"; application note AN4650 (LSM6DS3 FIFO).
/// Output data are little-endian two's complement; gyroscope X,Y,Z at
/// OUTX_L_G 0x22 are followed by accelerometer X,Y,Z at OUTX_L_XL 0x28.
///
/// The three chips share the control and output registers; they differ in
/// their FIFO, which `LSM6DSVariant` describes as data.
public enum LSM6DSMap {
    public static let whoAmI: UInt8 = 0x0f
    public static let ctrl1Accel: UInt8 = 0x10
    public static let ctrl2Gyro: UInt8 = 0x11
    public static let ctrl3Common: UInt8 = 0x12
    public static let status: UInt8 = 0x1e
    /// OUTX_L_G: gyro X,Y,Z then accel X,Y,Z, 12 bytes, little-endian.
    public static let gyroXLow: UInt8 = 0x22
    public static let accelXLow: UInt8 = 0x28
    public static let burstLength = 12

    // CTRL1_XL, CTRL2_G: output data rate (7:4) and full scale (3:2).
    public static let accelRate = BitField(register: ctrl1Accel, offset: 4, width: 4)
    public static let accelFullScale = BitField(register: ctrl1Accel, offset: 2, width: 2)
    public static let gyroRate = BitField(register: ctrl2Gyro, offset: 4, width: 4)
    public static let gyroFullScale = BitField(register: ctrl2Gyro, offset: 2, width: 2)

    // CTRL3_C.
    public static let reboot = BitField.bit(ctrl3Common, 7)
    /// BDU: output registers update only after both bytes were read.
    public static let blockDataUpdate = BitField.bit(ctrl3Common, 6)
    /// IF_INC: the register address advances during a multi-byte access.
    public static let autoIncrement = BitField.bit(ctrl3Common, 2)
    public static let softReset = BitField.bit(ctrl3Common, 0)
    /// CTRL3_C after power-on or a soft reset: IF_INC set.
    public static let ctrl3Default: UInt8 = 0x04

    // STATUS_REG.
    public static let gyroDataReady = BitField.bit(status, 1)
    public static let accelDataReady = BitField.bit(status, 0)

    /// FS_XL code per range, indexed by `AccelRange.index` (±2, 4, 8, 16 g):
    /// the codes are not in order, 00 = ±2, 01 = ±16, 10 = ±4, 11 = ±8 g.
    public static let accelRangeCodes: [UInt8] = [0b00, 0b10, 0b11, 0b01]
    /// FS_G code per range, indexed by `GyroRange.index`: 00 = 250 … 11 = 2000 °/s.
    public static let gyroRangeCodes: [UInt8] = [0b00, 0b01, 0b10, 0b11]

    /// Output data rates in Hz for ODR codes 1…8 (code 0 is power-down).
    /// The datasheets name them 12.5, 26, 52, 104, 208, 416, 833 and 1660 Hz.
    public static let ratesHz: [Double] = [12.5, 26, 52, 104, 208, 416, 833, 1660]

    /// The ODR code whose rate is nearest `rateHz`.
    public static func rateCode(for rateHz: Double) -> UInt8 {
        UInt8(nearestRateIndex(rateHz, in: ratesHz) + 1)
    }

    public static func rateHz(code: UInt8) -> Double {
        code >= 1 && Int(code) <= ratesHz.count ? ratesHz[Int(code) - 1] : 0
    }

    /// Sensitivities: accelerometer 0.061/0.122/0.244/0.488 mg/LSB for
    /// ±2/4/8/16 g; gyroscope 8.75/17.5/35/70 mdps/LSB for 250/500/1000/2000 °/s.
    public static let scales = ScaleTable(
        accelCountsPerG: [1000.0 / 0.061, 1000.0 / 0.122, 1000.0 / 0.244, 1000.0 / 0.488],
        gyroCountsPerDPS: [1000.0 / 8.75, 1000.0 / 17.5, 1000.0 / 35.0, 1000.0 / 70.0]
    )

    // MARK: FIFO, common to both layouts

    public static let fifoStatus1: UInt8 = 0x3a
    public static let fifoStatus2: UInt8 = 0x3b
    /// FIFO_STATUS2 bit 6: FIFO_OVER_RUN (LSM6DS3/3TR-C) or FIFO_OVR_IA (LSM6DSOX).
    public static let fifoOverrun = BitField.bit(fifoStatus2, 6)
    /// FIFO_STATUS2 bit 5: FIFO_FULL (FIFO_FULL_IA on the LSM6DSOX).
    public static let fifoFull = BitField.bit(fifoStatus2, 5)
    /// FIFO_MODE values: bypass (FIFO off, contents cleared) and continuous
    /// (new data overwrite the oldest when full).
    public static let fifoModeBypass: UInt8 = 0b000
    public static let fifoModeContinuous: UInt8 = 0b110

    // MARK: Patterned FIFO (LSM6DS3, LSM6DS3TR-C; AN4650)

    public static let fifoCtrl3: UInt8 = 0x08
    public static let fifoCtrl5: UInt8 = 0x0a
    /// FIFO_CTRL3: decimation of the gyro (5:3) and accel (2:0) data sets.
    public static let fifoGyroDecimation = BitField(register: fifoCtrl3, offset: 3, width: 3)
    public static let fifoAccelDecimation = BitField(register: fifoCtrl3, offset: 0, width: 3)
    /// Decimation code 001: every sample goes into the FIFO (000: none).
    public static let fifoNoDecimation: UInt8 = 0b001
    /// FIFO_CTRL5: FIFO rate ODR_FIFO (6:3, same codes as the ODRs) and FIFO_MODE (2:0).
    public static let fifoRate = BitField(register: fifoCtrl5, offset: 3, width: 4)
    public static let fifoModePatterned = BitField(register: fifoCtrl5, offset: 0, width: 3)
    /// FIFO_STATUS2 bit 4: FIFO_EMPTY.
    public static let fifoEmpty = BitField.bit(fifoStatus2, 4)
    /// FIFO_STATUS3/4: FIFO_PATTERN, which word of the pattern is read next.
    public static let fifoStatus3: UInt8 = 0x3c
    public static let fifoStatus4: UInt8 = 0x3d
    /// FIFO_DATA_OUT_L; reading on to FIFO_DATA_OUT_H 0x3f rolls back to 0x3e.
    public static let fifoDataLow: UInt8 = 0x3e
    /// With gyro and accel at one rate the pattern is Gx Gy Gz Ax Ay Az:
    /// six 16-bit words, 12 bytes per frame.
    public static let patternWords = 6
    public static let patternFrameLength = 12

    // MARK: Tagged FIFO (LSM6DSOX)

    /// FIFO_CTRL3: batch data rates of the gyro (BDR_GY, 7:4) and accel (BDR_XL, 3:0).
    public static let fifoBatchRates: UInt8 = 0x09
    public static let gyroBatchRate = BitField(register: fifoBatchRates, offset: 4, width: 4)
    public static let accelBatchRate = BitField(register: fifoBatchRates, offset: 0, width: 4)
    /// FIFO_CTRL4: FIFO_MODE (2:0).
    public static let fifoCtrl4: UInt8 = 0x0a
    public static let fifoModeTagged = BitField(register: fifoCtrl4, offset: 0, width: 3)
    /// FIFO_DATA_OUT_TAG; the word's six data bytes follow at 0x79–0x7e, and
    /// reading on past 0x7e rolls back to 0x78 for the next word.
    public static let fifoTag: UInt8 = 0x78
    public static let taggedWordLength = 7
    /// TAG_SENSOR (7:3), TAG_CNT (2:1), TAG_PARITY (0) of the tag byte.
    public static let tagSensor = BitField(register: fifoTag, offset: 3, width: 5)
    public static let tagCount = BitField(register: fifoTag, offset: 1, width: 2)
    public static let tagGyro: UInt8 = 0x01
    public static let tagAccel: UInt8 = 0x02
    /// Tagged words per read: whole words, at most 32 bytes, so an adapter
    /// that splits long reads into 32-byte SMBus blocks never splits a word.
    public static let taggedWordsPerRead = 4
}

/// What distinguishes one LSM6DS chip from another, as data.
public struct LSM6DSVariant: Sendable, Equatable {
    public enum FIFOLayout: Sendable, Equatable {
        /// 16-bit words in a fixed order (Gx Gy Gz Ax Ay Az); FIFO_PATTERN says where reading stands.
        case patterned
        /// 7-byte words: a tag naming the sensor, then X, Y, Z.
        case tagged
    }

    public let model: ChipModel
    public let fifoLayout: FIFOLayout
    /// FIFO depth in words: 16-bit words (patterned) or tagged words.
    public let fifoCapacityWords: Int
    /// Width of DIFF_FIFO, the unread-word count: FIFO_STATUS1 holds bits 7:0,
    /// FIFO_STATUS2 the rest from bit 0 up.
    public let unreadWordsBits: Int

    public var unreadWordsHighMask: UInt8 { UInt8((1 << (unreadWordsBits - 8)) - 1) }

    public static func of(_ chip: ChipModel) -> LSM6DSVariant {
        switch chip {
        // 8 KB of 16-bit words; DIFF_FIFO is 12 bits.
        case .lsm6ds3: LSM6DSVariant(model: chip, fifoLayout: .patterned, fifoCapacityWords: 4095, unreadWordsBits: 12)
        // 4 KB; DIFF_FIFO is 11 bits.
        case .lsm6ds3trc: LSM6DSVariant(model: chip, fifoLayout: .patterned, fifoCapacityWords: 2047, unreadWordsBits: 11)
        // 3 KB of sensor data in tagged words; DIFF_FIFO is 10 bits.
        default: LSM6DSVariant(model: chip, fifoLayout: .tagged, fifoCapacityWords: 512, unreadWordsBits: 10)
        }
    }
}
