import Coach
import Posture
import Testing

@Suite("Tallies by slump kind and suppression reason")
struct TallyByKindTests {
    @Test("time slumped is split by kind and time suppressed by reason, each summing to its total")
    func splits() {
        var coach = Coach()
        var sink = RecordingSink()
        var t = run(&coach, from: 0, to: 30, into: &sink, still(0))
        t = run(&coach, from: t, to: t + 40, into: &sink, still(22))  // upper-back rounding
        t = run(&coach, from: t, to: t + 20, into: &sink, still(0))
        t = run(&coach, from: t, to: t + 30, into: &sink, still(2, head: 30))  // forward head
        t = run(&coach, from: t, to: t + 20, into: &sink, still(0, .walking))
        t = run(&coach, from: t, to: t + 10, into: &sink, still(0, .lying))
        _ = run(&coach, from: t, to: t + 5, into: &sink, still(0))
        let tallies = coach.tallies
        let byKind = SlumpKind.allCases.map { tallies.slumpedSecondsByKind[$0] }.reduce(0, +)
        let byReason = SuppressionReason.allCases.map { tallies.suppressedSecondsByReason[$0] }.reduce(0, +)
        #expect(abs(byKind - tallies.slumpedSeconds) < 1e-9)
        #expect(abs(byReason - tallies.suppressedSeconds) < 1e-9)
        // Entering and leaving a slump takes one sample (0.25 s) each way.
        #expect(abs(tallies.slumpedSecondsByKind[.upperBackRounding] - 40) <= 0.25 + 1e-9)
        #expect(abs(tallies.slumpedSecondsByKind[.forwardHead] - 30) <= 0.25 + 1e-9)
        #expect(abs(tallies.suppressedSecondsByReason[.walking] - 20) <= 0.25 + 1e-9)
        #expect(abs(tallies.suppressedSecondsByReason[.lying] - 10) <= 0.25 + 1e-9)
        #expect(tallies.slumpedSecondsByKind[.collapsedTrunk] == 0 && tallies.suppressedSecondsByReason[.bending] == 0)
    }

    @Test("a slump while snoozed counts as slumped of its kind, not as suppressed")
    func snoozedSlump() {
        var coach = Coach()
        var sink = RecordingSink()
        let t = run(&coach, from: 0, to: 10, into: &sink, still(0))
        _ = coach.snooze(forSeconds: 600, atSeconds: t)
        _ = run(&coach, from: t + 0.25, to: t + 40.25, into: &sink, still(35))
        #expect(abs(coach.tallies.slumpedSecondsByKind[.collapsedTrunk] - 40) <= 0.25 + 1e-9)
        #expect(coach.tallies.suppressedSeconds == 0 && sink.alertCount == 0)
    }
}
