import Coach
import Foundation
import Monitor

/// What `monitor`, `replay` and `demo` show a person: one line per event and,
/// on a terminal, a status line with the live angles that is redrawn in place.
final class EventPrinter {
    let json: Bool
    let live: Bool
    private var statusShown = false
    private var lastStatus_s = -Double.infinity

    init(json: Bool, live: Bool) {
        self.json = json
        self.live = live
    }

    func emit(_ event: CoachEvent) {
        if event.kind == .stateChanged && !json { return }  // the status line shows the state
        clearStatus()
        print(json ? jsonLine(event) : textLine(event))
        fflush(nil)
    }

    /// Redraws the status line (at most four times a second of source time).
    func status(_ session: Session) {
        guard live, let frame = session.lastFrame, frame.time_s - lastStatus_s >= 0.25 else { return }
        lastStatus_s = frame.time_s
        var line = String(format: "%8.1f s  ", frame.time_s)
        if let angles = frame.angles {
            line += String(format: "thoracic %5.1f°  ", angles.thoracicDeg)
            line += angles.headForwardDeg.map { String(format: "head-forward %5.1f°  ", $0) } ?? "head-forward   —    "
        } else {
            line += "not calibrated  "
        }
        line += "\(frame.activity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(session.coach.state.name)"
        if let progress = session.coach.exerciseProgress {
            line += "  exercise \(progress.repetitionsDone)/\(progress.repetitionsNeeded)"
        }
        print("\r\u{1B}[2K" + line, terminator: "")
        fflush(nil)
        statusShown = true
    }

    func finish(_ session: Session) {
        clearStatus()
        let t = session.coach.tallies
        if json {
            print(String(format: "{\"kind\":\"summary\",\"upright_s\":%.3f,\"slumped_s\":%.3f,\"suppressed_s\":%.3f,\"gap_s\":%.3f,\"alerts\":%d,\"exercises_done\":%d}",
                         t.uprightSeconds, t.slumpedSeconds, t.suppressedSeconds, t.gapSeconds, t.alerts, t.exercisesDone))
            return
        }
        print(String(format: "Upright %.0f s, slumped %.0f s, no data %.0f s; %d alerts.",
                     t.uprightSeconds, t.slumpedSeconds, t.gapSeconds, t.alerts))
    }

    private func clearStatus() {
        if statusShown {
            print("\r\u{1B}[2K", terminator: "")
            statusShown = false
        }
    }

    func textLine(_ e: CoachEvent) -> String {
        let time = String(format: "%8.1f s", e.timeSeconds)
        let angles = [e.thoracicDeg.map { String(format: "thoracic %.0f°", $0) },
                      e.headForwardDeg.map { String(format: "head-forward %.0f°", $0) }].compactMap { $0 }.joined(separator: ", ")
        let exercise = e.exercise.map { " → \($0.exercise.title)" } ?? ""
        switch e.kind {
        case .slumpAlert: return "\(time)  SLUMP (\(e.slump?.rawValue ?? "?"), \(angles))\(exercise)\(e.silent ? " [tracking]" : "")"
        case .repeatAlert: return "\(time)  still slumped (\(angles))\(exercise)"
        case .corrected: return "\(time)  corrected — well done (\(angles))"
        case .breakReminder: return "\(time)  time for a movement break\(exercise)"
        case .exerciseStarted: return "\(time)  exercise started\(exercise)"
        case .exerciseDone: return "\(time)  exercise done\(exercise) (\(e.repetitionsDone ?? 0)/\(e.repetitionsNeeded ?? 0))"
        case .exerciseIncomplete: return "\(time)  exercise not finished\(exercise) (\(e.repetitionsDone ?? 0)/\(e.repetitionsNeeded ?? 0))"
        case .stateChanged: return "\(time)  \(e.previousState?.name ?? "?") → \(e.state.name)"
        }
    }

    func jsonLine(_ e: CoachEvent) -> String {
        func number(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "null" }
        func text(_ v: String?) -> String { v.map { "\"\($0)\"" } ?? "null" }
        return "{\"time_s\":\(String(format: "%.3f", e.timeSeconds)),\"kind\":\"\(e.kind.rawValue)\",\"state\":\"\(e.state.name)\","
            + "\"slump\":\(text(e.slump?.rawValue)),\"exercise\":\(text(e.exercise?.rawValue)),"
            + "\"thoracic_deg\":\(number(e.thoracicDeg)),\"head_forward_deg\":\(number(e.headForwardDeg)),\"silent\":\(e.silent)}"
    }
}
