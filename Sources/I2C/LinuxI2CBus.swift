import SystemPackage

/// An I2C bus behind the kernel's i2c-dev (`/dev/i2c-N`), driven through libi2c.
///
/// - Selects devices with `I2C_SLAVE` only (never `I2C_SLAVE_FORCE`), so an
///   address owned by a kernel driver fails with `.addressBusy` instead of
///   fighting that driver.
/// - Reads the adapter's functionality once, at open, and picks transfers from
///   it: SMBus I2C-block reads up to 32 bytes; longer reads as one `I2C_RDWR`
///   where the adapter speaks plain I2C, else in 32-byte SMBus chunks.
/// - Retries EINTR and EAGAIN a bounded number of times; every other failure is
///   an `I2CError` naming operation, bus, address, register and errno.
///
/// Not thread-safe: one owner drives a bus (the monitor's sampling task).
public final class LinuxI2CBus: I2CBus {
    public let path: String
    public let functionality: I2CFunctionality
    /// Receives one line per kernel transaction when set (`--trace`).
    public var trace: ((String) -> Void)?
    /// Attempts per call when the kernel says EINTR or EAGAIN.
    public let maxAttempts: Int

    private let kernel: any I2CKernel
    private let fd: CInt
    private var selectedAddress: UInt8?
    /// Scratch for SMBus block reads, the size of the kernel's `i2c_smbus_data` union.
    private var blockBuffer = [UInt8](repeating: 0, count: 34)

    /// Opens `/dev/i2c-<number>`.
    public convenience init(busNumber: Int, kernel: any I2CKernel = LibI2CKernel()) throws(I2CError) {
        try self.init(path: "/dev/i2c-\(busNumber)", kernel: kernel)
    }

    public init(path: String, kernel: any I2CKernel = LibI2CKernel(), maxAttempts: Int = 3) throws(I2CError) {
        precondition(maxAttempts >= 1, "at least one attempt")
        self.path = path
        self.kernel = kernel
        self.maxAttempts = maxAttempts
        let opened = kernel.open(path)
        if opened < 0 {
            throw I2CError(errno: Errno(rawValue: -opened), operation: .open, bus: path)
        }
        fd = opened
        var mask: UInt = 0
        let result = kernel.functionality(fd, &mask)
        if result < 0 {
            kernel.close(fd)
            throw I2CError(errno: Errno(rawValue: -result), operation: .functionality, bus: path,
                           detail: "is this an I2C adapter?")
        }
        functionality = I2CFunctionality(rawValue: mask)
    }

    deinit { kernel.close(fd) }

    // MARK: I2CBus

    public func write(_ bytes: [UInt8], to address: UInt8) throws(I2CError) {
        guard !bytes.isEmpty else {
            throw I2CError(.invalidRequest, operation: .write, bus: path, address: address, detail: "nothing to write")
        }
        let register = bytes[0]
        let payload = Array(bytes.dropFirst())
        switch bytes.count {
        case 1 where functionality.contains(.smbusWriteByte):
            try select(address, for: .write)
            emit("smbus-write-byte addr=\(hex(address)) value=\(hex(register))")
            _ = try call(.write, address, nil) { kernel.writeByte(fd, register) }
        case 2 where functionality.contains(.smbusWriteByteData):
            try select(address, for: .write)
            emit("smbus-write-byte-data addr=\(hex(address)) reg=\(hex(register)) value=\(hex(payload[0]))")
            _ = try call(.write, address, register) { kernel.writeByteData(fd, register, payload[0]) }
        case 3...(I2CFunctionality.smbusBlockMax + 1) where functionality.contains(.smbusWriteI2CBlock):
            try select(address, for: .write)
            emit("smbus-i2c-block-write addr=\(hex(address)) reg=\(hex(register)) len=\(payload.count)")
            _ = try call(.write, address, register) { kernel.writeI2CBlock(fd, register, payload) }
        default:
            guard functionality.contains(.plainI2C) else {
                throw I2CError(.unsupported, operation: .write, bus: path, address: address, register: register,
                               detail: "a \(bytes.count)-byte write needs plain I2C, functionality \(functionality)")
            }
            _ = try combinedTransfer(writing: bytes, readCount: 0, at: address)
        }
    }

    public func writeThenRead(_ bytes: [UInt8], readCount count: Int, at address: UInt8) throws(I2CError) -> [UInt8] {
        if bytes.count == 1 {
            return try readRegisters(bytes[0], count: count, at: address, mode: .incrementing)
        }
        guard functionality.contains(.plainI2C) else {
            throw I2CError(.unsupported, operation: .writeThenRead, bus: path, address: address,
                           detail: "a \(bytes.count)-byte write before a read needs plain I2C, functionality \(functionality)")
        }
        return try combinedTransfer(writing: bytes, readCount: count, at: address)
    }

