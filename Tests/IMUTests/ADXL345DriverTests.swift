import I2C
import IMU
import IMUEmulators
import Testing

private let noDelay: ChipDelay = { _ in }

@Suite("ADXL345 driver")
struct ADXL345DriverTests {
    private func rig(address: UInt8 = 0x53) throws -> (EmulatedI2CBus, ADXL345Emulator, any IMUDriver) {
        let bus = EmulatedI2CBus()
        let chip = ADXL345Emulator()
        bus.attach(chip, at: address)
        let driver = try IMUDrivers.open(bus: bus, address: address, delay: noDelay)
        return (bus, chip, driver)
    }

    /// Steps the emulated chip through `seconds` of slowly changing motion.
    private func move(_ chip: ADXL345Emulator, seconds: Double, from start: Double = 0) {
        let steps = Int((seconds / 0.005).rounded())
        for step in 0..<steps {
            chip.motion = SensedMotion(accelerationG: SIMD3(start + Double(step) * 0.005, 0, 1))
            chip.advance(by: 0.005)
        }
    }

    @Test("configures in standby: full resolution, range, rate, FIFO emptied then streaming, then Measure")
    func configureExactBytes() throws {
        let a: UInt8 = 0x53
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x2d, 0x00),  // standby
            .writeRegister(a, 0x31, 0x0a),  // FULL_RES, ±8 g
            .writeRegister(a, 0x2c, 0x0a),  // 100 Hz
            .writeRegister(a, 0x38, 0x00),  // FIFO bypass: emptied
            .writeRegister(a, 0x38, 0x80),  // stream
            .writeRegister(a, 0x2d, 0x08),  // Measure
        ])
        let driver = ADXL345Driver(bus: bus, address: a)
        try driver.configure(IMUConfiguration(accelRange: .g8, outputRateHz: 100, useFIFO: true))
        #expect(bus.problems == [] && bus.remaining == 0)
        #expect(driver.outputRateHz == 100)
    }

    @Test("without the FIFO it stays in bypass; 30 Hz picks 25 Hz, ±16 g is range 11")
    func configureWithoutFIFO() throws {
        let a: UInt8 = 0x1d
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x2d, 0x00), .writeRegister(a, 0x31, 0x0b), .writeRegister(a, 0x2c, 0x08),
            .writeRegister(a, 0x38, 0x00), .writeRegister(a, 0x2d, 0x08),
        ])
        let driver = ADXL345Driver(bus: bus, address: a)
        try driver.configure(IMUConfiguration(accelRange: .g16, outputRateHz: 30, useFIFO: false))
        #expect(bus.problems == [] && bus.remaining == 0)
        #expect(driver.outputRateHz == 25)
    }

    @Test("reads X, Y, Z in one 6-byte burst from 0x32, little-endian and sign-extended")
    func burstReadDecodesLittleEndian() throws {
        let a: UInt8 = 0x53
        let bus = ScriptedI2CBus([.readRegisters(a, 0x32, [0x00, 0x01, 0x00, 0xf0, 0xff, 0xff])])
        let driver = ADXL345Driver(bus: bus, address: a)
        let raw = try driver.readRaw()
        #expect(raw.acceleration == SIMD3(256, -4096, -1))
        #expect(raw.angularRate == nil)
        #expect(bus.problems == [] && bus.remaining == 0)
    }

    @Test("scales at 256 LSB/g whatever the range, and has no angular rate")
    func scalesAt256PerG() throws {
        let a: UInt8 = 0x53
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x2d, 0x00), .writeRegister(a, 0x31, 0x0b), .writeRegister(a, 0x2c, 0x0a),
            .writeRegister(a, 0x38, 0x00), .writeRegister(a, 0x2d, 0x08),
            .readRegisters(a, 0x32, [0x00, 0x01, 0x80, 0xfe, 0x00, 0x0c]),  // 256, -384, 3072
        ])
        let driver = ADXL345Driver(bus: bus, address: a)
        try driver.configure(IMUConfiguration(accelRange: .g16, useFIFO: false))
        let sample = try driver.read()
        #expect(sample.accelerationG == SIMD3(1, -1.5, 12))
        #expect(sample.angularRateDegPerSecond == nil)
        #expect(!sample.saturated)
    }

    @Test("identifies the ADXL345 by DEVID 0xe5 at both addresses", arguments: [UInt8(0x53), 0x1d])
    func identification(address: UInt8) throws {
        let (bus, _, driver) = try rig(address: address)
        #expect(try bus.readRegister(0x00, at: address) == 0xe5)
        #expect(driver is ADXL345Driver)
        #expect(driver.chip == .adxl345)
    }

    @Test("another DEVID at 0x53 is an unknown-chip error")
    func unknownID() {
        let bus = EmulatedI2CBus()
        let chip = ADXL345Emulator()
        chip.poke(0x00, 0xe6)
        bus.attach(chip, at: 0x53)
        #expect { try IMUDrivers.open(bus: bus, address: 0x53, delay: noDelay) } throws: { error in
            if case .unknownChip(_, 0x53, 0x00, 0xe6)? = error as? IMUError { return true }
            return false
        }
    }

    @Test("reads back every range of the emulated chip within one LSB", arguments: AccelRange.allCases)
    func emulatorRoundTrip(accel: AccelRange) throws {
        let (_, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(accelRange: accel, outputRateHz: 100, useFIFO: false))
        #expect(chip.accelRange == accel)
        let lsb = 1 / ADXL345Map.countsPerG
        let full = Double(accel.rawValue) * 0.99
        for step in 0...20 {
            let f = Double(step) / 10 - 1
            let motion = SensedMotion(accelerationG: SIMD3(f * full, -f * full * 0.5, 0.3 * f))
            chip.present(motion)
            let sample = try driver.read()
            let d = sample.accelerationG - motion.accelerationG
            #expect(max(abs(d.x), abs(d.y), abs(d.z)) <= lsb)
            #expect(!sample.saturated)
        }
    }

    @Test("marks a sample at the end of the range as saturated, per range", arguments: AccelRange.allCases)
    func saturation(accel: AccelRange) throws {
        let (_, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(accelRange: accel, useFIFO: false))
        chip.present(SensedMotion(accelerationG: SIMD3(Double(accel.rawValue) * 1.2, 0, 1)))
        let clipped = try driver.read()
        #expect(clipped.saturated)
        #expect(abs(clipped.accelerationG.x - Double(ADXL345Map.fullScaleCounts(accel)) / 256) < 1e-12)
        chip.present(SensedMotion(accelerationG: SIMD3(Double(accel.rawValue) * 0.9, 0, 1)))
        #expect(try !driver.read().saturated)
    }

    @Test("drains the 32-entry FIFO in order, oldest first")
    func drainsFIFO() throws {
        let (_, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: true))
        var samples: [IMUSample] = []
        for wake in 0..<4 {
            move(chip, seconds: 0.25, from: Double(wake) * 0.25)
            let drain = try driver.drainFIFO(into: &samples)
            #expect(!drain.overflowed)
            #expect(chip.fifoEntries == 0)
        }
        #expect(samples.count == 100)
        let xs = samples.map(\.accelerationG.x)
        #expect(xs == xs.sorted())
        #expect(abs(xs.last! - 0.995) <= 1 / 256.0)
    }

    @Test("reports a filled FIFO as a possible gap and still returns the newest 32 samples")
    func overrunIsReported() throws {
        let (_, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: true))
        move(chip, seconds: 0.5)  // 50 samples into 32 places
        var samples: [IMUSample] = []
        let drain = try driver.drainFIFO(into: &samples)
        #expect(drain.overflowed)
        #expect(drain.samples == 32 && samples.count == 32)
        #expect(abs(samples.last!.accelerationG.x - 0.495) <= 1 / 256.0)
        move(chip, seconds: 0.1, from: 0.5)
        let next = try driver.drainFIFO(into: &samples)
        #expect(!next.overflowed && next.samples == 10)
    }

    @Test("produces no samples in standby, and few in sleep")
    func standbyAndSleep() throws {
        let (bus, chip, driver) = try rig()
        chip.advance(by: 1)
        #expect(chip.producedSamples == 0)  // power-on: standby
        try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: false))
        chip.advance(by: 1)
        #expect(chip.producedSamples == 100)
        try bus.writeRegister(0x2d, 0x0c, at: 0x53)  // Measure + Sleep, wakeup 8 Hz
        chip.advance(by: 1)
        #expect(chip.producedSamples == 108)
    }

    @Test("every injected fault ends in its typed error and the next drain works",
          arguments: [(BusFault.nack, I2CError.Kind.noDevice), (.ioError, .io), (.timeout, .timedOut)])
    func faultsAreTyped(fault: BusFault, kind: I2CError.Kind) throws {
        let (bus, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: true))
        move(chip, seconds: 0.1)
        bus.inject(fault, at: 0x53)
        var samples: [IMUSample] = []
        #expect { try driver.drainFIFO(into: &samples) } throws: { error in
            guard case .bus(let e) = error as? IMUError else { return false }
            return e.kind == kind && e.address == 0x53 && e.register == 0x30
        }
        #expect(try driver.drainFIFO(into: &samples).samples == 10)
    }

    @Test("an unplugged ADXL345 gives no-device until it is plugged back in")
    func unplug() throws {
        let (bus, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(useFIFO: false))
        bus.unplug(0x53)
        #expect { try driver.read() } throws: { ($0 as? IMUError)?.kind == "no-device" }
        bus.replug(0x53)
        chip.present(SensedMotion(accelerationG: SIMD3(0, 0, -1)))
        #expect(try driver.read().accelerationG == SIMD3(0, 0, -1))
    }
}
