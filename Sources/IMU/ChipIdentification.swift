import I2C

extension ChipModel {
    /// Reads the ID registers of the chips that may sit at `address` and
    /// returns the one that matches.
    ///
    /// Throws `.bus` when nothing answers (kind `.noDevice`) and
    /// `.unknownChip` when something answers with an ID we do not drive.
    public static func identify(on bus: any I2CBus, at address: UInt8) throws(IMUError) -> ChipModel {
        let candidates = ChipModel.candidates(at: address)
        guard let first = candidates.first else {
            // No supported chip lives here; still tell whether anything answered.
            let value = try onBus { () throws(I2CError) in try bus.readRegister(0x00, at: address) }
            throw .unknownChip(bus: bus.path, address: address, idRegister: 0x00, found: value)
        }
        var seen: [UInt8: UInt8] = [:]
        for identity in candidates {
            let value: UInt8
            if let cached = seen[identity.idRegister] {
                value = cached
            } else {
                value = try onBus { () throws(I2CError) in try bus.readRegister(identity.idRegister, at: address) }
                seen[identity.idRegister] = value
            }
            if value & identity.idMask == identity.idValue { return identity.model }
        }
        throw .unknownChip(bus: bus.path, address: address, idRegister: first.idRegister, found: seen[first.idRegister] ?? 0)
    }

    /// The role a person would most likely give a chip at this address.
    /// The chip's default address (address pin low: AD0, SA0, ALT) is the
    /// trunk sensor, the other the head sensor, as wired in `hardware/`.
    public static func suggestedRole(for model: ChipModel, at address: UInt8) -> String {
        guard model.isIMU else { return "haptic" }
        return address == model.identity.addresses.first ? "trunk" : "head"
    }
}

/// Makes the driver for a chip.
public enum IMUDrivers {
    public static func make(_ chip: ChipModel, bus: any I2CBus, address: UInt8,
                            delay: @escaping ChipDelay = systemDelay) throws(IMUError) -> any IMUDriver {
        switch chip.family {
        case .invensenseMPU:
            return MPU6050Driver(chip: chip, bus: bus, address: address, delay: delay)
        case .stLSM6DS:
            return LSM6DSDriver(chip: chip, bus: bus, address: address, delay: delay)
        case .adxl345:
            return ADXL345Driver(bus: bus, address: address)
        case .lis3dh:
            return LIS3DHDriver(bus: bus, address: address)
        case .haptic:
            throw .unsupportedSetting(chip: chip, detail: "a haptic driver, not an IMU")
        }
    }

    /// Identifies the chip at `address` and makes its driver.
    public static func open(bus: any I2CBus, address: UInt8, expecting expected: ChipModel? = nil,
                            delay: @escaping ChipDelay = systemDelay) throws(IMUError) -> any IMUDriver {
        let found = try ChipModel.identify(on: bus, at: address)
        if let expected, expected != found {
            throw .wrongChip(bus: bus.path, address: address, expected: expected, found: found)
        }
        return try make(found, bus: bus, address: address, delay: delay)
    }
}