    public func readRegisters(_ register: UInt8, count: Int, at address: UInt8, mode: RegisterWalk) throws(I2CError) -> [UInt8] {
        guard count > 0 else {
            throw I2CError(.invalidRequest, operation: .read, bus: path, address: address, register: register,
                           detail: "read of \(count) bytes")
        }
        switch functionality.strategy(forRead: count) {
        case .smbusBlock:
            return try smbusBlockRead(register, count: count, at: address)
        case .combinedTransfer:
            return try combinedTransfer(writing: [register], readCount: count, at: address)
        case .smbusBlockChunks:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            var next = register
            while bytes.count < count {
                let length = min(I2CFunctionality.smbusBlockMax, count - bytes.count)
                bytes += try smbusBlockRead(next, count: length, at: address)
                if mode == .incrementing { next &+= UInt8(length) }
            }
            return bytes
        case .smbusByte:
            try select(address, for: .read)
            emit("smbus-read-byte-data addr=\(hex(address)) reg=\(hex(register))")
            let value = try call(.read, address, register) { kernel.readByteData(fd, register) }
            return [UInt8(truncatingIfNeeded: value)]
        case .unsupported:
            throw I2CError(.unsupported, operation: .read, bus: path, address: address, register: register,
                           detail: "no transfer for a \(count)-byte read, functionality \(functionality)")
        }
    }

    public func probe(_ address: UInt8) throws(I2CError) -> ProbeResult {
        let status = kernel.setAddress(fd, address)
        if status < 0 {
            let error = I2CError(errno: Errno(rawValue: -status), operation: .selectAddress, bus: path, address: address)
            if error.kind == .addressBusy { return .ownedByKernelDriver }
            throw error
        }
        selectedAddress = address
        // As i2cdetect: a read where a quick write could upset EEPROMs or
        // write-protect latches, a quick write elsewhere.
        let readsInstead = (0x30...0x37).contains(address) || (0x50...0x5f).contains(address)
        let result: CInt
        if functionality.contains(.smbusQuick) && !readsInstead {
            emit("smbus-quick addr=\(hex(address))")
            result = kernel.quickWrite(fd)
        } else if functionality.contains(.smbusReadByte) {
            emit("smbus-read-byte addr=\(hex(address))")
            result = kernel.readByte(fd)
        } else {
            throw I2CError(.unsupported, operation: .probe, bus: path, address: address,
                           detail: "the adapter offers neither SMBus quick nor read byte")
        }
        return result < 0 ? .absent : .present
    }

    // MARK: Beyond the protocol

    /// One `I2C_RDWR` combined transfer, whatever the functionality flags say.
    /// On an SMBus-only adapter the kernel refuses it and this throws `.unsupported`.
    public func combinedTransfer(writing bytes: [UInt8], readCount count: Int, at address: UInt8) throws(I2CError) -> [UInt8] {
        guard count >= 0, count <= Int(UInt16.max), bytes.count <= Int(UInt16.max) else {
            throw I2CError(.invalidRequest, operation: .transfer, bus: path, address: address,
                           detail: "transfer of \(count) bytes")
        }
        var incoming = [UInt8](repeating: 0, count: count)
        let register = bytes.first
        emit("rdwr addr=\(hex(address)) write=\(bytes.count) read=\(count)")
        let done = try call(.transfer, address, register) {
            incoming.withUnsafeMutableBufferPointer { kernel.combinedTransfer(fd, address, write: bytes, read: $0) }
        }
        let expected = count > 0 && !bytes.isEmpty ? 2 : 1
        guard done == expected else {
            throw I2CError(.io, operation: .transfer, bus: path, address: address, register: register,
                           detail: "the kernel completed \(done) of \(expected) messages")
        }
        return incoming
    }

    // MARK: Funnels

    private func select(_ address: UInt8, for operation: I2CError.Operation) throws(I2CError) {
        guard selectedAddress != address else { return }
        _ = try call(.selectAddress, address, nil) { kernel.setAddress(fd, address) }
        selectedAddress = address
    }

    private func smbusBlockRead(_ register: UInt8, count: Int, at address: UInt8) throws(I2CError) -> [UInt8] {
        precondition(count > 0 && count <= I2CFunctionality.smbusBlockMax, "SMBus blocks hold 1...32 bytes")
        try select(address, for: .read)
        emit("smbus-i2c-block-read addr=\(hex(address)) reg=\(hex(register)) len=\(count)")
        let kernel = self.kernel
        let fd = self.fd
        let got = try call(.read, address, register) {
            blockBuffer.withUnsafeMutableBufferPointer { kernel.readI2CBlock(fd, register, UInt8(count), $0.baseAddress!) }
        }
        guard got == count else {
            throw I2CError(.io, operation: .read, bus: path, address: address, register: register,
                           detail: "short SMBus block read: \(got) of \(count) bytes")
        }
        return Array(blockBuffer[0..<count])
    }

    /// The one place a kernel call is made, retried and turned into an error.
    private func call(_ operation: I2CError.Operation, _ address: UInt8, _ register: UInt8?,
                      _ body: () -> CInt) throws(I2CError) -> CInt {
        var attempt = 1
        while true {
            let result = body()
            if result >= 0 { return result }
            let errno = Errno(rawValue: -result)
            let transient = errno == .interrupted || errno == .resourceTemporarilyUnavailable
            if transient && attempt < maxAttempts {
                attempt += 1
                continue
            }
            let detail = transient ? "still failing after \(attempt) attempts" : nil
            throw I2CError(errno: errno, operation: operation, bus: path, address: address,
                           register: register, detail: detail)
        }
    }

    private func emit(_ line: String) { trace?("i2c: " + line) }
}
