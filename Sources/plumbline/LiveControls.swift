import Coach
import Foundation
import IMUEmulators
import Monitor

/// What `monitor` does between drains besides coaching: the wearer's keys, and with --simulate
/// the scripted wearer's yes to each exercise it is scripted to do.
final class LiveControls {
    let runner: SessionRunner
    let output: EventPrinter
    let snoozeMinutes: Double
    let wearer: SimulatedWearer?
    let startSeconds: Double
    private var exercising = false

    init(runner: SessionRunner, output: EventPrinter, snoozeMinutes: Double, wearer: SimulatedWearer?, startSeconds: Double) {
        self.runner = runner
        self.output = output
        self.snoozeMinutes = snoozeMinutes
        self.wearer = wearer
        self.startSeconds = startSeconds
    }

    /// Acts on one key; `false` for quit.
    func handle(_ command: KeyCommand, elapsedSeconds: Double) -> Bool {
        let now = runner.session.lastFrame?.timeSeconds ?? elapsedSeconds
        switch command {
        case .exercise:
            var started = 0
            runner.perform { session in
                let events = session.startSuggestedExercise(at: now)
                started = events.count
                return events
            }
            if started == 0 {
                output.emitNotice("plumbline: no exercise to start: one is suggested with each alert (`plumbline exercises` lists them).")
            }
        case .snooze:
            runner.perform { $0.snooze(for: snoozeMinutes * 60, at: now) }
            output.emitNotice(String(format: "plumbline: alerts snoozed for %g min (r to resume).", snoozeMinutes))
        case .resume:
            runner.perform { session in
                session.cancelSnooze()
                return CoachEvents()
            }
            output.emitNotice("plumbline: alerts on again.")
        case .quit:
            return false
        }
        return true
    }

    /// The simulated wearer does the exercise it is scripted to; a person would say "yes".
    func followScript(nowSeconds: Double) {
        guard let wearer else { return }
        let elapsed = nowSeconds - startSeconds
        let inExercise = wearer.isExercising(at: elapsed)
        if inExercise && !exercising {
            let at = runner.session.lastFrame?.timeSeconds ?? elapsed
            runner.perform { $0.startSuggestedExercise(at: at) }
        }
        exercising = inExercise
    }
}
