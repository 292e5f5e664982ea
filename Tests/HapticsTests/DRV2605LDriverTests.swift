import Haptics
import I2C
import IMU
import IMUEmulators
import Testing

private let noDelay: ChipDelay = { _ in }

@Suite("DRV2605L haptic driver")
struct DRV2605LDriverTests {
    private func rig() throws -> (EmulatedI2CBus, DRV2605LEmulator, DRV2605LDriver) {
        let bus = EmulatedI2CBus()
        let chip = DRV2605LEmulator()
        bus.attach(chip, at: 0x5a)
        let driver = try DRV2605LDriver.open(bus: bus, delay: noDelay)
        return (bus, chip, driver)
    }

    @Test("configures an ERM: reset, out of standby, ERM open loop, library A")
    func configureERMExactBytes() throws {
        let a: UInt8 = 0x5a
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x01, 0xc0),                 // DEV_RESET
            .writeRegister(a, 0x01, 0x00),                 // awake, internal trigger
            .readRegisters(a, 0x1a, [0x36]),               // N_ERM_LRA already 0: no write
            .readRegisters(a, 0x1d, [0xa0]),               // ERM_OPEN_LOOP already 1: no write
            .writeRegister(a, 0x03, 0x01),                 // ERM library A
        ])
        let driver = DRV2605LDriver(bus: bus, address: a, delay: noDelay)
        try driver.configure(actuator: .erm)
        #expect(bus.problems == [] && bus.remaining == 0)
        #expect(driver.actuator == .erm)
    }

    @Test("configures an LRA: N_ERM_LRA set, keeping the feedback gains, LRA library")
    func configureLRAExactBytes() throws {
        let a: UInt8 = 0x5a
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x01, 0xc0), .writeRegister(a, 0x01, 0x00),
            .readRegisters(a, 0x1a, [0x36]), .writeRegister(a, 0x1a, 0xb6),
            .writeRegister(a, 0x03, 0x06),
        ])
        let driver = DRV2605LDriver(bus: bus, address: a, delay: noDelay)
        try driver.configure(actuator: .lra)
        #expect(bus.problems == [] && bus.remaining == 0)
    }

    @Test("plays a pattern: GO cleared, WAVESEQ1…8 in one write, GO set; isPlaying reads GO")
    func playExactBytes() throws {
        let a: UInt8 = 0x5a
        let bus = ScriptedI2CBus([
            .writeRegister(a, 0x01, 0xc0), .writeRegister(a, 0x01, 0x00),
            .readRegisters(a, 0x1a, [0x36]), .readRegisters(a, 0x1d, [0xa0]), .writeRegister(a, 0x03, 0x01),
            .writeRegister(a, 0x0c, 0x00),
            .write(address: a, bytes: [0x04, 0x01, 0x8f, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00]),  // click, 150 ms, click
            .writeRegister(a, 0x0c, 0x01),
            .readRegisters(a, 0x0c, [0x01]),
            .readRegisters(a, 0x0c, [0x00]),
        ])
        let driver = DRV2605LDriver(bus: bus, address: a, delay: noDelay)
        try driver.configure(actuator: .erm)
        try driver.play(.slump)
        #expect(try driver.isPlaying)
        #expect(try !driver.isPlaying)
        #expect(bus.problems == [] && bus.remaining == 0)
    }

    @Test("GO clears itself when the emulated playback has run its time")
    func goSelfClears() throws {
        let (_, chip, driver) = try rig()
        try driver.configure(actuator: .erm)
        try driver.play(.slump)  // 2 effects × 0.1 s + 150 ms pause
        #expect(try driver.isPlaying)
        chip.advance(by: 0.3)
        #expect(try driver.isPlaying)
        chip.advance(by: 0.06)
        #expect(try !driver.isPlaying)
        #expect(chip.played == [[0x01, 0x8f, 0x01]])
    }

    @Test("a new pattern replaces the one playing; stop ends it")
    func playReplacesAndStops() throws {
        let (_, chip, driver) = try rig()
        try driver.configure(actuator: .lra)
        #expect(chip.actuator == .lra && chip.library == 6 && !chip.isStandby)
        try driver.play(.repeatAlert)
        chip.advance(by: 0.1)
        try driver.play(.corrected)
        #expect(abs(chip.remainingSeconds - 0.2) < 1e-9)
        #expect(chip.played == [HapticPattern.repeatAlert, .corrected].map { Array($0.waveformSequence.prefix { $0 != 0 }) })
        try driver.stop()
        #expect(try !driver.isPlaying)
    }

    @Test("the three built-in patterns are valid and clearly distinct")
    func builtInPatterns() throws {
        for pattern in HapticPattern.builtIn {
            #expect(HapticPattern.problem(with: pattern.steps) == nil)
            #expect(pattern.waveformSequence.count == 8)
        }
        func clicks(_ p: HapticPattern) -> Int { p.steps.filter { $0 == .effect(1) }.count }
        #expect(clicks(.slump) == 2)
        #expect(clicks(.repeatAlert) == 3)
        #expect(clicks(.corrected) == 0)
        #expect(Set(HapticPattern.builtIn.map(\.waveformSequence)).count == 3)
        #expect(Set(HapticPattern.builtIn.map(\.name)) == ["slump", "repeat-alert", "corrected"])
    }

    @Test("a pattern the chip cannot play is rejected with a typed error",
          arguments: [
            [HapticPattern.Step](repeating: .effect(1), count: 9),
            [],
            [.effect(0)],
            [.effect(124)],
            [.effect(1), .pause(milliseconds: 5)],
            [.pause(milliseconds: 1280)],
            [.pause(milliseconds: 155)],
          ])
    func invalidPatterns(steps: [HapticPattern.Step]) {
        #expect { try HapticPattern(name: "bad", steps: steps) } throws: { error in
            if case .unsupportedSetting(.drv2605l, let detail)? = error as? IMUError { return detail.contains("bad") }
            return false
        }
    }

    @Test("a valid custom pattern encodes effects and 10 ms pause units")
    func customPattern() throws {
        let pattern = try HapticPattern(name: "long", steps: [.effect(123), .pause(milliseconds: 1270), .effect(47), .pause(milliseconds: 10)])
        #expect(pattern.waveformSequence == [123, 0xff, 47, 0x81, 0, 0, 0, 0])
    }

    @Test("playing before configure is a typed error, and GO does nothing in standby")
    func standby() throws {
        let (bus, chip, driver) = try rig()
        #expect { try driver.play(.slump) } throws: { ($0 as? IMUError)?.kind == "unsupported-setting" }
        try bus.write([0x04, 0x01, 0x00], to: 0x5a)
        try bus.writeRegister(0x0c, 0x01, at: 0x5a)
        #expect(chip.isStandby && !chip.isPlaying && chip.played.isEmpty)
    }

    @Test("identifies the DRV2605L by STATUS bits 7:5; a DRV2605 or an IMU address is refused")
    func identification() throws {
        let bus = EmulatedI2CBus()
        bus.attach(DRV2605LEmulator(), at: 0x5a)
        #expect(try ChipModel.identify(on: bus, at: 0x5a) == .drv2605l)
        #expect(ChipModel.suggestedRole(for: .drv2605l, at: 0x5a) == "haptic")
        #expect { try IMUDrivers.open(bus: bus, address: 0x5a, delay: noDelay) } throws: { ($0 as? IMUError)?.kind == "unsupported-setting" }
        let older = EmulatedI2CBus()
        older.attach(DRV2605LEmulator(deviceID: 3), at: 0x5a)
        #expect { try DRV2605LDriver.open(bus: older, delay: noDelay) } throws: { error in
            if case .unknownChip(_, 0x5a, 0x00, 0x60)? = error as? IMUError { return true }
            return false
        }
    }

    @Test("every injected fault while playing ends in its typed error",
          arguments: [(BusFault.nack, I2CError.Kind.noDevice), (.ioError, .io), (.timeout, .timedOut)])
    func faultsAreTyped(fault: BusFault, kind: I2CError.Kind) throws {
        let (bus, chip, driver) = try rig()
        try driver.configure(actuator: .erm)
        bus.inject(fault, at: 0x5a)
        #expect { try driver.play(.slump) } throws: { error in
            guard case .bus(let e) = error as? IMUError else { return false }
            return e.kind == kind && e.address == 0x5a && e.register == 0x0c
        }
        #expect(chip.played.isEmpty)
        try driver.play(.slump)
        #expect(chip.played.count == 1)
    }

    @Test("an unplugged haptic driver gives no-device until plugged back in")
    func unplug() throws {
        let (bus, _, driver) = try rig()
        try driver.configure(actuator: .erm)
        bus.unplug(0x5a)
        #expect { try driver.isPlaying } throws: { ($0 as? IMUError)?.kind == "no-device" }
        #expect { try driver.play(.corrected) } throws: { ($0 as? IMUError)?.kind == "no-device" }
        bus.replug(0x5a)
        try driver.play(.corrected)
        #expect(try driver.isPlaying)
    }
}
