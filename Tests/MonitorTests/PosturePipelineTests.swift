import IMU
import IMUEmulators
import Monitor
import Posture
import Testing
import Tilt

private let noDelay: ChipDelay = { _ in }

/// Runs a scripted wearer through the real drivers and the pipeline; calibrates
/// each sensor from the still window at 1–3 s, then collects frames.
private func run(_ segments: [SimulatedWearer.Segment], until endSeconds: Double,
                 trunk: SensorMounting = .upperBack, head: SensorMounting = .glassesArm,
                 trunkMount: Mounting = .backYUp, headMount: Mounting = .zUpXForward) throws -> [PostureFrame] {
    try run(SimulatedWearer(segments, trunk: trunk, head: head), until: endSeconds, trunkMount: trunkMount, headMount: headMount)
}

private func run(_ wearer: SimulatedWearer, until endSeconds: Double, trunkMount: Mounting = .backYUp,
                 headMount: Mounting = .zUpXForward) throws -> [PostureFrame] {
    let rig = SimulatedRig(wearer: wearer)
    let clock = VirtualClock()
    clock.onAdvance = { rig.setTime($0) }
    let channels = try [SensorRole.trunk, .head].map { role in
        LiveSource.Channel(role: role, driver: try IMUDrivers.open(
            bus: rig.bus, address: rig.address(of: role == .trunk ? .trunk : .head), delay: noDelay))
    }
    let source = try LiveSource(channels: channels, configuration: IMUConfiguration(outputRateHz: 100), clock: clock)
    var windows: [SensorRole: StillWindow] = [.trunk: StillWindow(), .head: StillWindow()]
    var pipeline = PosturePipeline()
    var frames: [PostureFrame] = []
    while clock.nowSeconds < endSeconds {
        for event in source.poll() {
            if case .sample(let s) = event, s.timeSeconds >= 1, pipeline.calibrations.count < 2 {
                let a = Vector3(s.accelerationG.x, s.accelerationG.y, s.accelerationG.z)
                let w = s.angularRateDegPerSecond.map { Vector3($0.x, $0.y, $0.z) }
                windows[s.role]!.add(timeSeconds: s.timeSeconds, accel: a, gyro: w)
                if windows[s.role]!.isComplete, pipeline.calibrations[s.role] == nil {
                    let pose = try windows[s.role]!.result().get()
                    pipeline.calibrations[s.role] = try Calibration.fromUpright(
                        pose, mounting: s.role == .trunk ? trunkMount : headMount, role: s.role, chip: "MPU-6050").get()
                }
            }
            if let frame = pipeline.process(event) { frames.append(frame) }
        }
    }
    return frames
}

private func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

/// The wearer's true angles at `t` relative to the calibration window (1–3 s), sway included.
private func truth(_ wearer: SimulatedWearer, at t: Double) -> (thoracic: Double, headForward: Double) {
    let reference = stride(from: 1.0, to: 3.0, by: 0.01).map { wearer.pose(at: $0) }
    let trunk0 = mean(reference.map(\.trunkFlexionDeg)), head0 = mean(reference.map(\.headFlexionDeg))
    let p = wearer.pose(at: t)
    return (p.trunkFlexionDeg - trunk0, p.headFlexionDeg - head0)
}

@Suite("Posture pipeline on the simulated wearer")
struct PosturePipelineTests {
    @Test("a 30° slump with the head 10° further forward reads as thoracic 30° and head-forward 10°")
    func slumpAngles() throws {
        let wearer = SimulatedWearer([.init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 8),
                                      .init(.sit(trunkDeg: 30, headDeg: 10, transitionSeconds: 3), for: 12)])
        let frames = try run(wearer, until: 20)
        let upright = frames.filter { $0.timeSeconds > 5 && $0.timeSeconds < 8 }
        let slumped = frames.filter { $0.timeSeconds > 14 }
        // Against the wearer's true pose, breathing, drift and tremor included.
        #expect(abs(mean(upright.compactMap { f in f.angles.map { $0.thoracicDeg - truth(wearer, at: f.timeSeconds).thoracic } })) < 1)
        #expect(abs(mean(slumped.compactMap { f in f.angles.map { $0.thoracicDeg - truth(wearer, at: f.timeSeconds).thoracic } })) < 1.5)
        #expect(abs(mean(slumped.compactMap { f in f.angles?.headForwardDeg.map { $0 - truth(wearer, at: f.timeSeconds).headForward } })) < 1.5)
        // And the script's round numbers, within the sway.
        #expect(abs(mean(slumped.compactMap(\.angles?.thoracicDeg)) - 30) < 1.5 + 2 * 0.4 * SimulatedWearer.trunkSwayBoundPerDegree)
    }

    @Test("a sensor mounted in an arbitrary orientation gives the same thoracic angle")
    func anyMounting() throws {
        let mounting = SensorMounting(yawDeg: 37, pitchDeg: -64, rollDeg: 150)
        // Declare the mounting to the calibration: the sensor axes that point body-up and forward.
        let m = mounting.sensorToBody
        let up = Vector3(m.r2.x, m.r2.y, m.r2.z), forward = Vector3(m.r0.x, m.r0.y, m.r0.z)
        let wearer = SimulatedWearer([.init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 8),
                                      .init(.sit(trunkDeg: 25, headDeg: 0, transitionSeconds: 3), for: 10)], trunk: mounting)
        let frames = try run(wearer, until: 18, trunkMount: Mounting(up: up, forward: forward))
        let slumped = frames.filter { $0.timeSeconds > 13 }
        #expect(abs(mean(slumped.compactMap { f in f.angles.map { $0.thoracicDeg - truth(wearer, at: f.timeSeconds).thoracic } })) < 1.5)
    }

    @Test("an unplugged head sensor makes the head-forward angle unavailable, not zero")
    func headMissing() throws {
        let frames = try run([.init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 8),
                              .init(.unplugged(.head), for: 6),
                              .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 10)], until: 24)
        let during = frames.filter { $0.timeSeconds > 9 && $0.timeSeconds < 13.5 }
        #expect(!during.isEmpty && during.allSatisfy { $0.angles != nil && $0.angles?.headForwardDeg == nil && $0.headMissing })
        let after = frames.filter { $0.timeSeconds > 23 }
        #expect(after.allSatisfy { $0.angles?.headForwardDeg != nil })
    }

    @Test("walking is recognised from the step cadence, lying from the trunk inclination")
    func activities() throws {
        let frames = try run([.init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 8),
                              .init(.walk(cadenceHz: 1.8), for: 12),
                              .init(.lie, for: 10)], until: 30)
        let walking = frames.filter { $0.timeSeconds > 14 && $0.timeSeconds < 20 }.map(\.activity)
        let lying = frames.filter { $0.timeSeconds > 26 }.map(\.activity)
        #expect(Double(walking.filter { $0 == .walking }.count) / Double(walking.count) > 0.9)
        #expect(lying.allSatisfy { $0 == .lying })
    }
}
