import CI2C
import I2C
import SystemPackage
import Testing

@Suite("LinuxI2CBus over a modelled kernel")
struct LinuxI2CBusTests {
    private func bus(_ functionality: I2CFunctionality, registers: [UInt8] = Array(0...255)) throws -> (LinuxI2CBus, KernelModel) {
        let kernel = KernelModel(functionality: functionality)
        kernel.devices[0x68] = registers
        return (try LinuxI2CBus(path: "/dev/i2c-9", kernel: kernel), kernel)
    }

    @Test("reads up to 32 bytes as one SMBus I2C-block read")
    func shortReadIsOneBlock() throws {
        let (bus, kernel) = try bus(.fullI2C)
        let bytes = try bus.readRegisters(0x3b, count: 14, at: 0x68, mode: .incrementing)
        #expect(bytes == Array(0x3b..<0x49))
        #expect(kernel.calls == ["set-address 0x68", "block-read 0x3b 14"])
    }

    @Test("reads longer blocks as one I2C_RDWR transfer where the adapter speaks plain I2C")
    func longReadUsesRDWR() throws {
        let (bus, kernel) = try bus(.fullI2C)
        let bytes = try bus.readRegisters(0x10, count: 64, at: 0x68, mode: .incrementing)
        #expect(bytes == Array(0x10..<0x50))
        #expect(kernel.calls == ["rdwr 0x68 write=1 read=64"])
    }

    @Test("reads longer blocks in 32-byte SMBus chunks on an SMBus-only adapter, advancing the register")
    func longReadChunksOnSMBusOnly() throws {
        let (bus, kernel) = try bus(.smbusOnly)
        var traced: [String] = []
        bus.trace = { traced.append($0) }
        let bytes = try bus.readRegisters(0x00, count: 70, at: 0x68, mode: .incrementing)
        #expect(bytes == Array(0..<70))
        #expect(kernel.calls == ["set-address 0x68", "block-read 0x00 32", "block-read 0x20 32", "block-read 0x40 6"])
        #expect(traced.count == 3 && traced.allSatisfy { $0.hasPrefix("i2c: smbus-i2c-block-read addr=0x68") })
    }

    @Test("reads a FIFO port in chunks from the same register")
    func fifoChunksStayOnRegister() throws {
        let (bus, kernel) = try bus(.smbusOnly)
        _ = try bus.readRegisters(0x74, count: 48, at: 0x68, mode: .fifoPort)
        #expect(kernel.calls.suffix(2) == ["block-read 0x74 32", "block-read 0x74 16"])
    }

    @Test("a forced I2C_RDWR on an SMBus-only adapter is a typed unsupported error")
    func forcedRDWRIsUnsupported() throws {
        let (bus, _) = try bus(.smbusOnly)
        #expect(bus.functionality.strategy(forRead: 64) == .smbusBlockChunks)
        #expect {
            try bus.combinedTransfer(writing: [0x00], readCount: 64, at: 0x68)
        } throws: { error in
            let e = error as! I2CError
            return e.kind == .unsupported && e.operation == .transfer && e.errno == .notSupported
                && e.description.contains("I2C_RDWR")
        }
    }

    @Test("retries EINTR and EAGAIN a bounded number of times")
    func retriesTransientErrors() throws {
        let (bus, kernel) = try bus(.fullI2C)
        kernel.queuedErrors = [.interrupted, .resourceTemporarilyUnavailable]
        #expect(try bus.readRegister(0x75, at: 0x68) == 0x75)
        kernel.queuedErrors = [.interrupted, .interrupted, .interrupted, .interrupted]
        #expect {
            try bus.readRegister(0x75, at: 0x68)
        } throws: { error in
            let e = error as! I2CError
            return e.errno == .interrupted && e.detail == "still failing after 3 attempts"
        }
        #expect(kernel.queuedErrors.count == 1)  // three attempts used, no more
    }

    @Test("kernel errors become kinds that say what to do", arguments: [
        (Errno.noSuchAddressOrDevice, I2CError.Kind.noDevice), (Errno(rawValue: 121), .noDevice),
        (.ioError, .io), (.timedOut, .timedOut), (.operationNotSupportedByDevice, .noDevice),
    ])
    func errnoClassification(errno: Errno, kind: I2CError.Kind) throws {
        let (bus, kernel) = try bus(.fullI2C)
        kernel.queuedErrors = [errno]
        #expect {
            try bus.readRegisters(0x3b, count: 6, at: 0x68, mode: .incrementing)
        } throws: { error in
            let e = error as! I2CError
            return e.kind == kind && e.register == 0x3b && e.address == 0x68 && e.bus == "/dev/i2c-9"
        }
    }

    @Test("a missing bus explains how to enable I2C on a Raspberry Pi")
    func missingBusAdvice() {
        let kernel = KernelModel(functionality: .fullI2C)
        kernel.openErrno = .noSuchFileOrDirectory
        #expect {
            try LinuxI2CBus(path: "/dev/i2c-1", kernel: kernel)
        } throws: { error in
            let e = error as! I2CError
            return e.kind == .busMissing && e.description.contains("dtparam=i2c_arm=on") && e.description.contains("raspi-config")
        }
    }

    @Test("permission denied points at the i2c group and the udev rule")
    func permissionAdvice() {
        let kernel = KernelModel(functionality: .fullI2C)
        kernel.openErrno = .permissionDenied
        #expect {
            try LinuxI2CBus(path: "/dev/i2c-1", kernel: kernel)
        } throws: { error in
            let e = error as! I2CError
            return e.kind == .permissionDenied && e.description.contains("i2c group")
                && e.description.contains("hardware/99-plumbline-i2c.rules")
        }
    }

    @Test("an address owned by a kernel driver is busy, with how to unbind it, and probes as UU")
    func busyAddress() throws {
        let (bus, kernel) = try bus(.fullI2C)
        kernel.busyAddresses = [0x68]
        #expect(try bus.probe(0x68) == .ownedByKernelDriver)
        #expect {
            try bus.readRegister(0x75, at: 0x68)
        } throws: { error in
            let e = error as! I2CError
            return e.kind == .addressBusy && e.description.contains("unbind")
        }
    }

    @Test("probing finds present and absent addresses")
    func probe() throws {
        let (bus, _) = try bus(.smbusOnly)
        #expect(try bus.probe(0x68) == .present)
        #expect(try bus.probe(0x50) == .absent)
    }

    @Test("writes of two bytes use SMBus byte-data; longer writes the I2C block write")
    func writes() throws {
        let (bus, kernel) = try bus(.smbusOnly)
        try bus.writeRegister(0x6b, 0x01, at: 0x68)
        try bus.write([0x10, 1, 2, 3], to: 0x68)
        #expect(kernel.calls.suffix(2) == ["write-byte-data 0x6b", "block-write 0x10 3"])
        #expect(kernel.devices[0x68]![0x6b] == 0x01 && Array(kernel.devices[0x68]![0x10...0x12]) == [1, 2, 3])
    }

    @Test("the shim's ioctl numbers are the kernel ABI's")
    func ioctlNumbers() {
        // include/uapi/linux/i2c-dev.h
        #expect(plumbline_i2c_request_slave() == 0x0703)
        #expect(plumbline_i2c_request_funcs() == 0x0705)
        #expect(plumbline_i2c_request_rdwr() == 0x0707)
        #expect(plumbline_i2c_smbus_union_size() == 34)
    }
}
