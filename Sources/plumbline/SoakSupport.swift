import Foundation
import Monitor

/// Counts what the source reported during a soak run: samples, and the trunk's and head's gaps.
final class SoakTally: SessionTap {
    private var outcome = Soak.Outcome()
    private var lost: Double?
    var name: String { "soak tally" }

    func observe(_ event: SourceEvent, session: Session) {
        switch event {
        case .sample: outcome.samples += 1
        case let .sensorLost(role, t, _) where role == .trunk: lost = t
        case let .sensorBack(role, l, t) where role == .trunk:
            outcome.gaps.append((l, t))
            lost = nil
        case let .gap(role, s, e) where role == .trunk: outcome.gaps.append((s, e))
        case let .gap(_, s, e): outcome.headGaps.append((s, e))
        case let .sensorBack(_, l, t): outcome.headGaps.append((l, t))
        default: break
        }
    }

    func finish(session: Session) {}

    /// The tallies, with a trunk sensor still lost at `endSeconds` counted as a gap up to it.
    func outcome(endingAt endSeconds: Double) -> Soak.Outcome {
        var result = outcome
        if let lost { result.gaps.append((lost, endSeconds)) }
        return result
    }
}

/// Peak resident set size of this process, in kB (VmHWM).
func peakRSSKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
}
