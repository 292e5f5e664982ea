import IMU
/// Register map of the Texas Instruments DRV2605L haptic driver (ERM and LRA).
///
/// Source: TI datasheet "DRV2605L 2- to 5.2-V Haptic Driver for LRA and ERM
/// With Effect Library and Smart-Loop Architecture". Registers used by the
/// internal-trigger playback of ROM library effects.
public enum DRV2605LMap {
    public static let status: UInt8 = 0x00
    public static let mode: UInt8 = 0x01
    public static let librarySelect: UInt8 = 0x03
    /// WAVESEQ1…8, 0x04–0x0b: effects played in order, up to the first 0.
    public static let waveformSequence: UInt8 = 0x04
    public static let sequenceLength = 8
    public static let go: UInt8 = 0x0c
    public static let feedbackControl: UInt8 = 0x1a
    public static let control3: UInt8 = 0x1d

    /// STATUS: DEVICE_ID (7:5), 7 for the DRV2605L (3 for the DRV2605);
    /// DIAG_RESULT (3), OVER_TEMP (1), OC_DETECT (0).
    public static let deviceID = BitField(register: status, offset: 5, width: 3)
    public static let deviceIDValue: UInt8 = 7
    public static let overTemperature = BitField.bit(status, 1)
    public static let overCurrent = BitField.bit(status, 0)
    /// MODE: DEV_RESET (7), STANDBY (6), MODE (2:0; 0 = internal trigger by GO).
    public static let deviceReset = BitField.bit(mode, 7)
    public static let standby = BitField.bit(mode, 6)
    public static let modeSelect = BitField(register: mode, offset: 0, width: 3)
    public static let internalTrigger: UInt8 = 0
    /// MODE after power-on or a reset: standby, internal trigger.
    public static let modeDefault: UInt8 = 0x40
    /// LIBRARY_SEL (2:0): 1–5 and 7 are the ERM libraries A–E and F, 6 the LRA library.
    public static let library = BitField(register: librarySelect, offset: 0, width: 3)
    public static let libraryERM: UInt8 = 1
    public static let libraryLRA: UInt8 = 6
    /// WAVESEQn: WAIT (7) makes bits 6:0 a pause in 10 ms units instead of an effect ID.
    public static let sequenceWait = BitField(register: waveformSequence, offset: 7, width: 1)
    public static let sequenceValue = BitField(register: waveformSequence, offset: 0, width: 7)
    public static let pauseUnitMilliseconds = 10
    /// GO (0): set to play; the chip clears it when the sequence ends.
    public static let goBit = BitField.bit(go, 0)
    /// FEEDBACK_CONTROL N_ERM_LRA (7): 0 = ERM, 1 = LRA.
    public static let actuatorIsLRA = BitField.bit(feedbackControl, 7)
    public static let feedbackDefault: UInt8 = 0x36
    /// CONTROL3 ERM_OPEN_LOOP (5): drive an ERM without back-EMF feedback.
    public static let ermOpenLoop = BitField.bit(control3, 5)
    public static let control3Default: UInt8 = 0xa0
    /// ROM effects are numbered 1 to 123.
    public static let effectIDs: ClosedRange<UInt8> = 1...123
}
