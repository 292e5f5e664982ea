import IMU
import IMUEmulators
import Monitor
import Posture
import Testing

private let noDelay: ChipDelay = { _ in }

/// A rig on a virtual clock, with a live source reading it through the real drivers.
private func rig(_ segments: [SimulatedWearer.Segment], faultRate: Double = 0) throws -> (SimulatedRig, LiveSource, VirtualClock) {
    let wearer = SimulatedWearer(segments)
    let rig = SimulatedRig(wearer: wearer, faultRate: faultRate)
    let clock = VirtualClock()
    clock.onAdvance = { rig.setTime($0) }
    let channels = try [SensorRole.trunk, .head].map { role in
        LiveSource.Channel(role: role, driver: try IMUDrivers.open(
            bus: rig.bus, address: rig.address(of: role == .trunk ? .trunk : .head), delay: noDelay))
    }
    let source = try LiveSource(channels: channels, configuration: IMUConfiguration(outputRateHz: 100, useFIFO: true),
                                clock: clock)
    return (rig, source, clock)
}

private func samples(_ events: [SourceEvent], _ role: SensorRole) -> [SensorSample] {
    events.compactMap { if case .sample(let s) = $0, s.role == role { return s } else { return nil } }
}

@Suite("Live source over the simulated rig")
struct LiveSourceTests {
    @Test("wakes four times a second and delivers every sample at 100 Hz, evenly timed")
    func deliversAllSamples() throws {
        let (_, source, clock) = try rig([.init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 30)])
        var events: [SourceEvent] = []
        var wakeUps = 0
        while clock.nowSeconds < 10 {
            events += source.poll()
            wakeUps += 1
        }
        #expect(wakeUps == 40)
        for role in [SensorRole.trunk, .head] {
            let s = samples(events, role)
            #expect((995...1001).contains(s.count))
            let steps = zip(s.dropFirst(), s).map { $0.timeSeconds - $1.timeSeconds }
            #expect(steps.allSatisfy { abs($0 - 0.01) < 1e-9 })
        }
        #expect(!events.contains { if case .gap = $0 { return true } else { return false } })
    }

    @Test("the trunk sensor senses the wearer's slump through the drivers")
    func sensesSlump() throws {
        let (_, source, clock) = try rig([.init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 2),
                                          .init(.sit(trunkDeg: 30, headDeg: 0, transitionSeconds: 1), for: 5)])
        var events: [SourceEvent] = []
        while clock.nowSeconds < 6 { events += source.poll() }
        let trunk = samples(events, .trunk)
        let late = trunk.filter { $0.timeSeconds > 4 }
        let meanZ = late.map(\.accelerationG.z).reduce(0, +) / Double(late.count)
        #expect(abs(meanZ - 0.5) < 0.03)  // sin 30°, with offsets and noise
    }

    @Test("an unplugged sensor is reported lost once, retried with backoff, and back with its gap")
    func unplugAndBack() throws {
        let (rig, source, clock) = try rig([.init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 5),
                                            .init(.unplugged(.head), for: 10),
                                            .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 10)])
        var events: [SourceEvent] = []
        while clock.nowSeconds < 5.3 { events += source.poll() }
        let head = rig.address(of: .head)
        let atLoss = rig.bus.transactionsByAddress[head, default: 0]
        while clock.nowSeconds < 14.9 { events += source.poll() }
        let retries = rig.bus.transactionsByAddress[head, default: 0] - atLoss
        while clock.nowSeconds < 25 { events += source.poll() }
        let lost = events.compactMap { if case let .sensorLost(role, t, _) = $0 { return (role, t) } else { return nil } }
        let back = events.compactMap { if case let .sensorBack(role, l, t) = $0 { return (role, l, t) } else { return nil } }
        #expect(lost.count == 1 && lost[0].0 == .head && abs(lost[0].1 - 5) < 0.3)
        #expect(back.count == 1 && back[0].0 == .head && back[0].2 >= 15 && back[0].2 < 15 + LiveSource.maxBackoffSeconds + 0.3)
        #expect(samples(events, .head).allSatisfy { $0.timeSeconds < 5.01 || $0.timeSeconds > 15 })
        #expect(samples(events, .trunk).count > 2400)
        // Backoff (0.5, 1, 2, 4, 8 s): a handful of reconnection attempts in 10 s, not one per
        // drain (40); each attempt tries the first write of the configuration up to 5 times.
        #expect((3 * (source.transientRetries + 1)...6 * (source.transientRetries + 1)).contains(retries))
    }
}
