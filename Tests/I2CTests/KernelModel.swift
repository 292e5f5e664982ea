import I2C
@testable import I2C
import SystemPackage

/// A model of i2c-dev for tests: devices as register files, a functionality
/// mask, and errors queued per call, so LinuxI2CBus's choices can be checked
/// without a kernel. Returns `-errno` like libi2c.
final class KernelModel: I2CKernel {
    var functionality: I2CFunctionality
    var devices: [UInt8: [UInt8]] = [:]
    var busyAddresses: Set<UInt8> = []
    var openErrno: Errno?
    /// Errors returned by the next data calls, in order.
    var queuedErrors: [Errno] = []
    private(set) var calls: [String] = []
    private var address: UInt8?

    init(functionality: I2CFunctionality) { self.functionality = functionality }

    private func nextError() -> CInt? {
        guard !queuedErrors.isEmpty else { return nil }
        return -queuedErrors.removeFirst().rawValue
    }

    private func device() -> [UInt8]? { address.flatMap { devices[$0] } }

    func open(_ path: String) -> CInt { openErrno.map { -$0.rawValue } ?? 3 }
    func close(_ fd: CInt) { calls.append("close") }

    func setAddress(_ fd: CInt, _ address: UInt8) -> CInt {
        calls.append("set-address \(hex(address))")
        if busyAddresses.contains(address) { return -Errno.resourceBusy.rawValue }
        self.address = address
        return 0
    }

    func functionality(_ fd: CInt, _ mask: inout UInt) -> CInt {
        mask = functionality.rawValue
        return 0
    }

    func quickWrite(_ fd: CInt) -> CInt { device() == nil ? -Errno.noSuchAddressOrDevice.rawValue : 0 }
    func readByte(_ fd: CInt) -> CInt { device() == nil ? -Errno.noSuchAddressOrDevice.rawValue : 0 }
    func writeByte(_ fd: CInt, _ value: UInt8) -> CInt { nextError() ?? 0 }

    func readByteData(_ fd: CInt, _ register: UInt8) -> CInt {
        calls.append("read-byte-data \(hex(register))")
        if let error = nextError() { return error }
        guard let regs = device() else { return -Errno.noSuchAddressOrDevice.rawValue }
        return CInt(regs[Int(register)])
    }

    func writeByteData(_ fd: CInt, _ register: UInt8, _ value: UInt8) -> CInt {
        calls.append("write-byte-data \(hex(register))")
        if let error = nextError() { return error }
        guard let address, devices[address] != nil else { return -Errno.noSuchAddressOrDevice.rawValue }
        devices[address]![Int(register)] = value
        return 0
    }

    func readI2CBlock(_ fd: CInt, _ register: UInt8, _ length: UInt8, _ buffer: UnsafeMutablePointer<UInt8>) -> CInt {
        calls.append("block-read \(hex(register)) \(length)")
        if let error = nextError() { return error }
        guard functionality.contains(.smbusReadI2CBlock) else { return -Errno.notSupported.rawValue }
        guard length <= 32 else { return -Errno.invalidArgument.rawValue }
        guard let regs = device() else { return -Errno.noSuchAddressOrDevice.rawValue }
        for i in 0..<Int(length) { buffer[i] = regs[(Int(register) + i) & 0xff] }
        return CInt(length)
    }

    func writeI2CBlock(_ fd: CInt, _ register: UInt8, _ bytes: [UInt8]) -> CInt {
        calls.append("block-write \(hex(register)) \(bytes.count)")
        if let error = nextError() { return error }
        guard let address, devices[address] != nil else { return -Errno.noSuchAddressOrDevice.rawValue }
        for (i, b) in bytes.enumerated() { devices[address]![(Int(register) + i) & 0xff] = b }
        return 0
    }

    func combinedTransfer(_ fd: CInt, _ address: UInt8, write: [UInt8], read: UnsafeMutableBufferPointer<UInt8>) -> CInt {
        calls.append("rdwr \(hex(address)) write=\(write.count) read=\(read.count)")
        if let error = nextError() { return error }
        guard functionality.contains(.plainI2C) else { return -Errno.notSupported.rawValue }
        guard let regs = devices[address] else { return -Errno.noSuchAddressOrDevice.rawValue }
        let start = Int(write.first ?? 0)
        for i in 0..<read.count { read[i] = regs[(start + i) & 0xff] }
        return read.isEmpty ? 1 : 2
    }
}

extension I2CFunctionality {
    /// What i2c-stub offers: SMBus, including I2C block, but no plain I2C.
    static let smbusOnly: I2CFunctionality = [.smbusQuick, .smbusReadByte, .smbusWriteByte, .smbusReadByteData,
                                              .smbusWriteByteData, .smbusReadI2CBlock, .smbusWriteI2CBlock]
    /// A full controller such as the Raspberry Pi's.
    static let fullI2C: I2CFunctionality = smbusOnly.union(.plainI2C)
}
