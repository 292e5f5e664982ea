import Coach
import Foundation
import GRDB
@testable import History
import Testing

@Suite("Training plan days from the store")
struct TrainingHistoryTests {
    /// An interval of `training` seconds trained starting at `at` (Unix seconds).
    private func trained(_ training: Double, at: Double) -> HistoryInterval {
        var t = times(upright: 60)
        t.trainingSeconds = training
        return HistoryInterval(startAt: at, endAt: at + 60, times: t)
    }

    @Test("days split at local midnight, half-hour zones included; each day's target follows the days before; days without training in between count as missed")
    func days() throws {
        let temp = TemporaryStore()
        defer { temp.remove() }
        let store = try HistoryStore.open(path: temp.path)
        let id = try store.beginSession(session, calibrations: [])
        // Kolkata is UTC+5:30: 2026-11-30 ends at 18:30 UTC.
        let midnight = try #require(ReportPeriod.time("2026-11-30T18:30:00Z", timeZone: .gmt)).timeIntervalSince1970
        try store.append(trained(60, at: midnight - 60), events: [], session: id)  // 2026-11-30
        try store.append(trained(50, at: midnight), events: [], session: id)  // 2026-12-01
        try store.append(trained(70, at: midnight + 86_400 * 2 + 30), events: [], session: id)  // 2026-12-03
        let zone = try #require(TimeZone(identifier: "Asia/Kolkata"))
        let plan = TrainingPlan(startMinutes: 1, stepMinutes: 1, capMinutes: 10)
        let days = try store.trainingDays(through: midnight + 86_400 * 3 + 10, plan: plan, timeZone: zone)
        #expect(days.map(\.day) == ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"])
        #expect(days.map(\.trainedSeconds) == [60, 50, 0, 70, 0])
        #expect(days.map(\.targetSeconds) == [60, 120, 120, 120, 120])
        #expect(days.map(\.isMet) == [true, false, false, false, false])
        // Nothing trained yet: the plan starts on the day asked for.
        let empty = try HistoryStore.open(path: temp.directory + "/empty.db")
        let first = try empty.trainingDays(through: midnight, plan: plan, timeZone: zone)
        #expect(first.count == 1 && first[0].day == "2026-12-01" && first[0].targetSeconds == 60)
    }

    @Test("a store written before training time was kept (migration v1) opens, gains the column at 0, and keeps its intervals")
    func migratesFromV1() throws {
        let temp = TemporaryStore()
        defer { temp.remove() }
        do {
            let queue = try DatabaseQueue(path: temp.path)
            try HistorySchema.migrator.migrate(queue, upTo: "v1: sessions, calibrations, intervals, events")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO session (started_at, source, resolution_s, mode) VALUES (1000, 'old', 60, 'training')")
                try db.execute(sql: """
                    INSERT INTO interval (session_id, start_at, end_at, upright_s, slumped_s, suppressed_s, uncalibrated_s, gap_s, not_worn_s)
                    VALUES (1, 1000, 1060, 60, 0, 0, 0, 0, 0)
                    """)
            }
        }
        let store = try HistoryStore.open(path: temp.path)
        let summary = try store.summary(fromAt: 0, toAt: 2_000)
        #expect(summary.intervals == 1 && summary.uprightSeconds == 60 && summary.trainingSeconds == 0)
        #expect(try store.integrityProblems().isEmpty)
    }
}
