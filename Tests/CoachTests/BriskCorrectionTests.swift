import Coach
import Posture
import Testing

@Suite("Corrected after a brisk sit-up")
struct BriskCorrectionTests {
    private func session(sitUpActivity: Activity, uprightAfter moving: Double, slumpAgain: Bool = false) -> RecordingSink {
        var coach = Coach()
        var sink = RecordingSink()
        var t = run(&coach, from: 0, to: 5, into: &sink) { _ in Moment(posture: posture(0)) }
        t = run(&coach, from: t, to: 25, into: &sink) { _ in Moment(posture: posture(30)) }  // alerted at 15 s of slump
        t = run(&coach, from: t, to: t + moving, into: &sink) { _ in Moment(posture: posture(15), activity: sitUpActivity) }
        run(&coach, from: t, to: t + 5, into: &sink) { _ in Moment(posture: posture(slumpAgain ? 30 : 0)) }
        return sink
    }

    @Test("sitting up quickly (read as moving) after an alert still confirms the correction")
    func briskSitUp() {
        let sink = session(sitUpActivity: .moving, uprightAfter: 1)
        #expect(sink.events(.slumpAlert).count == 1)
        #expect(sink.events(.corrected).count == 1)
        #expect(sink.events(.corrected).first?.slump == .collapsedTrunk)
    }

    @Test("no correction when the movement lasts longer than the window, or ends slumped again")
    func noCorrection() {
        #expect(session(sitUpActivity: .moving, uprightAfter: 8).events(.corrected).isEmpty)
        #expect(session(sitUpActivity: .moving, uprightAfter: 1, slumpAgain: true).events(.corrected).isEmpty)
    }
}
