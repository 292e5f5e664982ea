import Coach
import Foundation
import GRDB

/// One day of a training plan, from the history.
public struct TrainingRecord: Equatable, Sendable {
    /// The day, YYYY-MM-DD in the report's time zone.
    public var day: String
    /// Its local midnight and the next one, Unix seconds.
    public var fromAt: Double
    public var toAt: Double
    /// Worn time in training mode that day, and the day's target, in seconds.
    public var trainedSeconds: Double
    public var targetSeconds: Double

    public var isMet: Bool { trainedSeconds >= targetSeconds }
}

extension HistoryStore {
    /// The training plan's days from the first day with training time in the history up to and
    /// including the day that holds `at` (Unix seconds), with each day's target as `plan` sets it.
    /// Empty when nothing was trained before `at`'s day ends; the plan then starts on `at`'s day.
    public func trainingDays(through at: Double, plan: TrainingPlan, timeZone: TimeZone) throws(HistoryError) -> [TrainingRecord] {
        let calendar = ReportPeriod.calendar(timeZone)
        let lastDay = calendar.startOfDay(for: Date(timeIntervalSince1970: at))
        let end = calendar.date(byAdding: .day, value: 1, to: lastDay) ?? lastDay.addingTimeInterval(86_400)
        let rows: [(Double, Double)] = try read("read the training plan from") { db in
            // Summed per quarter hour (every zone's midnight falls on one): a year is 35,040 rows
            // at most, not one per interval.
            try Row.fetchAll(db, sql: """
                SELECT CAST(start_at / 900 AS INTEGER) * 900.0 AS quarter, total(training_s) FROM interval
                WHERE training_s > 0 AND start_at < ? GROUP BY quarter ORDER BY quarter
                """, arguments: [end.timeIntervalSince1970]).map { ($0[0], $0[1]) }
        }
        let first = rows.first.map { calendar.startOfDay(for: Date(timeIntervalSince1970: $0.0)) } ?? lastDay
        var records: [TrainingRecord] = []
        var day = first
        var index = 0
        while day <= lastDay {
            let next = calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
            var trained = 0.0
            while index < rows.count, rows[index].0 < next.timeIntervalSince1970 {
                trained += rows[index].1
                index += 1
            }
            records.append(TrainingRecord(day: ReportPeriod.text(day, calendar), fromAt: day.timeIntervalSince1970, toAt: next.timeIntervalSince1970,
                                          trainedSeconds: trained, targetSeconds: 0))
            day = next
        }
        for (i, target) in plan.targets(trainedSeconds: records.map(\.trainedSeconds)).enumerated() {
            records[i].targetSeconds = target
        }
        return records
    }
}
