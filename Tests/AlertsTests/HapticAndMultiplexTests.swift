import Haptics
import Alerts
import Coach
import I2C
import IMU
import IMUEmulators
import Testing

private let noDelay: ChipDelay = { _ in }

/// A sink that fails every event.
final class BrokenSink: AlertSink {
    typealias Failure = AlertError
    var attempts = 0
    func emit(_ event: CoachEvent) throws(AlertError) {
        attempts += 1
        throw .write(output: "broken", errno: 5)
    }
}

@Suite("Haptic and multiplexer sinks")
struct HapticAndMultiplexTests {
    func rig() throws -> (EmulatedI2CBus, DRV2605LEmulator, DRV2605LDriver) {
        let bus = EmulatedI2CBus()
        let chip = DRV2605LEmulator()
        bus.attach(chip, at: 0x5a)
        let driver = try DRV2605LDriver.open(bus: bus, delay: noDelay)
        try driver.configure(actuator: .erm)
        return (bus, chip, driver)
    }

    func sequence(_ pattern: HapticPattern) -> [UInt8] { pattern.waveformSequence.filter { $0 != 0 } }

    @Test("slump, repeat and corrected play three distinct patterns on the DRV2605L; state changes play nothing")
    func distinctPatterns() throws {
        let (_, chip, driver) = try rig()
        let sink = HapticSink(driver: driver)
        for e in coachSession() { try sink.emit(e) }
        // The session: slump, repeat, corrected (exercise start/stop and state changes are quiet).
        #expect(chip.played == [sequence(.slump), sequence(.repeatAlert), sequence(.corrected)])
        #expect(Set(chip.played).count == 3)
    }

    @Test("tracking mode never vibrates")
    func trackingSilent() throws {
        let (_, chip, driver) = try rig()
        let sink = HapticSink(driver: driver)
        let events = coachSession(mode: .tracking)
        #expect(events.contains { $0.kind == .slumpAlert })
        for e in events { try sink.emit(e) }
        #expect(chip.played.isEmpty)
    }

    @Test("an unplugged haptic driver is a typed error with the event, not a trap")
    func hapticFailure() throws {
        let (bus, _, driver) = try rig()
        bus.unplug(0x5a)
        let sink = HapticSink(driver: driver)
        #expect {
            try sink.emit(slumpEvent())
        } throws: { error in
            guard case .haptic(let imu, .slumpAlert, 15)? = error as? AlertError else { return false }
            return imu.kind == "no-device"
        }
    }

    @Test("the multiplexer gives every event to every sink even when one fails, then reports the failures")
    func multiplexer() throws {
        let (_, chip, driver) = try rig()
        let out = MemoryOutput()
        let broken = BrokenSink()
        var mux = MultiplexSink([broken, JSONLinesSink(output: out), HapticSink(driver: driver), BrokenSink()])
        #expect(throws: AlertError.several([.write(output: "broken", errno: 5), .write(output: "broken", errno: 5)])) {
            try mux.emit(slumpEvent())
        }
        #expect(out.lines.count == 1)
        #expect(chip.played.count == 1)
        var single = MultiplexSink([broken, JSONLinesSink(output: out)])
        #expect(throws: AlertError.write(output: "broken", errno: 5)) { try single.emit(slumpEvent(time: 2)) }
        #expect(out.lines.count == 2)
        #expect(broken.attempts == 2)
        var fine = MultiplexSink([JSONLinesSink(output: out)])
        try fine.emit(slumpEvent(time: 3))
        #expect(out.lines.count == 3)
    }
}
