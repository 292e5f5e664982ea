import Coach
import Foundation
import History
import Monitor
import Posture
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/scenarios")

@Suite("History writer")
struct HistoryWriterTests {
    /// Replays `name` through a session runner with a history writer at `resolutionSeconds`, the first
    /// sample at `startUnixSeconds`; returns the intervals, the events and the coach's final tallies.
    func replay(_ name: String, resolutionSeconds: Double, startUnixSeconds: Double) throws
        -> (intervals: [HistoryInterval], summary: HistorySummary, tallies: CoachTallies, events: [CoachEvent]) {
        let path = fixtures.appendingPathComponent("\(name).plog").path
        let upright = try CalibrationFlow.capture(LogSource(path: path), from: 2, to: 6, pose: "upright").get()
        let calibrations = try CalibrationFlow.calibrations(upright: upright, lean: [:], mounting: { .default(for: $0) }, chip: { _ in "log" }).get()
        let directory = NSTemporaryDirectory() + "plumbline-writer-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try HistoryStore.open(path: directory + "/h.db")
        let session = HistorySession(startedAt: startUnixSeconds, source: "test", resolutionSeconds: resolutionSeconds, mode: "training")
        let writer = try HistoryWriter(store: store, session: session, calibrations: Array(calibrations.values),
                                       anchor: .firstSample(unixSeconds: startUnixSeconds))
        var events: [CoachEvent] = []
        let runner = SessionRunner(session: Session(calibrations: calibrations), source: try LogSource(path: path), taps: [writer],
                                   emit: { events.append($0) }, notice: { Issue.record("notice: \($0)") })
        try runner.run()
        runner.finish()
        return (try store.intervals(fromAt: 0, toAt: .greatestFiniteMagnitude), try store.summary(fromAt: 0, toAt: .greatestFiniteMagnitude),
                runner.session.coach.tallies, events)
    }

    @Test("intervals start on wall-clock multiples of the resolution, follow each other, and add up to the coach's tallies",
          arguments: [1.0, 7.0, 10.0, 60.0])
    func boundaries(resolutionSeconds: Double) throws {
        let start = 1_796_000_000.37  // not on a boundary
        let (intervals, summary, tallies, events) = try replay("slump", resolutionSeconds: resolutionSeconds, startUnixSeconds: start)
        #expect(intervals.first?.startAt == start)
        for i in intervals.dropFirst() {
            let offset = i.startAt.truncatingRemainder(dividingBy: resolutionSeconds)
            #expect(offset < 0.02 + 1e-6, "interval at \(i.startAt) is \(offset) s past its boundary")
        }
        for (a, b) in zip(intervals, intervals.dropFirst()) { #expect(a.endAt == b.startAt) }
        #expect(abs(summary.uprightSeconds - tallies.uprightSeconds) < 1e-6)
        #expect(abs(summary.slumpedSeconds - tallies.slumpedSeconds) < 1e-6)
        #expect(abs(summary.suppressedSeconds - tallies.suppressedSeconds) < 1e-6)
        #expect(abs((summary.slumpedSecondsByKind["upper-back-rounding"] ?? 0) - tallies.slumpedSecondsByKind.upperBackRoundingSeconds) < 1e-6)
        #expect(summary.alerts == tallies.alerts && summary.corrections == tallies.corrections)
        #expect(summary.alerts == events.filter { $0.kind == .slumpAlert }.count && summary.alerts == 1)
        #expect(summary.slumps == events.filter { $0.kind == .stateChanged && $0.state.name == "slumping" }.count)
    }
}
