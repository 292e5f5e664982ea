import I2C
import IMU
import IMUEmulators
import Testing

private let noDelay: ChipDelay = { _ in }
private let imuModels = ChipModel.allCases.filter(\.isIMU)

@Suite("Every IMU driver against its emulator")
struct AllDriversTests {
    @Test("each chip is identified by its ID register at each of its addresses and gets its driver", arguments: imuModels)
    func identifiesEveryChip(model: ChipModel) throws {
        for address in model.identity.addresses {
            let bus = EmulatedI2CBus()
            let chip = try #require(IMUChipEmulator.emulating(model))
            bus.attach(chip, at: address)
            #expect(try ChipModel.identify(on: bus, at: address) == model)
            let driver = try IMUDrivers.open(bus: bus, address: address, expecting: model, delay: noDelay)
            #expect(driver.chip == model)
            #expect(driver.summary.hasPrefix(model.displayName))
        }
    }

    @Test("frozen data from every chip ends in a stuck-data error", arguments: imuModels)
    func stuckDataEverywhere(model: ChipModel) throws {
        let bus = EmulatedI2CBus()
        let chip = try #require(IMUChipEmulator.emulating(model))
        let address = model.identity.addresses[0]
        bus.attach(chip, at: address)
        let driver = try IMUDrivers.open(bus: bus, address: address, delay: noDelay)
        try driver.configure(IMUConfiguration(useFIFO: false))
        chip.present(SensedMotion(accelerationG: SIMD3(0.1, 0.2, 0.97), angularRateDegPerSecond: SIMD3(0.5, -0.2, 0.1)))
        chip.frozen = true
        var caught: IMUError?
        var reads = 0
        while caught == nil && reads < 100 {
            do { _ = try driver.read(); reads += 1 } catch { caught = error }
        }
        guard case .stuckData(_, address, let repeats)? = caught else {
            Issue.record("expected stuck data, got \(String(describing: caught))")
            return
        }
        #expect(repeats == driver.health.stuckAfter)
        #expect(reads == driver.health.stuckAfter - 1)
    }

    @Test("under random bus faults every failure is a typed bus error, and the driver recovers",
          arguments: imuModels, [BusFault.ioError, .nack])
    func randomFaults(model: ChipModel, fault: BusFault) throws {
        let bus = EmulatedI2CBus(seed: 42)
        let chip = try #require(IMUChipEmulator.emulating(model))
        let address = model.identity.addresses[0]
        bus.attach(chip, at: address)
        let driver = try IMUDrivers.open(bus: bus, address: address, delay: noDelay)
        try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: true))
        bus.setRandomFaults(rate: 0.3, fault: fault)
        let expected: I2CError.Kind = fault == .nack ? .noDevice : .io
        var failures = 0
        var samples: [IMUSample] = []
        for step in 0..<200 {
            chip.motion = SensedMotion(accelerationG: SIMD3(Double(step % 50) / 100, 0, 1),
                                       angularRateDegPerSecond: SIMD3(0, Double(step % 50), 0))
            chip.advance(by: 0.02)
            do {
                if step % 25 == 0 {
                    try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: true))
                } else {
                    _ = try driver.drainFIFO(into: &samples)
                }
            } catch {
                failures += 1
                guard case .bus(let e) = error, e.kind == expected, e.address == address else {
                    Issue.record("unexpected failure: \(error)")
                    return
                }
            }
        }
        #expect(failures > 20)
        #expect(bus.injectedFaultCount == failures)
        // Faults gone: a fresh configuration reads again.
        bus.clearFaults()
        try driver.configure(IMUConfiguration(outputRateHz: 100, useFIFO: true))
        samples.removeAll()
        for step in 0..<10 {
            chip.motion = SensedMotion(accelerationG: SIMD3(Double(step) / 100, 0, 1))
            chip.advance(by: 0.02)
        }
        let drain = try driver.drainFIFO(into: &samples)
        #expect(!drain.overflowed && (19...21).contains(drain.samples))
    }
}
