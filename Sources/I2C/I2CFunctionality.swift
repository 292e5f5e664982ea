import CI2C

/// The adapter's capabilities, as reported once by the `I2C_FUNCS` ioctl.
public struct I2CFunctionality: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt
    public init(rawValue: UInt) { self.rawValue = rawValue }

    /// Plain I2C messages: `I2C_RDWR` combined transfers of any length.
    public static let plainI2C = Self(rawValue: UInt(I2C_FUNC_I2C))
    public static let smbusQuick = Self(rawValue: UInt(I2C_FUNC_SMBUS_QUICK))
    public static let smbusReadByte = Self(rawValue: UInt(I2C_FUNC_SMBUS_READ_BYTE))
    public static let smbusWriteByte = Self(rawValue: UInt(I2C_FUNC_SMBUS_WRITE_BYTE))
    public static let smbusReadByteData = Self(rawValue: UInt(I2C_FUNC_SMBUS_READ_BYTE_DATA))
    public static let smbusWriteByteData = Self(rawValue: UInt(I2C_FUNC_SMBUS_WRITE_BYTE_DATA))
    /// "I2C block" reads: up to 32 bytes from consecutive registers.
    public static let smbusReadI2CBlock = Self(rawValue: UInt(I2C_FUNC_SMBUS_READ_I2C_BLOCK))
    public static let smbusWriteI2CBlock = Self(rawValue: UInt(I2C_FUNC_SMBUS_WRITE_I2C_BLOCK))

    /// The most bytes one SMBus I2C-block transfer moves.
    public static let smbusBlockMax = 32

    public var description: String {
        let digits = Array("0123456789abcdef")
        var text = ""
        var value = rawValue
        for _ in 0..<8 {
            text = String(digits[Int(value & 0xf)]) + text
            value >>= 4
        }
        return "0x" + text
    }

    /// How a register read of `count` bytes will be carried out.
    public func strategy(forRead count: Int) -> ReadStrategy {
        if count <= Self.smbusBlockMax && contains(.smbusReadI2CBlock) { return .smbusBlock }
        if contains(.plainI2C) { return .combinedTransfer }
        if contains(.smbusReadI2CBlock) { return .smbusBlockChunks }
        if count == 1 && contains(.smbusReadByteData) { return .smbusByte }
        return .unsupported
    }

    public enum ReadStrategy: String, Sendable {
        case smbusBlock = "one SMBus I2C block read"
        case combinedTransfer = "one I2C_RDWR combined transfer"
        case smbusBlockChunks = "chunks of 32 bytes (SMBus I2C block)"
        case smbusByte = "one SMBus byte read"
        case unsupported = "not possible on this adapter"
    }
}
