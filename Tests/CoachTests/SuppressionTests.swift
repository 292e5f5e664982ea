import Coach
import Foundation
import Posture
import Testing
import Tilt

@Suite("No false alerts")
struct SuppressionTests {
    static let settings = CoachSettings(alertDelay: .seconds5, repeatCooldownSeconds: 10)

    @Test("no alert while walking, lying or moving, whatever the angles", arguments: [
        (Activity.walking, SuppressionReason.walking), (.lying, .lying), (.moving, .moving),
    ])
    func activities(activity: Activity, reason: SuppressionReason) {
        var coach = Coach(settings: Self.settings)
        var sink = RecordingSink()
        run(&coach, from: 0, to: 120, into: &sink, still(30, head: 30, activity))
        #expect(sink.alertCount == 0)
        #expect(coach.state == .suppressed(reason))
        #expect(coach.tallies.uprightSeconds == 0 && coach.tallies.slumpedSeconds == 0)
        // Back to sitting slumped: the timer starts from zero.
        run(&coach, from: 120, to: 130, into: &sink, still(30, head: 30))
        #expect(sink.times(.slumpAlert) == [125])
    }

    @Test("bending to pick something up, shorter than the delay, gives no alert")
    func bendingTransient() {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds15))
        var sink = RecordingSink()
        // Three bends of 4 s to 35° (not a deep bend) with upright sitting between: no alert.
        run(&coach, from: 0, to: 60, into: &sink) { t in
            let x = t.truncatingRemainder(dividingBy: 20)
            return Moment(posture: posture(x < 4 ? 35 * sin(Double.pi * x / 4) : 0))
        }
        #expect(sink.alertCount == 0)
    }

    @Test("a deep bend holds alerts back however long it lasts, and resets the slump timer")
    func deepBend() {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds15))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 40, into: &sink, still(70))
        #expect(sink.alertCount == 0)
        #expect(coach.state == .suppressed(.bending))
        // Slumped 10 s, a 1 s deep bend, slumped 10 s: 20 s slumped in all but never 15 s at once.
        run(&coach, from: 40, to: 50, into: &sink, still(20))
        run(&coach, from: 50, to: 51, into: &sink, still(60))
        run(&coach, from: 51, to: 61, into: &sink, still(20))
        #expect(sink.alertCount == 0)
        run(&coach, from: 61, to: 70, into: &sink, still(20))
        #expect(sink.times(.slumpAlert) == [66])
    }

    @Test("no alert while the tilt filter starts up, recovers or ignores the accelerometer", arguments: [
        TiltFilter.Flags.startingUp, .recovering, .accelerometerIgnored, [.startingUp, .biasConverged],
    ])
    func filterSettling(flags: TiltFilter.Flags) {
        var coach = Coach(settings: Self.settings)
        var sink = RecordingSink()
        run(&coach, from: 0, to: 60, into: &sink) { _ in Moment(posture: posture(30), flags: flags) }
        #expect(sink.alertCount == 0)
        #expect(coach.state == .suppressed(.filterSettling))
        // Flags that do not concern reliability do not hold alerts back.
        var settled = Coach(settings: Self.settings)
        var sink2 = RecordingSink()
        run(&settled, from: 0, to: 10, into: &sink2) { _ in Moment(posture: posture(30), flags: [.biasConverged, .atRest]) }
        #expect(sink2.times(.slumpAlert) == [5])
    }

    @Test("no alert while a sensor is missing, and missing time is a gap, never upright")
    func sensorMissing() {
        var coach = Coach(settings: Self.settings)
        var sink = RecordingSink()
        run(&coach, from: 0, to: 10, into: &sink, still(0))
        run(&coach, from: 10, to: 70, into: &sink) { _ in Moment(posture: nil) }
        #expect(sink.alertCount == 0)
        #expect(coach.state == .suppressed(.sensorMissing))
        #expect(abs(coach.tallies.uprightSeconds - 9.75) < 1e-9)
        #expect(abs(coach.tallies.gapSeconds - 60) < 1e-9)
        // NaN angles count as missing too.
        run(&coach, from: 70, to: 80, into: &sink) { _ in Moment(posture: posture(.nan)) }
        #expect(coach.state == .suppressed(.sensorMissing))
        #expect(sink.alertCount == 0)
    }

    @Test("no alert during an exercise, even one performed slumped")
    func exercising() {
        var coach = Coach(settings: Self.settings)
        var sink = RecordingSink()
        coach.startExercise(.pelvicTilts, atSeconds: 0).send(to: &sink)
        #expect(coach.state == .suppressed(.exercising))
        run(&coach, from: 0, to: 50, into: &sink, still(20))
        #expect(sink.alertCount == 0)
        #expect(sink.events(.exerciseStarted).count == 1)
    }

    @Test("a long step between samples is a gap: not upright, not slumped, and the slump timer restarts")
    func gapsNotCounted() {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds15))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 10, step: 0.5, into: &sink, still(20))
        // Nothing from 9.5 s to 30 s, then slumped again for 10 s: never 15 s of seen slump.
        run(&coach, from: 30, to: 40, step: 0.5, into: &sink, still(20))
        #expect(sink.alertCount == 0)
        #expect(abs(coach.tallies.gapSeconds - 20.5) < 1e-9)
        #expect(abs(coach.tallies.slumpedSeconds - 19) < 1e-9)
        #expect(coach.tallies.uprightSeconds == 0)
        #expect(abs(coach.tallies.totalSeconds - 39.5) < 1e-9)
    }

    @Test("a reported gap counts as gap time and restarts the slump timer")
    func reportedGap() {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds15))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 10, step: 0.5, into: &sink, still(0))
        coach.gap(fromSeconds: 10, toSeconds: 100).send(to: &sink)
        #expect(coach.state == .suppressed(.sensorMissing))
        run(&coach, from: 100, to: 110, step: 0.5, into: &sink, still(0))
        #expect(coach.state == .upright)
        // 0–10 upright (the interval before the gap keeps its sample's tally), 10–100 gap,
        // 100–109.5 upright again.
        #expect(abs(coach.tallies.uprightSeconds - 19.5) < 1e-9)
        #expect(abs(coach.tallies.gapSeconds - 90) < 1e-9)
        // A slump split by a reported gap does not alert.
        run(&coach, from: 110, to: 120, step: 0.5, into: &sink, still(20))
        coach.gap(fromSeconds: 120, toSeconds: 121).send(to: &sink)
        run(&coach, from: 121, to: 131, step: 0.5, into: &sink, still(20))
        #expect(sink.alertCount == 0)
    }
}
