import I2C
import IMU

/// Driver for the DRV2605L: ROM library effects played by internal trigger.
public final class DRV2605LDriver: HapticDriver {
    public let chip: ChipModel = .drv2605l
    public let device: RegisterDevice
    public private(set) var actuator: HapticActuator?
    private let delay: ChipDelay
    private typealias Map = DRV2605LMap

    public init(bus: any I2CBus, address: UInt8 = 0x5a, delay: @escaping ChipDelay = systemDelay) {
        self.device = RegisterDevice(bus: bus, address: address)
        self.delay = delay
    }

    /// Checks the STATUS device ID and makes the driver.
    public static func open(bus: any I2CBus, address: UInt8 = 0x5a, delay: @escaping ChipDelay = systemDelay) throws(IMUError) -> DRV2605LDriver {
        let found = try ChipModel.identify(on: bus, at: address)
        guard found == .drv2605l else {
            throw .wrongChip(bus: bus.path, address: address, expected: .drv2605l, found: found)
        }
        return DRV2605LDriver(bus: bus, address: address, delay: delay)
    }

    public func configure(actuator: HapticActuator) throws(IMUError) {
        try onBus { () throws(I2CError) in
            // Reset to the power-on values; DEV_RESET clears itself.
            try device.write(Map.mode, Map.deviceReset.insert(1, into: Map.modeDefault))
            delay(0.001)
            // Out of standby, playing on GO.
            try device.write(Map.mode, Map.modeSelect.insert(Map.internalTrigger, into: 0))
            try device.update(Map.actuatorIsLRA, to: actuator == .lra ? 1 : 0)
            if actuator == .erm {
                // Open loop: ROM effects play without auto-calibration.
                try device.update(Map.ermOpenLoop, to: 1)
            }
            try device.write(Map.librarySelect, Map.library.insert(actuator == .lra ? Map.libraryLRA : Map.libraryERM, into: 0))
        }
        self.actuator = actuator
    }

    public func play(_ pattern: HapticPattern) throws(IMUError) {
        guard actuator != nil else {
            throw .unsupportedSetting(chip: chip, detail: "play(\(pattern.name)) before configure(actuator:): the chip is in standby")
        }
        try onBus { () throws(I2CError) in
            try device.write(Map.go, 0)  // stop what plays
            // WAVESEQ1…8 in one write; the chip walks the registers.
            try device.bus.write([Map.waveformSequence] + pattern.waveformSequence, to: device.address)
            try device.write(Map.go, Map.goBit.insert(1, into: 0))
        }
    }

    public func stop() throws(IMUError) {
        try onBus { () throws(I2CError) in try device.write(Map.go, 0) }
    }

    public var isPlaying: Bool {
        get throws(IMUError) {
            try onBus { () throws(I2CError) in try device.read(Map.goBit) == 1 }
        }
    }
}
