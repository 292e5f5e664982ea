import I2C

/// A driver failure: the bus failed, the chip is not what was expected, or its
/// data cannot be trusted.
public enum IMUError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The bus transaction failed; the `I2CError` says where and why.
    case bus(I2CError)
    /// The ID register held something else than any chip we drive at this address.
    case unknownChip(bus: String, address: UInt8, idRegister: UInt8, found: UInt8)
    /// The chip answered but is not the one the configuration names.
    case wrongChip(bus: String, address: UInt8, expected: ChipModel, found: ChipModel)
    /// The same raw reading repeated too long: a frozen sensor or a dead link.
    case stuckData(bus: String, address: UInt8, repeats: Int)
    /// A setting the chip cannot take.
    case unsupportedSetting(chip: ChipModel, detail: String)

    public var description: String {
        switch self {
        case .bus(let error):
            return error.description
        case let .unknownChip(bus, address, register, found):
            return "unknown-chip: the device at \(hex(address)) on \(bus) answered \(hex(found)) at ID register \(hex(register)), which is none of the supported chips; check the address pin and `plumbline detect`."
        case let .wrongChip(bus, address, expected, found):
            return "wrong-chip: expected \(expected.displayName) at \(hex(address)) on \(bus) but found \(found.displayName); fix the sensor's chip in the configuration or run `plumbline detect`."
        case let .stuckData(bus, address, repeats):
            return "stuck-data: the sensor at \(hex(address)) on \(bus) returned the same reading \(repeats) times in a row; it may have lost power or locked up. Plumbline re-initialises it; if it persists, check its supply and cable."
        case let .unsupportedSetting(chip, detail):
            return "unsupported-setting: \(chip.displayName): \(detail)"
        }
    }

    /// What went wrong, without the details: a plain value (no references).
    public enum Category: Sendable, Equatable, CustomStringConvertible {
        case bus(I2CError.Kind)
        case unknownChip, wrongChip, stuckData, unsupportedSetting

        /// Short machine-readable kind, as printed before the message ("no-device", "stuck-data").
        public var description: String {
            switch self {
            case .bus(let kind): kind.rawValue
            case .unknownChip: "unknown-chip"
            case .wrongChip: "wrong-chip"
            case .stuckData: "stuck-data"
            case .unsupportedSetting: "unsupported-setting"
            }
        }
    }

    public var category: Category {
        switch self {
        case .bus(let error): .bus(error.kind)
        case .unknownChip: .unknownChip
        case .wrongChip: .wrongChip
        case .stuckData: .stuckData
        case .unsupportedSetting: .unsupportedSetting
        }
    }

    /// Short machine-readable kind, as printed before the message.
    public var kind: String { category.description }
}

/// Runs a bus operation, wrapping its error for the driver layer.
@inline(__always)
public func onBus<T>(_ body: () throws(I2CError) -> T) throws(IMUError) -> T {
    do { return try body() } catch { throw .bus(error) }
}
