import Alerts
import Coach
import Foundation
import Monitor

/// What `monitor`, `replay` and `demo` show and send: every coach event goes to the
/// alert sinks (a terminal line or JSON lines, plus the configured hook and haptic
/// motor); on a terminal, a status line with the live angles is redrawn in place.
final class EventPrinter {
    let json: Bool
    let live: Bool
    private var sink: MultiplexSink
    private let hook: CommandHookSink?
    private var statusShown = false
    private var lastStatusSeconds = -Double.infinity
    /// Shown at the end of the status line (the key controls, when they are on).
    var hint: String?

    /// `terminal: false` (alerts.terminal) prints no text line per event; JSON lines, the hook
    /// and the motor are not affected.
    init(json: Bool, live: Bool, terminal: Bool = true, hook: CommandHookSink? = nil, haptic: HapticSink? = nil) {
        self.json = json
        self.live = live && terminal
        self.hook = hook
        var sinks: [any AlertSink<AlertError>] = []
        if json { sinks.append(JSONLinesSink()) } else if terminal { sinks.append(TerminalSink()) }
        if let hook { sinks.append(hook) }
        if let haptic { sinks.append(haptic) }
        sink = MultiplexSink(sinks)
    }

    func emit(_ event: CoachEvent) {
        clearStatus()
        do {
            try sink.emit(event)
        } catch {
            // A failing output never stops the coach: say so and go on.
            Terminal.error("plumbline: alert-output: \(error)")
        }
    }

    /// A line for the person on stderr, clear of the status line.
    func emitNotice(_ line: String) {
        clearStatus()
        Terminal.error(line)
    }

    /// Redraws the status line (at most four times a second of source time).
    func status(_ session: Session) {
        guard live, let frame = session.lastFrame, frame.timeSeconds - lastStatusSeconds >= 0.25 else { return }
        lastStatusSeconds = frame.timeSeconds
        var line = String(format: "%8.1f s  ", frame.timeSeconds)
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
        if let hint { line += "   [\(hint)]" }
        print("\r\u{1B}[2K" + line, terminator: "")
        fflush(nil)
        statusShown = true
    }

    /// Ends the run: waits for hook runs still going, prints the day's tallies.
    func finish(_ session: Session) {
        clearStatus()
        if let hook {
            do { try hook.finish() } catch { Terminal.error("plumbline: alert-output: \(error)") }
        }
        // The end settles any time still held back (the sensor motionless, not yet judged): worn.
        let t = session.coach.talliesReleasingHeldTime
        if json {
            print(String(format: "{\"kind\":\"summary\",\"upright_s\":%.3f,\"slumped_s\":%.3f,\"suppressed_s\":%.3f,\"gap_s\":%.3f,\"not_worn_s\":%.3f,\"alerts\":%d,\"exercises_done\":%d}",
                         t.uprightSeconds, t.slumpedSeconds, t.suppressedSeconds, t.gapSeconds, t.notWornSeconds, t.alerts, t.exercisesDone))
        } else if case .uncalibrated = session.coach.state {
            // Without a calibration there are no posture angles: say so rather than "no data".
            print(String(format: "Not calibrated, so no posture was coached (%.0f s of samples). Give --calibration FILE, or --calibrate-at START-END for seconds where the wearer sits upright.",
                         t.gapSeconds))
        } else {
            let notWorn = t.notWornSeconds > 0 ? String(format: ", not worn %.0f s", t.notWornSeconds) : ""
            print(String(format: "Upright %.0f s, slumped %.0f s, no data %.0f s", t.uprightSeconds, t.slumpedSeconds, t.gapSeconds)
                  + notWorn + String(format: "; %d alerts, %d exercises done.", t.alerts, t.exercisesDone))
        }
        fflush(nil)
    }

    private func clearStatus() {
        if statusShown {
            print("\r\u{1B}[2K", terminator: "")
            statusShown = false
        }
        fflush(nil)
    }
}
