import Coach
import GRDB

extension HistoryStore {
    /// Sums the history from `fromAt` to `toAt` (Unix seconds, end excluded): intervals by their
    /// start, events by their time.
    public func summary(fromAt: Double, toAt: Double) throws(HistoryError) -> HistorySummary {
        try read("read") { db in
            var s = HistorySummary(fromAt: fromAt, toAt: toAt)
            let range: StatementArguments = [fromAt, toAt]
            if let row = try Row.fetchOne(db, sql: """
                SELECT count(*), total(upright_s), total(slumped_s), total(suppressed_s), total(uncalibrated_s),
                       total(gap_s), total(not_worn_s), total(training_s) FROM interval WHERE start_at >= ? AND start_at < ?
                """, arguments: range) {
                s.intervals = row[0]
                (s.uprightSeconds, s.slumpedSeconds, s.suppressedSeconds) = (row[1], row[2], row[3])
                (s.uncalibratedSeconds, s.gapSeconds, s.notWornSeconds) = (row[4], row[5], row[6])
                s.trainingSeconds = row[7]
            }
            s.slumpedSecondsByKind = try Self.sums(db, table: "interval_slump", key: "kind", range)
            s.suppressedSecondsByReason = try Self.sums(db, table: "interval_suppressed", key: "reason", range)
            for row in try Row.fetchAll(db, sql: """
                SELECT kind, count(*) FROM event WHERE at >= ? AND at < ? GROUP BY kind
                """, arguments: range) {
                let kind: String = row[0], n: Int = row[1]
                switch kind {
                case "slump": s.alerts += n
                case "repeat": s.repeats += n
                case "corrected": s.corrections += n
                case "exercise-done": s.exercisesDone += n
                default: break
                }
            }
            try Self.addTimelines(db, to: &s)
            return s
        }
    }

    private static func sums(_ db: Database, table: String, key: String, _ range: StatementArguments) throws -> [String: Double] {
        var result: [String: Double] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT t.\(key), total(t.seconds) FROM \(table) t JOIN interval i ON i.id = t.interval_id
            WHERE i.start_at >= ? AND i.start_at < ? GROUP BY t.\(key)
            """, arguments: range) {
            result[row[0]] = row[1]
        }
        return result
    }

    /// Streaks, slumps and correction times, session by session (a slump alerted before the
    /// stretch and corrected in it counts; streaks are clipped to the stretch; slumps count where
    /// they began).
    private static func addTimelines(_ db: Database, to s: inout HistorySummary) throws {
        let sessions = try Row.fetchAll(db, sql: """
            SELECT id, ended_at FROM session WHERE started_at < ? AND coalesce(ended_at, started_at) >= ?
            """, arguments: [s.toAt, s.fromAt])
        var corrections: [Double] = []
        for session in sessions {
            let id: Int64 = session[0]
            let events = try Row.fetchAll(db, sql: """
                SELECT at, kind, state, slump FROM event WHERE session_id = ? AND kind IN ('state', 'slump', 'corrected')
                  AND at < ? ORDER BY at, id
                """, arguments: [id, s.toAt]).map { TimelineEvent(at: $0[0], kind: $0[1], state: $0[2], slump: $0[3]) }
            corrections += s.addTimeline(events, endAt: session[1])
        }
        s.medianCorrectionSeconds = HistorySummary.median(corrections)
    }
}

extension HistoryStore {
    /// The intervals that started from `fromAt` to `toAt` (Unix seconds, end excluded), in time
    /// order, with their times by kind and reason.
    public func intervals(fromAt: Double, toAt: Double) throws(HistoryError) -> [HistoryInterval] {
        try read("read") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, start_at, end_at, upright_s, slumped_s, suppressed_s, uncalibrated_s, gap_s, not_worn_s,
                       thoracic_mean_deg, thoracic_max_deg, thoracic_min_deg, head_forward_mean_deg, head_forward_max_deg
                FROM interval WHERE start_at >= ? AND start_at < ? ORDER BY start_at, id
                """, arguments: [fromAt, toAt])
            return try rows.map { row in
                var t = CoachTallies()
                (t.uprightSeconds, t.slumpedSeconds, t.suppressedSeconds) = (row[3], row[4], row[5])
                (t.uncalibratedSeconds, t.gapSeconds) = (row[6], row[7])
                let id: Int64 = row[0]
                for r in try Row.fetchAll(db, sql: "SELECT kind, seconds FROM interval_slump WHERE interval_id = ?", arguments: [id]) {
                    if let kind = SlumpKind(rawValue: r[0]) { t.slumpedSecondsByKind[kind] = r[1] }
                }
                for r in try Row.fetchAll(db, sql: "SELECT reason, seconds FROM interval_suppressed WHERE interval_id = ?", arguments: [id]) {
                    if let reason = SuppressionReason(rawValue: r[0]) { t.suppressedSecondsByReason[reason] = r[1] }
                }
                let angles = IntervalAngles(thoracicMeanDeg: row[9], thoracicMaxDeg: row[10], thoracicMinDeg: row[11],
                                            headForwardMeanDeg: row[12], headForwardMaxDeg: row[13])
                t.notWornSeconds = row[8]
                return HistoryInterval(startAt: row[1], endAt: row[2], times: t, angles: angles)
            }
        }
    }
}
