import I2C
import IMU
import IMUEmulators
import Testing

private let noDelay: ChipDelay = { _ in }

@Suite("MPU-6050 driver")
struct MPU6050DriverTests {
    @Test("configures with the exact register writes of the datasheet sequence")
    func configureWritesExactBytes() throws {
        let a: UInt8 = 0x68
        let bus = ScriptedI2CBus([
            .write(address: a, bytes: [0x6b, 0x80]),           // DEVICE_RESET
            .write(address: a, bytes: [0x6b, 0x01]),           // wake, PLL clock
            .readRegisters(a, 0x1a, [0x00]), .writeRegister(a, 0x1a, 0x03),  // DLPF 44 Hz
            .writeRegister(a, 0x19, 9),                        // 1 kHz / (1 + 9) = 100 Hz
            .readRegisters(a, 0x1b, [0x00]), .writeRegister(a, 0x1b, 0x08),  // ±500 °/s
            .readRegisters(a, 0x1c, [0x00]), .writeRegister(a, 0x1c, 0x10),  // ±8 g
            .writeRegister(a, 0x23, 0x78),                     // accel + gyro into the FIFO
            .writeRegister(a, 0x6a, 0x04), .writeRegister(a, 0x6a, 0x40),    // FIFO reset, enable
        ])
        let driver = MPU6050Driver(chip: .mpu6050, bus: bus, address: a, delay: noDelay)
        try driver.configure(IMUConfiguration(accelRange: .g8, gyroRange: .dps500, outputRateHz: 100, useFIFO: true))
        #expect(bus.problems == [])
        #expect(bus.remaining == 0)
        #expect(driver.outputRateHz == 100)
    }

    @Test("reads all axes in one 14-byte burst, big-endian and sign-extended")
    func burstReadDecodesBigEndian() throws {
        let a: UInt8 = 0x69
        let reply: [UInt8] = [0x40, 0x00, 0xc0, 0x00, 0xff, 0xff,  // +16384, -16384, -1
                              0x12, 0x34,                          // temperature, ignored
                              0x00, 0x83, 0xff, 0x7d, 0x80, 0x00]  // +131, -131, -32768
        let bus = ScriptedI2CBus([.readRegisters(a, 0x3b, reply)])
        let driver = MPU6050Driver(chip: .mpu6050, bus: bus, address: a, delay: noDelay)
        let raw = try driver.readRaw()
        #expect(raw.acceleration == SIMD3(16384, -16384, -1))
        #expect(raw.angularRate == SIMD3(131, -131, -32768))
        #expect(bus.problems == [] && bus.remaining == 0)
    }

    @Test("scales counts with the configured range: ±2 g and ±250 °/s by default")
    func scalesDefaultRanges() throws {
        let a: UInt8 = 0x68
        let reply: [UInt8] = [0x40, 0x00, 0x00, 0x00, 0xe0, 0x00, 0, 0, 0x00, 0x83, 0x00, 0x00, 0xff, 0x7d]
        let bus = ScriptedI2CBus([.readRegisters(a, 0x3b, reply)])
        let sample = try MPU6050Driver(chip: .mpu6050, bus: bus, address: a, delay: noDelay).read()
        #expect(sample.accelerationG == SIMD3(1, 0, -0.5))
        #expect(sample.angularRateDegPerSecond == SIMD3(1, 0, -1))
        #expect(!sample.saturated)
    }

