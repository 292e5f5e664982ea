import Coach
@testable import Monitor
import Posture
import Testing
import Tilt

@Suite("A sensor put back differently")
struct ReattachTests {
    /// Trunk samples at 100 Hz of a still wearer whose back sensor senses `up`, gyro quiet.
    private func feed(_ session: inout Session, up: SIMD3<Double>, from: Double, to: Double, events: inout [CoachEvent]) {
        var t = from
        while t < to {
            events += session.process(.sample(SensorSample(role: .trunk, timeSeconds: t, accelerationG: up, angularRateDegPerSecond: .zero)))
            t += 0.01
        }
    }

    private func run(comesBackAs up: SIMD3<Double>) throws -> (Session, [CoachEvent]) {
        let calibration = try Calibration.fromUpright(StillPose(up: .unitY, endTimeSeconds: 0), mounting: .backYUp,
                                                      role: .trunk, chip: "MPU-6050").get()
        var session = Session(calibrations: [.trunk: calibration], coach: CoachSettings(alertDelay: .seconds5))
        var events: [CoachEvent] = []
        feed(&session, up: SIMD3(0, 1, 0), from: 0, to: 10, events: &events)
        events += session.process(.sensorLost(role: .trunk, timeSeconds: 10, reason: .bus(.noDevice)))
        events += session.process(.sensorBack(role: .trunk, lostSeconds: 10, timeSeconds: 40))
        feed(&session, up: up, from: 40, to: 70, events: &events)
        return (session, events)
    }

    @Test("stuck back on rotated a quarter turn: recalibration is flagged instead of a false slump")
    func rotated() throws {
        let (session, events) = try run(comesBackAs: SIMD3(1, 0, 0))
        #expect(session.needsRecalibration)
        #expect(session.coach.state == .uncalibrated)
        #expect(!events.contains { $0.kind.isAlert })
    }

    @Test("put back the same way: no recalibration, coaching goes on")
    func same() throws {
        let (session, events) = try run(comesBackAs: SIMD3(0, 1, 0))
        #expect(!session.needsRecalibration)
        #expect(session.coach.state == .upright)
        #expect(!events.contains { $0.kind.isAlert })
    }
}

@Suite("Reattachment rule")
struct ReattachRuleTests {
    private func angles(_ flexion: Double, _ lateral: Double) -> SensorAngles { SensorAngles(flexionDeg: flexion, lateralDeg: lateral) }

    @Test("coming out of a bend or a slump is not a reattachment; a quarter turn or upside down is")
    func rule() {
        #expect(!Session.putBackDifferently(before: angles(70, 0), after: angles(0, 2)))
        #expect(!Session.putBackDifferently(before: angles(25, 1), after: angles(-10, 0)))
        #expect(Session.putBackDifferently(before: angles(0, 0), after: angles(0, 88)))
        #expect(Session.putBackDifferently(before: angles(0, 0), after: angles(178, 0)))
    }
}
