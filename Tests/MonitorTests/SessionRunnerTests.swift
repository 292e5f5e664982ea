import Coach
import Configuration
import Foundation
import IMUEmulators
import Monitor
import Posture
import SensorLog
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/scenarios")

/// A tap that fails on its `failAt`-th event.
private final class BrokenTap: SessionTap {
    let failAt: Int
    var seen = 0
    init(failAt: Int) { self.failAt = failAt }
    var name: String { "broken tap" }
    func observe(_ event: SourceEvent, session: Session) throws(TapFailure) {
        seen += 1
        if seen == failAt { throw TapFailure("disk full") }
    }
    func finish(session: Session) throws(TapFailure) {}
}

@Suite("Session runner")
struct SessionRunnerTests {
    func calibrated(_ path: String) throws -> [SensorRole: Calibration] {
        let upright = try CalibrationFlow.capture(LogSource(path: path), from: 2, to: 6, pose: "upright").get()
        return try CalibrationFlow.calibrations(upright: upright, lean: [:], mounting: { .default(for: $0) }, chip: { _ in "log" }).get()
    }

    @Test("a tap that fails is reported once and dropped; the coach goes on to the same alerts")
    func failingTap() throws {
        let path = fixtures.appendingPathComponent("slump.plog").path
        let calibrations = try calibrated(path)
        func alerts(taps: [any SessionTap], notices: inout [String]) throws -> [CoachEvent] {
            var events: [CoachEvent] = []
            var lines: [String] = []
            let runner = SessionRunner(session: Session(calibrations: calibrations), source: try LogSource(path: path), taps: taps,
                                       emit: { if $0.kind.isAlert { events.append($0) } }, notice: { lines.append($0) })
            try runner.run()
            runner.finish()
            notices = lines
            return events
        }
        var clean: [String] = [], broken: [String] = []
        let tap = BrokenTap(failAt: 100)
        let a = try alerts(taps: [], notices: &clean)
        let b = try alerts(taps: [tap], notices: &broken)
        #expect(!a.isEmpty && a == b)
        #expect(clean.isEmpty)
        #expect(broken.count == 1 && broken[0].contains("broken tap: disk full"))
        #expect(tap.seen == 100)
    }

    @Test("the recorder tap writes what the source yields, and an exercise the wearer starts as a note that replays")
    func recorderTap() throws {
        let directory = NSTemporaryDirectory() + "plumbline-runner-\(getpid())-\(UUID().uuidString)"
        try StateFiles.makeDirectories(directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = PlumblineConfiguration.default
        configuration.sampling.rateHz = 50
        let sensors = try OpenedSensors.open(configuration, simulate: try #require(SimulatedWearer.scenarios["slump"]))
        let path = directory + "/raw.plog"
        let recorder = try Recorder.create(path: path, sensors: sensors, configuration: configuration, metadata: [:], replaceExisting: false)
        let runner = SessionRunner(session: Session(calibrations: [:]), source: sensors.source, taps: [recorder],
                                   emit: { _ in }, notice: { Issue.record("notice: \($0)") })
        for _ in 0..<8 { try runner.step() }  // two seconds of drains
        runner.perform { $0.startExercise(.chinTuck, at: 2) }
        runner.finish()
        // Read back: every sample, and the wearer's yes.
        let replay = try LogSource(path: path)
        var events: [SourceEvent] = []
        while try replay.read(into: &events) {}
        let samples = events.filter { if case .sample = $0 { true } else { false } }
        #expect(samples.count == recorder.rows && samples.count >= 180)
        #expect(events.contains(.exerciseStarted(.chinTuck, timeSeconds: 2)))
    }
}
