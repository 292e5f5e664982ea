import Coach
import Posture
import Testing

/// The coach's side of not-worn detection: alerts wait while the sensor is motionless, and the
/// time held meanwhile goes to not worn or back where it belongs.
@Suite("Not worn, in the coach")
struct NotWornCoachTests {
    static let settings = CoachSettings(alertDelay: .seconds15, repeatCooldownSeconds: 60)

    @Test("motionless then judged not worn: no alert, and all of it counts as not worn, never slumped")
    func heldThenNotWorn() {
        var coach = Coach(settings: Self.settings)
        var sink = RecordingSink()
        run(&coach, from: 0, to: 10, into: &sink) { _ in Moment(posture: posture(0)) }
        // Put down at a slumped angle: 60 s motionless, then not worn for 9 minutes.
        run(&coach, from: 10, to: 70, into: &sink) { _ in Moment(posture: posture(35), motionless: true) }
        #expect(coach.tallies.slumpedSeconds == 0 && coach.tallies.notWornSeconds == 0, "held while unsure")
        run(&coach, from: 70, to: 610, into: &sink) { _ in Moment(posture: posture(35), activity: .notWorn, motionless: true) }
        #expect(sink.alertCount == 0)
        #expect(coach.state == .suppressed(.notWorn))
        #expect(coach.tallies.notWornSeconds == 599.75)
        #expect(coach.tallies.uprightSeconds == 10 && coach.tallies.slumpedSeconds == 0)
        #expect(coach.tallies.totalSeconds == 609.75)
    }

    @Test("motionless for a while, then breathing again: the held time goes back to slumped, and the alert comes once life shows")
    func heldThenWorn() {
        var coach = Coach(settings: Self.settings)
        var sink = RecordingSink()
        run(&coach, from: 0, to: 10, into: &sink) { _ in Moment(posture: posture(0)) }
        run(&coach, from: 10, to: 40, into: &sink) { _ in Moment(posture: posture(30), motionless: true) }
        #expect(sink.alertCount == 0, "the delay passed at 25 s, but no sign of a wearer")
        run(&coach, from: 40, to: 60, into: &sink) { _ in Moment(posture: posture(30)) }
        #expect(sink.times(.slumpAlert) == [40])
        #expect(coach.tallies.slumpedSeconds == 49.75 && coach.tallies.notWornSeconds == 0)
        #expect(coach.tallies.slumpedSecondsByKind[.upperBackRounding] + coach.tallies.slumpedSecondsByKind[.collapsedTrunk] == 49.75)
    }

    @Test("put on again after not worn: coaching resumes with a fresh slump timer")
    func resumes() {
        var coach = Coach(settings: Self.settings)
        var sink = RecordingSink()
        run(&coach, from: 0, to: 100, into: &sink) { t in
            Moment(posture: posture(35), activity: t < 60 ? .still : .notWorn, motionless: true)
        }
        run(&coach, from: 100, to: 102, into: &sink) { _ in Moment(posture: posture(10), activity: .moving) }
        run(&coach, from: 102, to: 140, into: &sink) { _ in Moment(posture: posture(30)) }
        #expect(sink.times(.slumpAlert) == [117])
        #expect(coach.tallies.notWornSeconds == 100)
    }

    @Test("time still held at the end counts as worn in `talliesReleasingHeldTime`; a gap releases it too")
    func releasedAtEndOrGap() {
        var coach = Coach(settings: Self.settings)
        var sink = RecordingSink()
        run(&coach, from: 0, to: 20, into: &sink) { _ in Moment(posture: posture(0), motionless: true) }
        #expect(coach.tallies.totalSeconds == 0)
        #expect(coach.talliesReleasingHeldTime.uprightSeconds == 19.75)
        _ = coach.gap(fromSeconds: 20, toSeconds: 30)
        #expect(coach.tallies.uprightSeconds == 20 && coach.tallies.gapSeconds == 10)
    }
}