    @Test("a failing burst read becomes a typed bus error naming the register")
    func failingReadIsTyped() {
        let a: UInt8 = 0x68
        let bus = ScriptedI2CBus([.failing(.readRegisters(a, 0x3b, [UInt8](repeating: 0, count: 14)), .io)])
        let driver = MPU6050Driver(chip: .mpu6050, bus: bus, address: a, delay: noDelay)
        #expect {
            try driver.readRaw()
        } throws: { error in
            guard case .bus(let bus) = error as? IMUError else { return false }
            return bus.kind == .io && bus.register == 0x3b && bus.address == a
        }
    }

    @Test("reads back every range of the emulated chip within one LSB", arguments: AccelRange.allCases, GyroRange.allCases)
    func emulatorRoundTrip(accel: AccelRange, gyro: GyroRange) throws {
        let bus = EmulatedI2CBus()
        let chip = MPU6050Emulator(model: .mpu6500)
        bus.attach(chip, at: 0x68)
        let driver = try IMUDrivers.open(bus: bus, address: 0x68, delay: noDelay)
        #expect(driver.chip == .mpu6500)
        try driver.configure(IMUConfiguration(accelRange: accel, gyroRange: gyro, outputRateHz: 200, useFIFO: false))
        let accelLSB = 1 / MPU6050Map.scales.countsPerG(accel)
        let gyroLSB = 1 / MPU6050Map.scales.countsPerDPS(gyro)
        let fullG = Double(accel.rawValue) * 0.999
        let fullDPS = Double(gyro.rawValue) * 0.999
        for step in 0...20 {
            let f = Double(step) / 10 - 1  // -1 … 1
            let motion = SensedMotion(accelerationG: SIMD3(f * fullG, -f * fullG * 0.5, 0.3 * f),
                                      angularRateDegPerSecond: SIMD3(-f * fullDPS, f * fullDPS * 0.25, 0.7 * f))
            chip.present(motion)
            let sample = try driver.read()
            let da = sample.accelerationG - motion.accelerationG
            let dg = (sample.angularRateDegPerSecond ?? .zero) - motion.angularRateDegPerSecond
            #expect(max(abs(da.x), abs(da.y), abs(da.z)) <= accelLSB)
            #expect(max(abs(dg.x), abs(dg.y), abs(dg.z)) <= gyroLSB)
        }
    }

    @Test("drains the FIFO in order, waking a few times a second instead of per sample")
    func drainsFIFO() throws {
        let bus = EmulatedI2CBus()
        let chip = MPU6050Emulator()
        bus.attach(chip, at: 0x68)
        let driver = try IMUDrivers.open(bus: bus, address: 0x68, delay: noDelay)
        try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: true))
        var samples: [IMUSample] = []
        var wakeUps = 0
        for tick in 0..<40 {  // 40 × 25 ms = 1 s of motion, drained every 250 ms
            chip.motion = SensedMotion(accelerationG: SIMD3(Double(tick) / 100, 0, 1))
            chip.advance(by: 0.025)
            if tick % 10 == 9 {
                let drain = try driver.drainFIFO(into: &samples)
                #expect(!drain.overflowed)
                wakeUps += 1
            }
        }
        #expect(samples.count == 100)
        #expect(wakeUps == 4)
        let xs = samples.map(\.accelerationG.x)
        #expect(xs == xs.sorted())  // oldest first
        #expect(abs(xs.last! - 0.39) <= 1 / 16384.0)
    }

    @Test("reports an overflowed FIFO as a gap and starts over")
    func overflowIsReported() throws {
        let bus = EmulatedI2CBus()
        let chip = MPU6050Emulator(model: .mpu6500)  // 512 B = 42 frames
        bus.attach(chip, at: 0x68)
        let driver = try IMUDrivers.open(bus: bus, address: 0x68, delay: noDelay)
        try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: true))
        chip.advance(by: 1.0)  // 100 frames: far more than fit
        var samples: [IMUSample] = []
        let drain = try driver.drainFIFO(into: &samples)
        #expect(drain.overflowed)
        #expect(samples.isEmpty)
        chip.advance(by: 0.1)
        let next = try driver.drainFIFO(into: &samples)
        #expect(!next.overflowed && next.samples == 10)
    }

    @Test("flags stuck data as a typed error after the same reading repeats")
    func stuckDataIsDetected() throws {
        let bus = EmulatedI2CBus()
        let chip = MPU6050Emulator()
        bus.attach(chip, at: 0x68)
        let driver = try IMUDrivers.open(bus: bus, address: 0x68, delay: noDelay)
        try driver.configure(IMUConfiguration(useFIFO: false))
        chip.present(SensedMotion(accelerationG: SIMD3(0.1, 0.2, 0.97), angularRateDegPerSecond: SIMD3(0.5, -0.2, 0.1)))
        chip.frozen = true
        var caught: IMUError?
        for _ in 0..<60 {
            do { _ = try driver.read() } catch { caught = error; break }
        }
        guard case .stuckData(_, let address, let repeats)? = caught else {
            Issue.record("expected stuck data, got \(String(describing: caught))")
            return
        }
        #expect(address == 0x68 && repeats == driver.health.stuckAfter)
    }

    @Test("marks a sample clipped at the end of its range as saturated")
    func saturationIsMarked() throws {
        let bus = EmulatedI2CBus()
        let chip = MPU6050Emulator()
        bus.attach(chip, at: 0x68)
        let driver = try IMUDrivers.open(bus: bus, address: 0x68, delay: noDelay)
        try driver.configure(IMUConfiguration(accelRange: .g2, useFIFO: false))
        chip.present(SensedMotion(accelerationG: SIMD3(3.5, 0, 1)))
        #expect(try driver.read().saturated)
        chip.present(SensedMotion(accelerationG: SIMD3(1.5, 0, 1)))
        #expect(try !driver.read().saturated)
    }
}
