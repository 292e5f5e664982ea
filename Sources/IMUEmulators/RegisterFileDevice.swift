import I2C

/// A device as the bus sees it: bytes in, bytes out.
public protocol I2CDeviceModel: AnyObject {
    /// A write transaction: the first byte sets the register pointer, the rest are data.
    func receive(_ bytes: [UInt8])
    /// A read transaction of `count` bytes from the register pointer.
    func transmit(count: Int) -> [UInt8]
}

/// A register file with a pointer, the model of most sensor chips.
///
/// Subclasses add the side effects of their chip (reset, clear-on-read flags,
/// FIFO ports) by overriding `readRegister`, `writeRegister` and `advance`.
public class RegisterFileDevice: I2CDeviceModel {
    public internal(set) var registers: [UInt8]
    public internal(set) var pointer: UInt8 = 0
    /// Power-on values, restored by a soft reset.
    let defaults: [UInt8: UInt8]

    init(defaults: [UInt8: UInt8]) {
        self.defaults = defaults
        registers = [UInt8](repeating: 0, count: 256)
        loadDefaults()
    }

    func loadDefaults() {
        for index in registers.indices { registers[index] = 0 }
        for (register, value) in defaults { registers[Int(register)] = value }
    }

    public func receive(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        pointer = selectPointer(first)
        for value in bytes.dropFirst() {
            writeRegister(pointer, value)
            pointer = advance(after: pointer)
        }
    }

    public func transmit(count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            out.append(readRegister(pointer))
            pointer = advance(after: pointer)
        }
        return out
    }

    /// The register pointer that the first byte of a write selects.
    func selectPointer(_ byte: UInt8) -> UInt8 { byte }
    func readRegister(_ register: UInt8) -> UInt8 { registers[Int(register)] }
    func writeRegister(_ register: UInt8, _ value: UInt8) { registers[Int(register)] = value }
    /// Where the pointer goes after one byte.
    func advance(after register: UInt8) -> UInt8 { register &+ 1 }

    /// Sets a register without side effects (test set-up, like i2cset on i2c-stub).
    public func poke(_ register: UInt8, _ value: UInt8) { registers[Int(register)] = value }
    /// Reads a register without side effects.
    public func peek(_ register: UInt8) -> UInt8 { registers[Int(register)] }
}
