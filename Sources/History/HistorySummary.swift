/// What a stretch of history adds up to (`plumbline report`). Seconds throughout.
public struct HistorySummary: Equatable, Sendable {
    /// The stretch, Unix seconds, start included, end excluded.
    public var fromAt: Double
    public var toAt: Double
    /// Intervals that started in the stretch.
    public var intervals = 0
    public var uprightSeconds = 0.0
    public var slumpedSeconds = 0.0
    /// Slump kind (`forward-head`, …) → seconds.
    public var slumpedSecondsByKind: [String: Double] = [:]
    public var suppressedSeconds = 0.0
    /// Suppression reason (`walking`, …) → seconds.
    public var suppressedSecondsByReason: [String: Double] = [:]
    /// Worn but not calibrated.
    public var uncalibratedSeconds = 0.0
    /// No data from the sensor.
    public var gapSeconds = 0.0
    /// The sensor was off the body.
    public var notWornSeconds = 0.0
    /// Worn time in training mode (what a training plan's daily target counts).
    public var trainingSeconds = 0.0
    /// Slumps that began (the coach went from anything else to slumping), and by kind.
    public var slumps = 0
    public var slumpsByKind: [String: Int] = [:]
    /// First alerts of a slump, reminders while it lasted, corrections after one.
    public var alerts = 0
    public var repeats = 0
    public var corrections = 0
    /// Exercises whose motion was seen (verified).
    public var exercisesDone = 0
    /// The longest stretch in the upright state.
    public var longestUprightSeconds = 0.0
    /// Median time from an alert to the correction that ended its slump; `nil` without one.
    public var medianCorrectionSeconds: Double?

    public init(fromAt: Double, toAt: Double) {
        self.fromAt = fromAt
        self.toAt = toAt
    }

    /// Time with the sensor on: upright, slumped, suppressed (walking, exercising, …) or uncalibrated.
    public var wornSeconds: Double { uprightSeconds + slumpedSeconds + suppressedSeconds + uncalibratedSeconds }

    /// Upright time as a percentage of worn time; `nil` when nothing was worn.
    public var uprightPercent: Double? { wornSeconds > 0 ? 100 * uprightSeconds / wornSeconds : nil }

    /// Whether the stretch holds no history at all.
    public var isEmpty: Bool { intervals == 0 }
}

extension HistorySummary {
    /// From a session's events in time order (`at`, `kind`, `state`, `slump`), the session ending
    /// at `endAt`, all clipped to the stretch: the longest run of `upright` states, the slumps that
    /// began (each by the kind of its first alert, else the kind it began as), and the times from an
    /// alert to its correction, which it returns.
    mutating func addTimeline(_ events: [TimelineEvent], endAt: Double?) -> [Double] {
        var uprightSince: Double?
        var alertAt: Double?
        var slump: (at: Double, kind: String, alerted: Bool)?
        var corrections: [Double] = []
        func closeStreak(at t: Double) {
            guard let since = uprightSince else { return }
            longestUprightSeconds = max(longestUprightSeconds, min(t, toAt) - max(since, fromAt))
            uprightSince = nil
        }
        func closeSlump() {
            guard let s = slump, s.at >= fromAt, s.at < toAt else { slump = nil; return }
            slumps += 1
            slumpsByKind[s.kind, default: 0] += 1
            slump = nil
        }
        for e in events {
            switch e.kind {
            case "state":
                if e.state == "upright" { if uprightSince == nil { uprightSince = e.at } } else { closeStreak(at: e.at) }
                if e.state == "slumping" {
                    closeSlump()
                    slump = (e.at, e.slump ?? "unknown", false)
                } else if e.state != "alerted" {
                    closeSlump()
                }
            case "slump":
                alertAt = e.at
                if let s = slump, !s.alerted { slump = (s.at, e.slump ?? s.kind, true) }
            case "corrected":
                if let a = alertAt, e.at >= fromAt, e.at < toAt { corrections.append(e.at - a) }
                alertAt = nil
            default:
                break
            }
        }
        if let endAt { closeStreak(at: endAt) }
        closeSlump()
        return corrections
    }

    /// The median of `values`; `nil` for none.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// What the summary reads of one event.
struct TimelineEvent {
    var at: Double
    var kind: String
    var state: String
    var slump: String?
}
