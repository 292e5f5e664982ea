import CI2C
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The kernel calls `LinuxI2CBus` makes, one method each.
///
/// Every method returns a non-negative result on success and `-errno` on
/// failure (the convention of libi2c 4.x). Production uses `LibI2CKernel`;
/// tests substitute a model to drive the error paths without hardware.
public protocol I2CKernel {
    func open(_ path: String) -> CInt
    func close(_ fd: CInt)
    func setAddress(_ fd: CInt, _ address: UInt8) -> CInt
    /// Returns `-errno`, or 0 with `mask` filled in.
    func functionality(_ fd: CInt, _ mask: inout UInt) -> CInt
    func quickWrite(_ fd: CInt) -> CInt
    func readByte(_ fd: CInt) -> CInt
    func writeByte(_ fd: CInt, _ value: UInt8) -> CInt
    func readByteData(_ fd: CInt, _ register: UInt8) -> CInt
    func writeByteData(_ fd: CInt, _ register: UInt8, _ value: UInt8) -> CInt
    /// SMBus I2C-block read into a buffer of the kernel union's size (34 bytes);
    /// returns the number of bytes read.
    func readI2CBlock(_ fd: CInt, _ register: UInt8, _ length: UInt8, _ buffer: UnsafeMutablePointer<UInt8>) -> CInt
    func writeI2CBlock(_ fd: CInt, _ register: UInt8, _ bytes: [UInt8]) -> CInt
    /// `I2C_RDWR`: a write message, then (if `read` is not empty) a read message.
    func combinedTransfer(_ fd: CInt, _ address: UInt8, write: [UInt8], read: UnsafeMutableBufferPointer<UInt8>) -> CInt
}

/// The real thing: libi2c's SMBus helpers and the i2c-dev ioctls.
public struct LibI2CKernel: I2CKernel {
    public init() {}

    private func failure() -> CInt { -plumbline_errno() }

    public func open(_ path: String) -> CInt {
        let fd = Glibc.open(path, O_RDWR | O_CLOEXEC)
        return fd < 0 ? failure() : fd
    }

    public func close(_ fd: CInt) { _ = Glibc.close(fd) }

    public func setAddress(_ fd: CInt, _ address: UInt8) -> CInt {
        plumbline_i2c_set_address(fd, UInt(address)) < 0 ? failure() : 0
    }

    public func functionality(_ fd: CInt, _ mask: inout UInt) -> CInt {
        plumbline_i2c_functionality(fd, &mask) < 0 ? failure() : 0
    }

    public func quickWrite(_ fd: CInt) -> CInt { i2c_smbus_write_quick(fd, UInt8(I2C_SMBUS_WRITE)) }
    public func readByte(_ fd: CInt) -> CInt { i2c_smbus_read_byte(fd) }
    public func writeByte(_ fd: CInt, _ value: UInt8) -> CInt { i2c_smbus_write_byte(fd, value) }

    public func readByteData(_ fd: CInt, _ register: UInt8) -> CInt { i2c_smbus_read_byte_data(fd, register) }

    public func writeByteData(_ fd: CInt, _ register: UInt8, _ value: UInt8) -> CInt {
        i2c_smbus_write_byte_data(fd, register, value)
    }

    public func readI2CBlock(_ fd: CInt, _ register: UInt8, _ length: UInt8, _ buffer: UnsafeMutablePointer<UInt8>) -> CInt {
        i2c_smbus_read_i2c_block_data(fd, register, length, buffer)
    }

    public func writeI2CBlock(_ fd: CInt, _ register: UInt8, _ bytes: [UInt8]) -> CInt {
        bytes.withUnsafeBufferPointer { buffer in
            i2c_smbus_write_i2c_block_data(fd, register, UInt8(buffer.count), buffer.baseAddress)
        }
    }

    public func combinedTransfer(_ fd: CInt, _ address: UInt8, write: [UInt8], read: UnsafeMutableBufferPointer<UInt8>) -> CInt {
        var outgoing = write
        return outgoing.withUnsafeMutableBufferPointer { out -> CInt in
            var messages: [i2c_msg] = []
            if !out.isEmpty {
                messages.append(i2c_msg(addr: UInt16(address), flags: 0, len: UInt16(out.count), buf: out.baseAddress))
            }
            if !read.isEmpty {
                messages.append(i2c_msg(addr: UInt16(address), flags: UInt16(I2C_M_RD), len: UInt16(read.count), buf: read.baseAddress))
            }
            let result = messages.withUnsafeMutableBufferPointer { list in
                plumbline_i2c_rdwr(fd, list.baseAddress, UInt32(list.count))
            }
            return result < 0 ? failure() : result
        }
    }
}
