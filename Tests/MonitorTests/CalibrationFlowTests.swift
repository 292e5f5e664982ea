import Configuration
import Foundation
import IMUEmulators
import Monitor
import Posture
import Testing
import Tilt

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/scenarios")

@Suite("Calibration flow")
struct CalibrationFlowTests {
    @Test("replay --calibrate-at on a window calibrates as the live capture of the same data does")
    func logWindowMatchesLive() throws {
        // The fixture was recorded from this very rig (`scripts/make-fixtures`: the slump scenario at 50 Hz).
        var configuration = PlumblineConfiguration.default
        configuration.sampling.rateHz = 50
        let live = try OpenedSensors.open(configuration, simulate: try #require(SimulatedWearer.scenarios["slump"]))
        let fromLive = try CalibrationFlow.capture(live.source, from: 2, to: 6, pose: "upright").get()
        let fromLog = try CalibrationFlow.capture(LogSource(path: fixtures.appendingPathComponent("slump.plog").path),
                                                  from: 2, to: 6, pose: "upright").get()
        #expect(Set(fromLive.keys) == [.trunk, .head] && Set(fromLog.keys) == Set(fromLive.keys))
        for (role, pose) in fromLive {
            let other = try #require(fromLog[role])
            // The log keeps six decimals of time and g, so a window edge can fall one sample apart and the
            // trimmed blocks shift a little: the same verdict, and the same pose within 0.1°.
            let deg = TiltMath.acos(clamping: pose.up.dot(other.up)) * TiltMath.degreesPerRadian
            #expect(deg < 0.1, "\(role): \(deg)°")
            #expect(abs(pose.endTimeSeconds - other.endTimeSeconds) <= 0.02 + 1e-9)
        }
    }

    @Test("a window partly outside the recording says how much data it had")
    func windowOutsideLog() throws {
        let result = try CalibrationFlow.capture(LogSource(path: fixtures.appendingPathComponent("slump.plog").path),
                                                 from: 78, to: 84, pose: "upright")
        guard case .failure(let failure) = result else {
            Issue.record("a window past the end of an 80 s log calibrated")
            return
        }
        #expect(failure.description.contains("gave only 2.0 s of samples for the upright pose, 5.9 s wanted"))
    }

    @Test("a sensor that stops answering during the hold is named in the failure")
    func lostSensor() {
        var capture = CalibrationFlow.PoseCapture(roles: [.trunk, .head], from: 0, settings: .default)
        capture.add(.sensorLost(role: .head, timeSeconds: 0.5, reason: .bus(.noDevice)))
        var t = 0.0
        while !capture.isComplete {
            capture.add(.sample(SensorSample(role: .trunk, timeSeconds: t, accelerationG: SIMD3(0, 1, 0), angularRateDegPerSecond: nil)))
            t += 0.01
        }
        guard case .failure(let failure) = capture.poses(pose: "upright") else {
            Issue.record("a lost sensor was calibrated")
            return
        }
        #expect(failure.role == .head && failure.description.contains("stopped answering"))
    }
}
