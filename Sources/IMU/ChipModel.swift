/// Every chip Plumbline can drive, with how to recognise it on the bus.
public enum ChipModel: String, CaseIterable, Sendable, Codable {
    case mpu6050, mpu6500, mpu9250, mpu9255
    case lsm6ds3, lsm6ds3trc, lsm6dsox
    case adxl345, lis3dh
    case drv2605l

    public enum Family: String, Sendable {
        case invensenseMPU, stLSM6DS, adxl345, lis3dh, haptic
    }

    /// The name printed on the part, for tables and messages.
    public var displayName: String { ChipModel.identities.first { $0.model == self }?.displayName ?? rawValue }

    public var family: Family { ChipModel.identities.first { $0.model == self }!.family }

    /// Whether the chip measures angular rate.
    public var hasGyroscope: Bool { family == .invensenseMPU || family == .stLSM6DS }

    public var isIMU: Bool { family != .haptic }
}

/// How one chip identifies itself: the data behind `ChipModel`.
public struct ChipIdentity: Sendable {
    public let model: ChipModel
    public let family: ChipModel.Family
    public let displayName: String
    public let addresses: [UInt8]
    public let idRegister: UInt8
    /// Bits of the ID register that carry the identity.
    public let idMask: UInt8
    public let idValue: UInt8
}

extension ChipModel {
    /// Identity table (datasheets; see `hardware/README.md`, "Chips").
    public static let identities: [ChipIdentity] = [
        .init(model: .mpu6050, family: .invensenseMPU, displayName: "MPU-6050", addresses: [0x68, 0x69], idRegister: 0x75, idMask: 0xff, idValue: 0x68),
        .init(model: .mpu6500, family: .invensenseMPU, displayName: "MPU-6500", addresses: [0x68, 0x69], idRegister: 0x75, idMask: 0xff, idValue: 0x70),
        .init(model: .mpu9250, family: .invensenseMPU, displayName: "MPU-9250", addresses: [0x68, 0x69], idRegister: 0x75, idMask: 0xff, idValue: 0x71),
        .init(model: .mpu9255, family: .invensenseMPU, displayName: "MPU-9255", addresses: [0x68, 0x69], idRegister: 0x75, idMask: 0xff, idValue: 0x73),
        .init(model: .lsm6ds3, family: .stLSM6DS, displayName: "LSM6DS3", addresses: [0x6a, 0x6b], idRegister: 0x0f, idMask: 0xff, idValue: 0x69),
        .init(model: .lsm6ds3trc, family: .stLSM6DS, displayName: "LSM6DS3TR-C", addresses: [0x6a, 0x6b], idRegister: 0x0f, idMask: 0xff, idValue: 0x6a),
        .init(model: .lsm6dsox, family: .stLSM6DS, displayName: "LSM6DSOX", addresses: [0x6a, 0x6b], idRegister: 0x0f, idMask: 0xff, idValue: 0x6c),
        .init(model: .adxl345, family: .adxl345, displayName: "ADXL345", addresses: [0x53, 0x1d], idRegister: 0x00, idMask: 0xff, idValue: 0xe5),
        .init(model: .lis3dh, family: .lis3dh, displayName: "LIS3DH", addresses: [0x18, 0x19], idRegister: 0x0f, idMask: 0xff, idValue: 0x33),
        // DRV2605L: STATUS bits 7:5 hold the device ID, 7 for the DRV2605L (3 for the DRV2605).
        .init(model: .drv2605l, family: .haptic, displayName: "DRV2605L", addresses: [0x5a], idRegister: 0x00, idMask: 0xe0, idValue: 0xe0),
    ]

    public var identity: ChipIdentity { ChipModel.identities.first { $0.model == self }! }

    /// The chips that could answer at `address`, in table order.
    public static func candidates(at address: UInt8) -> [ChipIdentity] {
        identities.filter { $0.addresses.contains(address) }
    }
}
