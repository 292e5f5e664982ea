import I2C
import IMU
import IMUEmulators
import Testing

private let noDelay: ChipDelay = { _ in }

@Suite("LIS3DH driver")
struct LIS3DHDriverTests {
    private func rig(address: UInt8 = 0x18) throws -> (EmulatedI2CBus, LIS3DHEmulator, any IMUDriver) {
        let bus = EmulatedI2CBus()
        let chip = LIS3DHEmulator()
        bus.attach(chip, at: address)
        let driver = try IMUDrivers.open(bus: bus, address: address, delay: noDelay)
        return (bus, chip, driver)
    }

    private func move(_ chip: LIS3DHEmulator, seconds: Double, from start: Double = 0) {
        let steps = Int((seconds / 0.005).rounded())
        for step in 0..<steps {
            chip.motion = SensedMotion(accelerationG: SIMD3(start + Double(step) * 0.005, 0, 1))
            chip.advance(by: 0.005)
        }
    }

    @Test("configures BDU, range and high resolution, then the rate with all axes, then the FIFO in stream mode")
    func configureExactBytes() throws {
        let a: UInt8 = 0x18
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x23, 0x98),  // BDU, FS 01 = ±4 g, HR
            .writeRegister(a, 0x20, 0x57),  // 100 Hz, X/Y/Z on
            .writeRegister(a, 0x2e, 0x00),  // FIFO bypass: emptied
            .writeRegister(a, 0x24, 0x40),  // FIFO_EN
            .writeRegister(a, 0x2e, 0x80),  // stream
        ])
        let driver = LIS3DHDriver(bus: bus, address: a)
        try driver.configure(IMUConfiguration(accelRange: .g4, outputRateHz: 100, useFIFO: true))
        #expect(bus.problems == [] && bus.remaining == 0)
        #expect(driver.outputRateHz == 100)
    }

    @Test("without the FIFO it leaves FIFO_EN off; 1 kHz picks 1344 Hz, ±16 g is FS 11")
    func configureWithoutFIFO() throws {
        let a: UInt8 = 0x19
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x23, 0xb8), .writeRegister(a, 0x20, 0x97),
            .writeRegister(a, 0x2e, 0x00), .writeRegister(a, 0x24, 0x00),
        ])
        let driver = LIS3DHDriver(bus: bus, address: a)
        try driver.configure(IMUConfiguration(accelRange: .g16, outputRateHz: 1000, useFIFO: false))
        #expect(bus.problems == [] && bus.remaining == 0)
        #expect(driver.outputRateHz == 1344)
    }

    @Test("reads X, Y, Z in one burst from 0xa8 (auto-increment), shifting the left-justified 12 bits with their sign")
    func burstReadDecodes() throws {
        let a: UInt8 = 0x18
        let reply: [UInt8] = [0x10, 0x00, 0xf0, 0xff, 0x00, 0x80]  // +1, -1, -2048
        let bus = ScriptedI2CBus([.readRegisters(a, 0xa8, reply), .readRegisters(a, 0xa8, [0xf0, 0x7f, 0x00, 0x40, 0x30, 0xfc])])
        let driver = LIS3DHDriver(bus: bus, address: a)
        #expect(try driver.readRaw().acceleration == SIMD3(1, -1, -2048))
        #expect(try driver.readRaw().acceleration == SIMD3(2047, 1024, -61))
        #expect(bus.problems == [] && bus.remaining == 0)
    }

    @Test("scales at 1, 2, 4 and 12 mg per digit", arguments: zip(AccelRange.allCases, [0.001, 0.002, 0.004, 0.012]))
    func scales(range: AccelRange, mgPerDigit: Double) throws {
        let a: UInt8 = 0x18
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x23, 0x88 | UInt8(range.index) << 4), .writeRegister(a, 0x20, 0x57),
            .writeRegister(a, 0x2e, 0x00), .writeRegister(a, 0x24, 0x00),
            .readRegisters(a, 0xa8, [0xa0, 0x0f, 0x00, 0x00, 0x60, 0xf0]),  // +250, 0, -250 digits
        ])
        let driver = LIS3DHDriver(bus: bus, address: a)
        try driver.configure(IMUConfiguration(accelRange: range, outputRateHz: 100, useFIFO: false))
        let sample = try driver.read()
        #expect(abs(sample.accelerationG.x - 250 * mgPerDigit) < 1e-12)
        #expect(abs(sample.accelerationG.z + 250 * mgPerDigit) < 1e-12)
        #expect(sample.angularRateDegPerSecond == nil)
    }

    @Test("the emulated pointer walks only when bit 7 of the address is set")
    func autoIncrementRule() throws {
        let (bus, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(useFIFO: false))
        chip.present(SensedMotion(accelerationG: SIMD3(0.5, -0.25, 1)))
        let walked = try bus.readRegisters(0xa8, count: 6, at: 0x18, mode: .incrementing)
        let stayed = try bus.readRegisters(0x28, count: 6, at: 0x18, mode: .incrementing)
        #expect(walked == (0..<6).map { chip.peek(0x28 + UInt8($0)) })
        #expect(Set(stayed) == [chip.peek(0x28)])
        #expect(walked[1] != walked[0])
    }

    @Test("identifies the LIS3DH by WHO_AM_I 0x33 at both addresses", arguments: [UInt8(0x18), 0x19])
    func identification(address: UInt8) throws {
        let (bus, _, driver) = try rig(address: address)
        #expect(try bus.readRegister(0x0f, at: address) == 0x33)
        #expect(driver is LIS3DHDriver)
        #expect(driver.chip == .lis3dh)
    }

    @Test("another WHO_AM_I at 0x19 is an unknown-chip error")
    func unknownID() {
        let bus = EmulatedI2CBus()
        let chip = LIS3DHEmulator()
        chip.poke(0x0f, 0x44)  // a LIS2DH12 answers 0x33 too; 0x44 is none we drive
        bus.attach(chip, at: 0x19)
        #expect { try IMUDrivers.open(bus: bus, address: 0x19, delay: noDelay) } throws: { error in
            if case .unknownChip(_, 0x19, 0x0f, 0x44)? = error as? IMUError { return true }
            return false
        }
    }

    @Test("reads back every range of the emulated chip within one LSB", arguments: AccelRange.allCases)
    func emulatorRoundTrip(accel: AccelRange) throws {
        let (_, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(accelRange: accel, outputRateHz: 100, useFIFO: false))
        #expect(chip.accelRange == accel && chip.sampleBits == 12)
        let lsb = 1 / LIS3DHMap.scales.countsPerG(accel)
        // ±16 g at 12 mg/digit reaches 24.6 g in counts, but the part is specified to ±16 g.
        let full = Double(accel.rawValue) * 0.99
        for step in 0...20 {
            let f = Double(step) / 10 - 1
            let motion = SensedMotion(accelerationG: SIMD3(f * full, -f * full * 0.5, 0.3 * f))
            chip.present(motion)
            let sample = try driver.read()
            let d = sample.accelerationG - motion.accelerationG
            #expect(max(abs(d.x), abs(d.y), abs(d.z)) <= lsb)
        }
    }

    @Test("marks a sample clipped at ±2047 digits as saturated")
    func saturation() throws {
        let (_, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(accelRange: .g2, useFIFO: false))
        chip.present(SensedMotion(accelerationG: SIMD3(2.5, 0, 1)))
        let clipped = try driver.read()
        #expect(clipped.saturated && clipped.accelerationG.x == 2.047)
        chip.present(SensedMotion(accelerationG: SIMD3(0, -3, 1)))
        #expect(try driver.read().saturated)
        chip.present(SensedMotion(accelerationG: SIMD3(1.9, 0, 1)))
        #expect(try !driver.read().saturated)
    }

    @Test("drains the FIFO in order, oldest first")
    func drainsFIFO() throws {
        let (_, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: true))
        var samples: [IMUSample] = []
        for wake in 0..<4 {
            move(chip, seconds: 0.25, from: Double(wake) * 0.25)
            let drain = try driver.drainFIFO(into: &samples)
            #expect(!drain.overflowed && drain.samples == 25)
            #expect(chip.fifoLevel == 0)
        }
        let xs = samples.map(\.accelerationG.x)
        #expect(samples.count == 100 && xs == xs.sorted())
        #expect(abs(xs.last! - 0.995) <= 0.001)
    }

    @Test("reports an overrun FIFO as a gap and starts over")
    func overrunIsReported() throws {
        let (_, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: true))
        move(chip, seconds: 0.5)
        var samples: [IMUSample] = []
        let drain = try driver.drainFIFO(into: &samples)
        #expect(drain.overflowed && samples.isEmpty && chip.fifoLevel == 0)
        move(chip, seconds: 0.1, from: 0.5)
        let next = try driver.drainFIFO(into: &samples)
        #expect(!next.overflowed && next.samples == 10)
    }

    @Test("stays in power-down until configured; flags new data and data overrun")
    func powerDownAndFlags() throws {
        let (bus, chip, driver) = try rig()
        chip.advance(by: 1)
        #expect(chip.producedSamples == 0)
        try driver.configure(IMUConfiguration(outputRateHz: 10, useFIFO: false))
        chip.advance(by: 0.1)
        #expect(try bus.readRegister(0x27, at: 0x18) & 0x88 == 0x08)  // ZYXDA
        chip.advance(by: 0.1)
        #expect(try bus.readRegister(0x27, at: 0x18) & 0x88 == 0x88)  // ZYXOR: one was missed
        _ = try driver.read()
        #expect(try bus.readRegister(0x27, at: 0x18) & 0x88 == 0)
    }

    @Test("every injected fault ends in its typed error and the next drain works",
          arguments: [(BusFault.nack, I2CError.Kind.noDevice), (.ioError, .io), (.timeout, .timedOut)])
    func faultsAreTyped(fault: BusFault, kind: I2CError.Kind) throws {
        let (bus, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: true))
        move(chip, seconds: 0.1)
        bus.inject(fault, at: 0x18)
        var samples: [IMUSample] = []
        #expect { try driver.drainFIFO(into: &samples) } throws: { error in
            guard case .bus(let e) = error as? IMUError else { return false }
            return e.kind == kind && e.address == 0x18 && e.register == 0x2f
        }
        #expect(try driver.drainFIFO(into: &samples).samples == 10)
    }

    @Test("an unplugged LIS3DH gives no-device until it is plugged back in")
    func unplug() throws {
        let (bus, chip, driver) = try rig()
        try driver.configure(IMUConfiguration(useFIFO: false))
        bus.unplug(0x18)
        #expect { try driver.read() } throws: { error in
            guard case .bus(let e) = error as? IMUError else { return false }
            return e.kind == .noDevice && e.register == 0xa8
        }
        bus.replug(0x18)
        chip.present(SensedMotion(accelerationG: SIMD3(1, 0, 0)))
        #expect(try driver.read().accelerationG == SIMD3(1, 0, 0))
    }
}
