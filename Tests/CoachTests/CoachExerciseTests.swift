import Coach
import Foundation
import Posture
import Testing

@Suite("Coaching: slump kinds, exercises, breaks, tallies")
struct CoachExerciseTests {
    @Test("the slump kind comes from which angle is past its threshold, and by how much")
    func slumpKinds() {
        var c = SlumpClassifier(settings: .default)
        #expect(c.update(thoracicDeg: 5, headForwardDeg: 10) == nil)
        #expect(c.update(thoracicDeg: 5, headForwardDeg: 28) == .forwardHead)
        c.reset()
        #expect(c.update(thoracicDeg: 18, headForwardDeg: nil) == .upperBackRounding)
        c.reset()
        #expect(c.update(thoracicDeg: 30, headForwardDeg: nil) == .collapsedTrunk)
        c.reset()
        #expect(c.update(thoracicDeg: 30, headForwardDeg: 40) == .collapsedTrunk)
        c.reset()
        // Both past their thresholds: the larger excess names the kind.
        #expect(c.update(thoracicDeg: 17, headForwardDeg: 30) == .forwardHead)
        c.reset()
        #expect(c.update(thoracicDeg: 23, headForwardDeg: 22) == .upperBackRounding)
        c.reset()
        #expect(c.update(thoracicDeg: -22, headForwardDeg: 0) == .leaningBack)
        c.reset()
        // The head latch drops when the head sensor goes away.
        #expect(c.update(thoracicDeg: 0, headForwardDeg: 30) == .forwardHead)
        #expect(c.update(thoracicDeg: 0, headForwardDeg: nil) == nil)
    }

