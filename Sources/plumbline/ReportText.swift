import Foundation
import History

/// The report's words and its JSON.
enum ReportText {
    static func text(_ s: HistorySummary, period: ReportPeriod, zone: String, path: String, training: [TrainingRecord] = []) -> String {
        var lines = ["History for \(period.label) (\(zone)), from \(path):"]
        if let percent = s.uprightPercent {
            lines.append(String(format: "  Upright %.0f%% of worn time (%@ upright of %@ worn).", percent,
                                duration(s.uprightSeconds), duration(s.wornSeconds)))
        } else {
            lines.append("  Not worn with data in this stretch.")
        }
        let kinds = s.slumpedSecondsByKind.sorted { $0.value > $1.value }.map {
            "\($0.key) \(s.slumpsByKind[$0.key] ?? 0)× \(duration($0.value))"
        }
        lines.append("  Slumps: \(s.slumps), \(duration(s.slumpedSeconds))" + (kinds.isEmpty ? "." : ": " + kinds.joined(separator: ", ") + "."))
        lines.append("  Longest upright streak: \(duration(s.longestUprightSeconds)).")
        let median = s.medianCorrectionSeconds.map { ", median \(duration($0)) from alert to correction" } ?? ""
        lines.append("  Alerts: \(s.alerts) (\(s.corrections) corrected\(median)); reminders \(s.repeats); exercises done \(s.exercisesDone).")
        let reasons = s.suppressedSecondsByReason.sorted { $0.value > $1.value }.map { "\($0.key) \(duration($0.value))" }
        lines.append("  Not judged (moving, walking, exercising, …): \(duration(s.suppressedSeconds))"
                     + (reasons.isEmpty ? "." : ": " + reasons.joined(separator: ", ") + "."))
        lines.append("  No data (gaps): \(duration(s.gapSeconds)); not worn: \(duration(s.notWornSeconds))"
                     + (s.uncalibratedSeconds > 0 ? "; uncalibrated: \(duration(s.uncalibratedSeconds))." : "."))
        if let line = ReportTraining.line(training) { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    /// Durations for people: 42 s, 12 min 05 s, 3 h 12 min.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return String(format: "%d min %02d s", s / 60, s % 60) }
        return String(format: "%d h %02d min", s / 3600, (s % 3600) / 60)
    }

    static func json(_ s: HistorySummary, period: ReportPeriod, zone: String, training: [TrainingRecord] = []) throws -> String {
        func ms(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
        func ms(_ d: [String: Double]) -> [String: Double] { d.mapValues { ms($0) } }
        let object: [String: Any] = [
            "period": period.label, "time_zone": zone, "from": iso(period.fromAt), "to": iso(period.toAt),
            "intervals": s.intervals,
            "upright_s": ms(s.uprightSeconds), "slumped_s": ms(s.slumpedSeconds), "slumped_by_kind_s": ms(s.slumpedSecondsByKind),
            "suppressed_s": ms(s.suppressedSeconds), "suppressed_by_reason_s": ms(s.suppressedSecondsByReason),
            "uncalibrated_s": ms(s.uncalibratedSeconds), "gap_s": ms(s.gapSeconds), "not_worn_s": ms(s.notWornSeconds),
            "worn_s": ms(s.wornSeconds), "upright_percent": s.uprightPercent.map { ms($0) as Any } ?? NSNull(),
            "slumps": s.slumps, "slumps_by_kind": s.slumpsByKind,
            "alerts": s.alerts, "repeats": s.repeats, "corrections": s.corrections, "exercises_done": s.exercisesDone,
            "longest_upright_s": ms(s.longestUprightSeconds),
            "median_correction_s": s.medianCorrectionSeconds.map { ms($0) as Any } ?? NSNull(),
            "training_s": ms(s.trainingSeconds), "training_days": ReportTraining.json(training),
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// The --json answer when there is no history at all: the stretch, no intervals, and why.
    static func emptyJSON(period: ReportPeriod, zone: String, message: String) throws -> String {
        let object: [String: Any] = ["period": period.label, "time_zone": zone, "from": iso(period.fromAt), "to": iso(period.toAt),
                                     "intervals": 0, "message": message]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    private static func iso(_ unixSeconds: Double) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: unixSeconds))
    }
}
