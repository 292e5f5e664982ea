import I2C

/// A field of bits inside one 8-bit register, declared once per chip.
public struct BitField: Sendable, Equatable {
    public let register: UInt8
    /// Position of the field's lowest bit.
    public let offset: UInt8
    public let width: UInt8

    public init(register: UInt8, offset: UInt8, width: UInt8) {
        precondition(width >= 1 && offset + width <= 8, "a field fits in one byte")
        self.register = register
        self.offset = offset
        self.width = width
    }

    /// A single-bit flag.
    public static func bit(_ register: UInt8, _ position: UInt8) -> BitField {
        BitField(register: register, offset: position, width: 1)
    }

    public var mask: UInt8 { UInt8(truncatingIfNeeded: ((1 << Int(width)) - 1) << Int(offset)) }

    /// The field's value inside a register byte.
    public func extract(from byte: UInt8) -> UInt8 { (byte & mask) >> offset }

    /// `byte` with this field replaced by `value`.
    public func insert(_ value: UInt8, into byte: UInt8) -> UInt8 {
        precondition(Int(value) < (1 << Int(width)), "value fits the field")
        return (byte & ~mask) | ((value << offset) & mask)
    }
}

/// One device on one bus: the place where register read-modify-write lives.
public struct RegisterDevice {
    public let bus: any I2CBus
    public let address: UInt8

    public init(bus: any I2CBus, address: UInt8) {
        self.bus = bus
        self.address = address
    }

    public func read(_ register: UInt8) throws(I2CError) -> UInt8 {
        try bus.readRegister(register, at: address)
    }

    public func read(_ register: UInt8, count: Int, walk: RegisterWalk = .incrementing) throws(I2CError) -> [UInt8] {
        let bytes = try bus.readRegisters(register, count: count, at: address, mode: walk)
        guard bytes.count == count else {
            throw I2CError(.io, operation: .read, bus: bus.path, address: address, register: register,
                           detail: "got \(bytes.count) of \(count) bytes")
        }
        return bytes
    }

    public func write(_ register: UInt8, _ value: UInt8) throws(I2CError) {
        try bus.writeRegister(register, value, at: address)
    }

    public func read(_ field: BitField) throws(I2CError) -> UInt8 {
        field.extract(from: try read(field.register))
    }

    /// Read-modify-write of one field; skips the write when nothing changes.
    public func update(_ field: BitField, to value: UInt8) throws(I2CError) {
        let current = try read(field.register)
        let next = field.insert(value, into: current)
        if next != current { try write(field.register, next) }
    }
}