    @Test("each alert suggests the exercise that answers its slump kind", arguments: [
        (0.0, 30.0 as Double?, SlumpKind.forwardHead, ExerciseID.chinTuck),
        (18, 0, .upperBackRounding, .shoulderBladeSqueeze),
        (32, nil, .collapsedTrunk, .ribLift),
        (-25, 0, .leaningBack, .ribLift),
    ])
    func alertCarriesExercise(thoracic: Double, head: Double?, kind: SlumpKind, exercise: ExerciseID) throws {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds5))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 10, into: &sink, still(thoracic, head: head))
        let alert = try #require(sink.events(.slumpAlert).first)
        #expect(alert.slump == kind)
        #expect(alert.exercise == exercise)
        #expect(alert.thoracicDeg == thoracic)
        #expect(alert.headForwardDeg == head)
        #expect(coach.suggestedExercise == exercise)
    }

    @Test("an exercise performed after an alert is confirmed done, and the coach goes back to watching")
    func exerciseDone() throws {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds5))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 10, into: &sink, still(0, head: 30))
        #expect(sink.events(.slumpAlert).map(\.exercise) == [.chinTuck])
        coach.startSuggestedExercise(atSeconds: 10).send(to: &sink)
        #expect(coach.state == .suppressed(.exercising))
        run(&coach, from: 10, to: 40, step: 0.02, into: &sink) { t in
            let (th, hd) = performed(.chinTuck, t - 10)
            return Moment(posture: posture(th, head: hd))
        }
        let done = try #require(sink.events(.exerciseDone).first)
        #expect(done.exercise == .chinTuck)
        #expect(done.repetitionsDone == 5 && done.repetitionsNeeded == 5)
        #expect(done.timeSeconds < 30)
        #expect(coach.state == .upright)
        #expect(coach.exerciseProgress == nil)
        #expect(coach.tallies.exercisesDone == 1)
        // No correction event: the exercise ended the alert, not a sit-up.
        #expect(sink.events(.corrected).isEmpty)
        #expect(sink.alertCount == 1)
    }

    @Test("sitting still through an exercise is not done: it times out as incomplete")
    func exerciseTimesOut() throws {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds5, exerciseTimeoutFactor: 2))
        var sink = RecordingSink()
        coach.startExercise(.shoulderBladeSqueeze, atSeconds: 0).send(to: &sink)
        run(&coach, from: 0, to: 100, into: &sink, still(0))
        let incomplete = try #require(sink.events(.exerciseIncomplete).first)
        #expect(incomplete.exercise == .shoulderBladeSqueeze)
        #expect(incomplete.repetitionsDone == 0)
        // Timeout: twice the 30 s duration.
        #expect(incomplete.timeSeconds > 60 && incomplete.timeSeconds <= 60.25)
        #expect(sink.events(.exerciseDone).isEmpty)
        #expect(coach.state == .upright)
        #expect(coach.tallies.exercisesIncomplete == 1)
        // Stopping one by hand is incomplete too.
        coach.startExercise(.ribLift, atSeconds: 100).send(to: &sink)
        coach.stopExercise(atSeconds: 101).send(to: &sink)
        #expect(sink.events(.exerciseIncomplete).map(\.exercise) == [.shoulderBladeSqueeze, .ribLift])
    }

    @Test("long still sitting brings a break reminder; pelvic tilts first, then the whole-body roll")
    func longSitting() {
        var coach = Coach(settings: CoachSettings(longSittingSeconds: 600))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 1300, step: 1, into: &sink, still(0))
        #expect(sink.times(.breakReminder) == [600, 1200])
        #expect(sink.events(.breakReminder).map(\.exercise) == [.pelvicTilts, .spinalFlexionExtension])
        #expect(sink.events(.breakReminder).allSatisfy { $0.slump == .longStillSitting })
    }

    @Test("a walk resets the sitting time; a gap does not count as sitting")
    func walkResetsSitting() {
        var coach = Coach(settings: CoachSettings(longSittingSeconds: 600, breakWalkSeconds: 20))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 500, step: 1, into: &sink, still(0))
        run(&coach, from: 500, to: 530, step: 1, into: &sink, still(0, .walking))
        #expect(coach.stillSittingSeconds == 0)
        run(&coach, from: 530, to: 1000, step: 1, into: &sink, still(0))
        #expect(sink.times(.breakReminder).isEmpty)
        // A short stroll (10 s) is not a break.
        run(&coach, from: 1000, to: 1010, step: 1, into: &sink, still(0, .walking))
        run(&coach, from: 1010, to: 1200, step: 1, into: &sink, still(0))
        // 470 s sat before the stroll, 130 s after it: 600 s at 1140 s.
        #expect(sink.times(.breakReminder) == [1140])
        // An hour without data adds nothing to the sitting time.
        let before = coach.stillSittingSeconds
        coach.gap(fromSeconds: 1200, toSeconds: 4800).send(to: &sink)
        run(&coach, from: 4800, to: 4801, step: 1, into: &sink, still(0))
        #expect(coach.stillSittingSeconds == before)
    }

    @Test("the coach holds no references, so update cannot allocate; 100 000 updates keep exact tallies")
    func allocationFree() {
        #expect(_isPOD(Coach.self))
        #expect(_isPOD(CoachEvents.self))
        #expect(_isPOD(CoachInput.self))
        #expect(_isPOD(ExerciseVerifier.self))
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds5, repeatCooldownSeconds: 30))
        var alerts = 0
        var corrections = 0
        for i in 0..<100_000 {
            let t = Double(i) * 0.125
            // 40 s slumped, 40 s upright, repeated.
            let slumped = Int(t / 40) % 2 == 0
            let events = coach.update(timeSeconds: t, posture: posture(slumped ? 22 : 2))
            for e in events {
                if e.kind == .slumpAlert { alerts += 1 }
                if e.kind == .corrected { corrections += 1 }
            }
        }
        // 12 500 s: 157 slumps, each alerted 5 s in and repeated 30 s later, except the last,
        // which lasts only 20 s (no repeat) and is not corrected.
        #expect(alerts == 157)
        #expect(coach.tallies.alerts == 157)
        #expect(coach.tallies.repeats == 156)
        #expect(corrections == 156)
        #expect(abs(coach.tallies.totalSeconds - 99_999 * 0.125) < 1e-6)
    }
}
