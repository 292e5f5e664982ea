import Foundation
import History

/// The training plan's part of the report: each day's target and what was trained.
enum ReportTraining {
    /// One line for people: a day's progress, or how many days of a stretch met their target.
    static func line(_ days: [TrainingRecord]) -> String? {
        guard let last = days.last else { return nil }
        if days.count == 1 {
            return "  Training plan: \(ReportText.duration(last.trainedSeconds)) of the day's \(minutes(last.targetSeconds)) target"
                + (last.isMet ? " (met; tracking only after that)." : ".")
        }
        let met = days.filter(\.isMet).count
        let targets = days.map(\.targetSeconds)
        let low = Int(((targets.min() ?? 0) / 60).rounded()), high = Int(((targets.max() ?? 0) / 60).rounded())
        let range = low == high ? "\(low) min" : "\(low)–\(high) min"
        return "  Training plan: target met \(met) of \(days.count) days (targets \(range)); \(ReportText.duration(days.map(\.trainedSeconds).reduce(0, +))) trained."
    }

    /// The days for JSON: `[{"day", "trained_s", "target_s", "met"}]`.
    static func json(_ days: [TrainingRecord]) -> [[String: Any]] {
        days.map { ["day": $0.day, "trained_s": ($0.trainedSeconds * 1000).rounded() / 1000, "target_s": $0.targetSeconds, "met": $0.isMet] }
    }

    private static func minutes(_ seconds: Double) -> String { "\(Int((seconds / 60).rounded())) min" }
}
