import I2C
import IMU
import IMUEmulators
import Testing

private let noDelay: ChipDelay = { _ in }

@Suite("LSM6DS3 / LSM6DS3TR-C / LSM6DSOX driver")
struct LSM6DSDriverTests {
    private func rig(_ model: ChipModel, address: UInt8 = 0x6a) throws -> (EmulatedI2CBus, LSM6DSEmulator, any IMUDriver) {
        let bus = EmulatedI2CBus()
        let chip = LSM6DSEmulator(model: model)
        bus.attach(chip, at: address)
        let driver = try IMUDrivers.open(bus: bus, address: address, delay: noDelay)
        return (bus, chip, driver)
    }

    @Test("configures the LSM6DS3 with reset, BDU + IF_INC, out-of-order FS_XL code and a patterned FIFO")
    func configureLSM6DS3ExactBytes() throws {
        let a: UInt8 = 0x6a
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x12, 0x05),  // SW_RESET (IF_INC kept)
            .writeRegister(a, 0x12, 0x44),  // BDU + IF_INC
            .writeRegister(a, 0x10, 0x4c),  // 104 Hz, FS_XL 11 = ±8 g
            .writeRegister(a, 0x11, 0x44),  // 104 Hz, FS_G 01 = 500 °/s
            .writeRegister(a, 0x08, 0x09),  // gyro and accel into the FIFO, no decimation
            .writeRegister(a, 0x0a, 0x20),  // FIFO 104 Hz, bypass: emptied
            .writeRegister(a, 0x0a, 0x26),  // FIFO 104 Hz, continuous
        ])
        let driver = LSM6DSDriver(chip: .lsm6ds3, bus: bus, address: a, delay: noDelay)
        try driver.configure(IMUConfiguration(accelRange: .g8, gyroRange: .dps500, outputRateHz: 100, useFIFO: true))
        #expect(bus.problems == [])
        #expect(bus.remaining == 0)
        #expect(driver.outputRateHz == 104)
    }

    @Test("configures the LSM6DSOX tagged FIFO with batch rates and continuous mode; ±16 g is FS_XL 01")
    func configureLSM6DSOXExactBytes() throws {
        let a: UInt8 = 0x6b
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x12, 0x05),
            .writeRegister(a, 0x12, 0x44),
            .writeRegister(a, 0x10, 0x54),  // 208 Hz, FS_XL 01 = ±16 g
            .writeRegister(a, 0x11, 0x5c),  // 208 Hz, FS_G 11 = 2000 °/s
            .writeRegister(a, 0x09, 0x55),  // BDR_GY = BDR_XL = 208 Hz
            .writeRegister(a, 0x0a, 0x00),  // bypass: emptied
            .writeRegister(a, 0x0a, 0x06),  // continuous
        ])
        let driver = LSM6DSDriver(chip: .lsm6dsox, bus: bus, address: a, delay: noDelay)
        try driver.configure(IMUConfiguration(accelRange: .g16, gyroRange: .dps2000, outputRateHz: 200, useFIFO: true))
        #expect(bus.problems == [])
        #expect(bus.remaining == 0)
        #expect(driver.outputRateHz == 208)
    }

    @Test("without the FIFO it only resets and sets the rates and ranges")
    func configureWithoutFIFO() throws {
        let a: UInt8 = 0x6a
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x12, 0x05), .writeRegister(a, 0x12, 0x44),
            .writeRegister(a, 0x10, 0x18),  // 12.5 Hz, FS_XL 10 = ±4 g
            .writeRegister(a, 0x11, 0x18),  // 12.5 Hz, FS_G 10 = 1000 °/s
        ])
        let driver = LSM6DSDriver(chip: .lsm6ds3trc, bus: bus, address: a, delay: noDelay)
        try driver.configure(IMUConfiguration(accelRange: .g4, gyroRange: .dps1000, outputRateHz: 5, useFIFO: false))
        #expect(bus.problems == [] && bus.remaining == 0)
        #expect(driver.outputRateHz == 12.5)
    }

    @Test("reads gyro then accel in one 12-byte burst from 0x22, little-endian and sign-extended")
    func burstReadDecodesLittleEndian() throws {
        let a: UInt8 = 0x6a
        let reply: [UInt8] = [0x72, 0x00, 0x8e, 0xff, 0x00, 0x80,   // gyro +114, -114, -32768
                              0x00, 0x40, 0x00, 0xc0, 0xff, 0xff]   // accel +16384, -16384, -1
        let bus = ScriptedI2CBus([.readRegisters(a, 0x22, reply)])
        let driver = LSM6DSDriver(chip: .lsm6ds3, bus: bus, address: a, delay: noDelay)
        let raw = try driver.readRaw()
        #expect(raw.angularRate == SIMD3(114, -114, -32768))
        #expect(raw.acceleration == SIMD3(16384, -16384, -1))
        #expect(bus.problems == [] && bus.remaining == 0)
    }

    @Test("scales with 0.061 mg and 8.75 mdps per LSB at ±2 g and 250 °/s")
    func scalesDefaultRanges() throws {
        let a: UInt8 = 0x6a
        // accel X = 16393 counts ≈ 1 g; gyro X = 8000 counts = 70 °/s.
        let reply: [UInt8] = [0x40, 0x1f, 0, 0, 0, 0, 0x09, 0x40, 0, 0, 0, 0]
        let bus = ScriptedI2CBus([.readRegisters(a, 0x22, reply)])
        let sample = try LSM6DSDriver(chip: .lsm6dsox, bus: bus, address: a, delay: noDelay).read()
        #expect(abs(sample.accelerationG.x - 16393 * 0.061e-3) < 1e-9)
        #expect(abs((sample.angularRateDegPerSecond?.x ?? 0) - 70) < 1e-9)
        #expect(!sample.saturated)
    }

    @Test("identifies each model by WHO_AM_I at both addresses and opens its driver",
          arguments: [(ChipModel.lsm6ds3, UInt8(0x69)), (.lsm6ds3trc, 0x6a), (.lsm6dsox, 0x6c)], [UInt8(0x6a), 0x6b])
    func identification(model: (ChipModel, UInt8), address: UInt8) throws {
        let bus = EmulatedI2CBus()
        let chip = LSM6DSEmulator(model: model.0)
        bus.attach(chip, at: address)
        #expect(try bus.readRegister(0x0f, at: address) == model.1)
        #expect(try ChipModel.identify(on: bus, at: address) == model.0)
        let driver = try IMUDrivers.open(bus: bus, address: address, expecting: model.0, delay: noDelay)
        #expect(driver is LSM6DSDriver)
        #expect(driver.chip == model.0)
    }

    @Test("an unknown WHO_AM_I at 0x6a is an unknown-chip error")
    func unknownID() {
        let bus = EmulatedI2CBus()
        let chip = LSM6DSEmulator(model: .lsm6ds3)
        chip.poke(0x0f, 0x6b)  // an LSM6DSL, not driven
        bus.attach(chip, at: 0x6a)
        #expect { try IMUDrivers.open(bus: bus, address: 0x6a, delay: noDelay) } throws: { error in
            if case .unknownChip(_, 0x6a, 0x0f, 0x6b)? = error as? IMUError { return true }
            return false
        }
    }

    @Test("reads back every range of each emulated model within one LSB",
          arguments: [ChipModel.lsm6ds3, .lsm6ds3trc, .lsm6dsox], AccelRange.allCases)
    func emulatorRoundTrip(model: ChipModel, accel: AccelRange) throws {
        let (_, chip, driver) = try rig(model)
        for gyro in GyroRange.allCases {
            try driver.configure(IMUConfiguration(accelRange: accel, gyroRange: gyro, outputRateHz: 104, useFIFO: false))
            #expect(chip.accelRange == accel && chip.gyroRange == gyro)
            let accelLSB = 1 / LSM6DSMap.scales.countsPerG(accel)
            let gyroLSB = 1 / LSM6DSMap.scales.countsPerDPS(gyro)
            let fullG = Double(accel.rawValue) * 0.999
            let fullDPS = Double(gyro.rawValue) * 0.999
            for step in 0...20 {
                let f = Double(step) / 10 - 1
                let motion = SensedMotion(accelerationG: SIMD3(f * fullG, -f * fullG * 0.5, 0.3 * f),
                                          angularRateDegPerSecond: SIMD3(-f * fullDPS, f * fullDPS * 0.25, 0.7 * f))
                chip.present(motion)
                let sample = try driver.read()
                let da = sample.accelerationG - motion.accelerationG
                let dg = (sample.angularRateDegPerSecond ?? SIMD3(.nan, .nan, .nan)) - motion.angularRateDegPerSecond
                #expect(max(abs(da.x), abs(da.y), abs(da.z)) <= accelLSB)
                #expect(max(abs(dg.x), abs(dg.y), abs(dg.z)) <= gyroLSB)
            }
        }
    }

    @Test("drains the FIFO in order, a few wake-ups a second", arguments: [ChipModel.lsm6ds3, .lsm6ds3trc, .lsm6dsox])
    func drainsFIFO(model: ChipModel) throws {
        let (bus, chip, driver) = try rig(model)
        try driver.configure(IMUConfiguration(outputRateHz: 104, useFIFO: true))
        var samples: [IMUSample] = []
        var wakeUps = 0
        let before = bus.transactionCount
        for tick in 0..<40 {  // 40 × 25 ms = 1 s, drained every 250 ms
            chip.motion = SensedMotion(accelerationG: SIMD3(Double(tick) / 100, 0, 1), angularRateDegPerSecond: SIMD3(0, Double(tick), 0))
            chip.advance(by: 0.025)
            if tick % 10 == 9 {
                let drain = try driver.drainFIFO(into: &samples)
                #expect(!drain.overflowed)
                wakeUps += 1
            }
        }
        #expect(samples.count == 104)
        #expect(wakeUps == 4)
        let xs = samples.map(\.accelerationG.x)
        #expect(xs == xs.sorted())
        #expect(abs(xs.last! - 0.39) <= 1 / LSM6DSMap.scales.countsPerG(.g2))
        #expect(abs((samples.last!.angularRateDegPerSecond?.y ?? 0) - 39) <= 1 / LSM6DSMap.scales.countsPerDPS(.dps250))
        #expect(chip.fifoWords == 0)
        // The patterned FIFO drains in two reads per wake-up; the tagged one in 4-word reads.
        let perWake = Double(bus.transactionCount - before) / Double(wakeUps)
        #expect(perWake <= (model == .lsm6dsox ? 15 : 2))
    }

    @Test("reports an overflowed FIFO as a gap and starts over", arguments: [ChipModel.lsm6ds3trc, .lsm6dsox])
    func overflowIsReported(model: ChipModel) throws {
        let (_, chip, driver) = try rig(model)
        try driver.configure(IMUConfiguration(outputRateHz: 1660, useFIFO: true))
        chip.advance(by: 1.0)  // 1660 frames: more than either FIFO holds
        var samples: [IMUSample] = []
        let drain = try driver.drainFIFO(into: &samples)
        #expect(drain.overflowed)
        #expect(samples.isEmpty)
        #expect(chip.fifoWords == 0)
        for step in 0..<100 {  // 0.1 s of changing motion (a constant one would read as stuck)
            chip.motion = SensedMotion(accelerationG: SIMD3(Double(step) / 1000, 0, 1))
            chip.advance(by: 0.001)
        }
        let next = try driver.drainFIFO(into: &samples)
        #expect(!next.overflowed && (165...166).contains(next.samples))
    }

    @Test("realigns on FIFO_PATTERN when a drain was cut off inside a frame")
    func patternRealigns() throws {
        let (bus, chip, driver) = try rig(.lsm6ds3)
        try driver.configure(IMUConfiguration(outputRateHz: 104, useFIFO: true))
        chip.present(SensedMotion(accelerationG: SIMD3(0.1, 0, 1)))
        chip.present(SensedMotion(accelerationG: SIMD3(0.2, 0, 1)))
        chip.present(SensedMotion(accelerationG: SIMD3(0.3, 0, 1)))
        // Someone read two words (gyro X and Y of the first frame) and stopped.
        _ = try bus.readRegisters(0x3e, count: 4, at: 0x6a, mode: .fifoPort)
        var samples: [IMUSample] = []
        let drain = try driver.drainFIFO(into: &samples)
        #expect(drain.samples == 2)
        #expect(samples.map { ($0.accelerationG.x * 10).rounded() } == [2, 3])
    }

    @Test("pairs tagged words by TAG_CNT, whatever their order and parity bits, skipping other tags")
    func taggedWordsArePaired() throws {
        let a: UInt8 = 0x6a
        func word(_ tag: UInt8, count: UInt8, parity: UInt8, _ x: UInt8) -> [UInt8] {
            [tag << 3 | count << 1 | parity, x, 0x00, 0x00, 0x00, 0x00, 0x40]
        }
        let words = word(0x02, count: 0, parity: 1, 0x01)   // accel, count 0
            + word(0x01, count: 0, parity: 0, 0x02)          // gyro, count 0 → sample 1
            + word(0x04, count: 1, parity: 1, 0xee)          // timestamp: skipped
            + word(0x01, count: 1, parity: 1, 0x03)          // gyro, count 1
            + word(0x02, count: 1, parity: 0, 0x04)          // accel, count 1 → sample 2
            + word(0x01, count: 2, parity: 0, 0x05)          // gyro without its accel: dropped
        var configure: [ScriptedI2CBus.Step] = [
            .writeRegister(a, 0x12, 0x05), .writeRegister(a, 0x12, 0x44),
            .writeRegister(a, 0x10, 0x40), .writeRegister(a, 0x11, 0x40),
            .writeRegister(a, 0x09, 0x44), .writeRegister(a, 0x0a, 0x00), .writeRegister(a, 0x0a, 0x06),
        ]
        configure += [
            .readRegisters(a, 0x3a, [6, 0x00]),
            .readRegisters(a, 0x78, Array(words[0..<28])),
            .readRegisters(a, 0x78, Array(words[28..<42])),
        ]
        let bus = ScriptedI2CBus(configure)
        let driver = LSM6DSDriver(chip: .lsm6dsox, bus: bus, address: a, delay: noDelay)
        try driver.configure(IMUConfiguration(outputRateHz: 104, useFIFO: true))
        var samples: [IMUSample] = []
        let drain = try driver.drainFIFO(into: &samples)
        #expect(bus.problems == [] && bus.remaining == 0)
        #expect(drain.samples == 2 && !drain.overflowed)
        let accelX = samples.map { Int(($0.accelerationG.x * LSM6DSMap.scales.countsPerG(.g2)).rounded()) }
        let gyroX = samples.map { Int((($0.angularRateDegPerSecond?.x ?? 0) * LSM6DSMap.scales.countsPerDPS(.dps250)).rounded()) }
        #expect(accelX == [1, 4])
        #expect(gyroX == [2, 3])
    }

    @Test("a soft reset restores power-on registers; power-down produces no samples")
    func resetAndPowerDown() throws {
        let (bus, chip, driver) = try rig(.lsm6ds3)
        try driver.configure(IMUConfiguration(accelRange: .g16, outputRateHz: 104, useFIFO: true))
        chip.advance(by: 0.1)
        #expect(chip.producedSamples == 10)
        #expect(chip.peek(0x12) == 0x44)
        try bus.writeRegister(0x12, 0x01, at: 0x6a)  // SW_RESET
        #expect(chip.peek(0x10) == 0 && chip.peek(0x12) == 0x04)
        #expect(chip.fifoWords == 0 && chip.producedSamples == 0)
        chip.advance(by: 1.0)  // ODR code 0: power-down
        #expect(chip.producedSamples == 0)
    }

    @Test("flags data-ready on a new sample and clears it when the outputs are read")
    func dataReady() throws {
        let (bus, chip, driver) = try rig(.lsm6dsox)
        try driver.configure(IMUConfiguration(useFIFO: false))
        #expect(try bus.readRegister(0x1e, at: 0x6a) & 0x03 == 0)
        chip.present(.flat)
        #expect(try bus.readRegister(0x1e, at: 0x6a) & 0x03 == 0x03)
        _ = try driver.read()
        #expect(try bus.readRegister(0x1e, at: 0x6a) & 0x03 == 0)
    }

    @Test("every injected fault ends in its typed error and the next drain works",
          arguments: [(BusFault.nack, I2CError.Kind.noDevice), (.ioError, .io), (.timeout, .timedOut)])
    func faultsAreTyped(fault: BusFault, kind: I2CError.Kind) throws {
        let (bus, chip, driver) = try rig(.lsm6dsox)
        try driver.configure(IMUConfiguration(outputRateHz: 104, useFIFO: true))
        chip.advance(by: 0.1)
        bus.inject(fault, at: 0x6a)
        var samples: [IMUSample] = []
        #expect { try driver.drainFIFO(into: &samples) } throws: { error in
            guard case .bus(let e) = error as? IMUError else { return false }
            return e.kind == kind && e.address == 0x6a
        }
        #expect(try driver.drainFIFO(into: &samples).samples == 10)
    }

    @Test("an unplugged LSM6DS gives no-device until it is plugged back in")
    func unplug() throws {
        let (bus, chip, driver) = try rig(.lsm6ds3)
        try driver.configure(IMUConfiguration(useFIFO: false))
        bus.unplug(0x6a)
        #expect { try driver.read() } throws: { error in
            guard case .bus(let e) = error as? IMUError else { return false }
            return e.kind == .noDevice && e.register == 0x22
        }
        #expect { try driver.configure(.default) } throws: { ($0 as? IMUError)?.kind == "no-device" }
        bus.replug(0x6a)
        chip.present(SensedMotion(accelerationG: SIMD3(0, -1, 0)))
        let sample = try driver.read()
        #expect(abs(sample.accelerationG.y + 1) <= 1 / LSM6DSMap.scales.countsPerG(.g2))
    }

    @Test("marks a sample clipped at the end of its range as saturated")
    func saturation() throws {
        let (_, chip, driver) = try rig(.lsm6ds3)
        try driver.configure(IMUConfiguration(accelRange: .g2, useFIFO: false))
        chip.present(SensedMotion(accelerationG: SIMD3(2.5, 0, 1)))
        #expect(try driver.read().saturated)
        chip.present(SensedMotion(accelerationG: SIMD3(1.5, 0, 1)))
        #expect(try !driver.read().saturated)
    }
}
