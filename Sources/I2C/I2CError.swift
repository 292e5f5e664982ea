import SystemPackage

/// A failed I2C operation, with everything needed to act on it.
///
/// `kind` is what went wrong in words a user can act on; `errno` is what the
/// kernel said, when it said anything. `description` gives both, plus advice.
public struct I2CError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable, Equatable {
        /// The bus device node does not exist (I2C not enabled, wrong number).
        case busMissing = "bus-missing"
        /// The bus exists but this user may not open it.
        case permissionDenied = "permission-denied"
        /// Nothing acknowledged the address (ENXIO, EREMOTEIO, or a NACK).
        case noDevice = "no-device"
        /// A kernel driver owns the address (EBUSY on I2C_SLAVE).
        case addressBusy = "address-busy"
        /// The adapter cannot do the transfer that was asked for.
        case unsupported
        /// The transfer did not finish in time (ETIMEDOUT: a held line, clock stretching).
        case timedOut = "timed-out"
        /// Any other I/O failure (EIO, protocol errors, a short transfer).
        case io
        /// The caller asked for something no bus can do (e.g. a 0-byte read).
        case invalidRequest = "invalid-request"
    }

    public enum Operation: String, Sendable, Equatable {
        case open, functionality, selectAddress = "select address", read, write
        case writeThenRead = "write-then-read", transfer = "I2C_RDWR transfer", probe
    }

    public var kind: Kind
    public var operation: Operation
    /// The bus, e.g. `/dev/i2c-1`.
    public var bus: String
    public var address: UInt8?
    public var register: UInt8?
    /// What the kernel returned, when it returned an error number.
    public var errno: Errno?
    /// Extra facts (which transfer, which length), no advice.
    public var detail: String?

    public init(_ kind: Kind, operation: Operation, bus: String, address: UInt8? = nil,
                register: UInt8? = nil, errno: Errno? = nil, detail: String? = nil) {
        self.kind = kind
        self.operation = operation
        self.bus = bus
        self.address = address
        self.register = register
        self.errno = errno
        self.detail = detail
    }

    /// Classifies a kernel error number; the one place errno becomes a kind.
    public init(errno: Errno, operation: Operation, bus: String, address: UInt8? = nil,
                register: UInt8? = nil, detail: String? = nil) {
        let kind: Kind
        switch errno {
        case .noSuchFileOrDirectory: kind = .busMissing
        // ENODEV: no such bus when opening; i2c-stub and some adapters use it for an empty address.
        case .operationNotSupportedByDevice: kind = operation == .open ? .busMissing : .noDevice
        case .permissionDenied, .notPermitted: kind = .permissionDenied
        case .noSuchAddressOrDevice, Errno(rawValue: remoteIOErrno): kind = .noDevice
        case .resourceBusy: kind = .addressBusy
        case .notSupported: kind = .unsupported  // EOPNOTSUPP == ENOTSUP on Linux
        case .timedOut: kind = .timedOut
        default: kind = .io
        }
        self.init(kind, operation: operation, bus: bus, address: address, register: register,
                  errno: errno, detail: detail)
    }

    /// The same error, naming the register it concerned.
    public func with(register: UInt8) -> I2CError {
        var copy = self
        if copy.register == nil { copy.register = register }
        return copy
    }

    /// One line of facts: kind, operation, bus, address, register, errno.
    public var summary: String {
        var text = "\(operation.rawValue) failed on \(bus)"
        if let address { text += " at address \(hex(address))" }
        if let register { text += ", register \(hex(register))" }
        if let detail { text += " (\(detail))" }
        if let errno { text += ": \(errno) [errno \(errno.rawValue)]" }
        return text
    }

    /// What to do about it, in the user's terms.
    public var advice: String {
        switch kind {
        case .busMissing:
            return """
            No I2C bus at \(bus). On a Raspberry Pi enable the I2C interface: run \
            `sudo raspi-config` (Interface Options, I2C), or add `dtparam=i2c_arm=on` to \
            /boot/firmware/config.txt (/boot/config.txt on older images), reboot, and check that \
            /dev/i2c-1 exists. Elsewhere load the i2c-dev module (`sudo modprobe i2c-dev`) and list \
            buses with `ls /dev/i2c-*`.
            """
        case .permissionDenied:
            return """
            This user may not open \(bus). Add it to the i2c group (`sudo usermod -aG i2c $USER`, \
            then log in again) and install the udev rule from hardware/99-plumbline-i2c.rules \
            (`sudo cp hardware/99-plumbline-i2c.rules /etc/udev/rules.d/ && sudo udevadm trigger`).
            """
        case .noDevice:
            let at = address.map(hex) ?? "that address"
            return """
            No device answered at \(at) on \(bus). Check power (3V3 and GND), that SDA and SCL are not \
            swapped, the address pin (AD0/SA0/ALT) and the connector; `plumbline detect` lists what answers.
            """
        case .addressBusy:
            let at = address.map(hex) ?? "the address"
            return """
            A kernel driver owns \(at) on \(bus), so Plumbline will not take it over. Find it with \
            `ls /sys/bus/i2c/devices/` and unbind it (`echo <bus>-00<addr> | sudo tee \
            /sys/bus/i2c/drivers/<driver>/unbind`), or remove the dtoverlay that created it.
            """
        case .unsupported:
            return """
            The adapter behind \(bus) cannot do this transfer (see `plumbline bus info`). SMBus-only \
            adapters have no I2C_RDWR; Plumbline reads them in 32-byte SMBus blocks instead.
            """
        case .timedOut:
            return """
            The bus timed out: a device may be holding SDA low. Power-cycle the sensors, shorten the \
            cable, or lower the bus speed (`dtparam=i2c_arm_baudrate=100000`).
            """
        case .io:
            return """
            The transfer failed. Loose wires and long cables cause this; check the connector, keep the \
            cable short or lower the bus speed. Plumbline retries transient errors.
            """
        case .invalidRequest:
            return "This is a bug in the caller; please report it with the message above."
        }
    }

    public var description: String { "\(kind.rawValue): \(summary). \(advice)" }
}

/// Linux EREMOTEIO (121): the adapter saw a NACK on the address.
let remoteIOErrno: CInt = 121

/// `0x68` style, for addresses and registers in messages.
public func hex(_ value: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return "0x" + String(digits[Int(value >> 4)]) + String(digits[Int(value & 0x0f)])
}
