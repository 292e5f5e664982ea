import Haptics
import I2C
import IMU
import IMUEmulators
import Testing

private let noDelay: ChipDelay = { _ in }

@Suite("Injected bus faults")
struct FaultInjectionTests {
    private func rig() throws -> (EmulatedI2CBus, MPU6050Emulator, any IMUDriver) {
        let bus = EmulatedI2CBus()
        let chip = MPU6050Emulator()
        bus.attach(chip, at: 0x68)
        let driver = try IMUDrivers.open(bus: bus, address: 0x68, delay: noDelay)
        try driver.configure(IMUConfiguration(useFIFO: true))
        return (bus, chip, driver)
    }

    private func busKind(_ error: any Error) -> I2CError.Kind? {
        if case .bus(let bus)? = error as? IMUError { return bus.kind }
        return nil
    }

    @Test("every injected bus fault ends in its typed error, and the next read works",
          arguments: [(BusFault.nack, I2CError.Kind.noDevice), (.ioError, .io), (.timeout, .timedOut)])
    func faultsAreTyped(fault: BusFault, kind: I2CError.Kind) throws {
        let (bus, chip, driver) = try rig()
        chip.advance(by: 0.1)
        bus.inject(fault, at: 0x68)
        var samples: [IMUSample] = []
        #expect { try driver.drainFIFO(into: &samples) } throws: { busKind($0) == kind }
        let drain = try driver.drainFIFO(into: &samples)
        #expect(drain.samples == 10)
    }

    @Test("an unplugged sensor gives no-device until it is plugged back in")
    func unplugAndReplug() throws {
        let (bus, chip, driver) = try rig()
        bus.unplug(0x68)
        #expect { try driver.read() } throws: { busKind($0) == .noDevice }
        #expect(try bus.probe(0x68) == .absent)
        bus.replug(0x68)
        chip.present(SensedMotion(accelerationG: SIMD3(0, 1, 0)))
        #expect(try driver.read().accelerationG == SIMD3(0, 1, 0))
    }

    @Test("identifying an empty address is a no-device error, an unknown ID is unknown-chip")
    func identification() throws {
        let bus = EmulatedI2CBus()
        #expect { try ChipModel.identify(on: bus, at: 0x68) } throws: { busKind($0) == .noDevice }
        let chip = MPU6050Emulator()
        chip.poke(MPU6050Map.whoAmI, 0x42)
        bus.attach(chip, at: 0x68)
        #expect { try ChipModel.identify(on: bus, at: 0x68) } throws: { error in
            if case .unknownChip(_, 0x68, 0x75, 0x42)? = error as? IMUError { return true }
            return false
        }
    }

    @Test("asking for one chip and finding another is a wrong-chip error")
    func wrongChip() {
        let bus = EmulatedI2CBus()
        bus.attach(MPU6050Emulator(model: .mpu9250), at: 0x69)
        #expect { try IMUDrivers.open(bus: bus, address: 0x69, expecting: .mpu6050, delay: noDelay) } throws: { error in
            if case .wrongChip(_, 0x69, .mpu6050, .mpu9250)? = error as? IMUError { return true }
            return false
        }
    }

    @Test("random faults are seeded: the same seed fails the same transactions")
    func seededFaultsRepeat() throws {
        func failures(seed: UInt64) throws -> [Int] {
            let bus = EmulatedI2CBus(seed: seed)
            bus.attach(MPU6050Emulator(), at: 0x68)
            bus.setRandomFaults(rate: 0.2)
            var failed: [Int] = []
            for i in 0..<200 {
                do { _ = try bus.readRegister(0x75, at: 0x68) } catch { failed.append(i) }
            }
            return failed
        }
        let a = try failures(seed: 7)
        #expect(a == (try failures(seed: 7)))
        #expect(a != (try failures(seed: 8)))
        #expect((20...60).contains(a.count))
    }
}

@Suite("Roles suggested by detect")
struct SuggestedRoleTests {
    @Test("the default address of each family is the trunk, the alternate the head, the DRV2605L haptic")
    func roles() {
        #expect(ChipModel.suggestedRole(for: .mpu6050, at: 0x68) == "trunk")
        #expect(ChipModel.suggestedRole(for: .mpu6050, at: 0x69) == "head")
        #expect(ChipModel.suggestedRole(for: .adxl345, at: 0x53) == "trunk")
        #expect(ChipModel.suggestedRole(for: .adxl345, at: 0x1d) == "head")
        #expect(ChipModel.suggestedRole(for: .lsm6dsox, at: 0x6a) == "trunk")
        #expect(ChipModel.suggestedRole(for: .drv2605l, at: 0x5a) == "haptic")
    }

    @Test("every chip model has exactly one identity")
    func identityTableComplete() {
        for model in ChipModel.allCases {
            #expect(ChipModel.identities.filter { $0.model == model }.count == 1)
        }
    }
}
