/// A 7-bit I2C bus as the drivers see it.
///
/// Every method is one bus transaction (START … STOP), so a multi-byte read
/// returns bytes that the chip latched together. Implementations: `LinuxI2CBus`
/// (the kernel's i2c-dev through libi2c), and in `IMUEmulators` an emulated bus
/// of register-level chip models and a scripted bus for exact-byte tests.
///
/// Contract: an implementation throws `I2CError` for every failure, with the
/// operation, address and register filled in; it never traps on bus errors.
public protocol I2CBus: AnyObject {
    /// Where the bus lives, for messages: `/dev/i2c-1`, `emulated`, …
    var path: String { get }

    /// Writes `bytes` to the device at `address` in one transaction.
    func write(_ bytes: [UInt8], to address: UInt8) throws(I2CError)

    /// Writes `bytes`, then reads `count` bytes after a repeated START:
    /// one combined transaction, so the device cannot change state in between.
    func writeThenRead(_ bytes: [UInt8], readCount count: Int, at address: UInt8) throws(I2CError) -> [UInt8]

    /// Reads `count` bytes starting at `register`. `mode` says how the device
    /// walks its registers, which matters when the bus must split the read.
    func readRegisters(_ register: UInt8, count: Int, at address: UInt8, mode: RegisterWalk) throws(I2CError) -> [UInt8]

    /// Asks whether anything acknowledges `address`, the way i2cdetect does.
    func probe(_ address: UInt8) throws(I2CError) -> ProbeResult
}

/// How a device's register pointer moves during a multi-byte read.
public enum RegisterWalk: Sendable, Equatable {
    /// The pointer advances after each byte (ordinary data registers).
    case incrementing
    /// The pointer stays: each byte pops the next entry of a FIFO port.
    case fifoPort
}

/// What a probe of one address found.
public enum ProbeResult: Sendable, Equatable {
    case absent
    case present
    /// A kernel driver owns the address (i2cdetect prints `UU`).
    case ownedByKernelDriver
}

extension I2CBus {
    /// Default: one combined write-then-read; a bus that must split long
    /// reads overrides this.
    public func readRegisters(_ register: UInt8, count: Int, at address: UInt8, mode: RegisterWalk = .incrementing) throws(I2CError) -> [UInt8] {
        do {
            return try writeThenRead([register], readCount: count, at: address)
        } catch {
            throw error.with(register: register)
        }
    }

    /// Reads one register.
    public func readRegister(_ register: UInt8, at address: UInt8) throws(I2CError) -> UInt8 {
        let bytes = try readRegisters(register, count: 1, at: address, mode: .incrementing)
        guard let first = bytes.first else {
            throw I2CError(.io, operation: .read, bus: path, address: address, register: register,
                           detail: "the bus returned no byte")
        }
        return first
    }

    /// Writes one register.
    public func writeRegister(_ register: UInt8, _ value: UInt8, at address: UInt8) throws(I2CError) {
        do {
            try write([register, value], to: address)
        } catch {
            throw error.with(register: register)
        }
    }
}
