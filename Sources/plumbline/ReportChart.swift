// The report's pictures from the history: the day timeline, and bars of upright percent per day.
import Charts
import Coach
import Foundation
import History

enum ReportChart {
    /// The day chart of `period` (one day, or a stretch inside one): its rows, the coach's alerts,
    /// corrections and exercises, the limits the coach used. Times are placed by the wall clock of
    /// `zone` (on the days the clocks change, 10:00 is still drawn at 10:00).
    static func day(_ store: HistoryStore, period: ReportPeriod, zone: TimeZone, label: String, limits: AngleLimits,
                    window: TimeWindow = .fitted) throws(HistoryError) -> DayTimeline {
        let midnight = calendar(zone).startOfDay(for: Date(timeIntervalSince1970: period.fromAt))
        let clock = WallClock(midnight: midnight, zone: zone)
        let summary = try store.summary(fromAt: period.fromAt, toAt: period.toAt)
        let minutes = try settlingHeldTime(store.intervals(fromAt: period.fromAt, toAt: period.toAt)).map { minute($0, clock: clock) }
        let markers = try store.events(fromAt: period.fromAt, toAt: period.toAt).compactMap { event -> TimelineMarker? in
            let kind: TimelineMarker.Kind? = switch event.kind {
            case "slump": .alert
            case "corrected": .correction
            case "exercise-done": .exercise
            default: nil
            }
            return kind.map { TimelineMarker(atSecond: clock.seconds(event.at), kind: $0) }
        }
        return DayTimeline(dateLabel: label, uprightPercent: summary.uprightPercent, minutes: minutes, markers: markers,
                           limits: limits, window: window)
    }

    /// Seconds since local midnight as the wall clock shows them.
    struct WallClock {
        let midnight: Date
        let zone: TimeZone

        func seconds(_ unixSeconds: Double) -> Double {
            let date = Date(timeIntervalSince1970: unixSeconds)
            let shift = zone.secondsFromGMT(for: date) - zone.secondsFromGMT(for: midnight)
            return date.timeIntervalSince(midnight) + Double(shift)
        }
    }

    /// The coach holds back the time a sensor lies motionless until it knows whether it was worn;
    /// when it was not, all of it is written as not worn in the interval that settled it, and the
    /// intervals before are short of that time. Put it back where it was: each earlier interval's
    /// missing seconds, walking back over contiguous intervals, become not worn.
    static func settlingHeldTime(_ intervals: [HistoryInterval]) -> [HistoryInterval] {
        var rows = intervals
        for i in rows.indices {
            var excess = rows[i].times.totalSeconds - (rows[i].endAt - rows[i].startAt)
            var j = i - 1
            while excess > 0.001, j >= 0, rows[j + 1].startAt - rows[j].endAt < 1 {
                let missing = (rows[j].endAt - rows[j].startAt) - rows[j].times.totalSeconds
                let moved = min(max(missing, 0), excess)
                rows[j].notWornSeconds += moved
                rows[i].notWornSeconds -= moved
                excess -= moved
                j -= 1
            }
        }
        return rows
    }

    static func minute(_ i: HistoryInterval, clock: WallClock) -> TimelineMinute {
        let t = i.times
        return TimelineMinute(startSecond: clock.seconds(i.startAt), lengthSeconds: max(t.totalSeconds, i.endAt - i.startAt),
                              uprightSeconds: t.uprightSeconds, slumpedSecondsByKind: t.slumpedSecondsByKind,
                              otherWornSeconds: t.suppressedSeconds + t.uncalibratedSeconds, gapSeconds: t.gapSeconds,
                              notWornSeconds: i.notWornSeconds, thoracicMeanDeg: i.angles.thoracicMeanDeg,
                              thoracicMinDeg: i.angles.thoracicMinDeg, thoracicMaxDeg: i.angles.thoracicMaxDeg,
                              headForwardMeanDeg: i.angles.headForwardMeanDeg)
    }

    /// One bar per local day of `period` (Monday to Sunday for a week), with no targets yet (the
    /// training plan will give them).
    static func days(_ store: HistoryStore, period: ReportPeriod, title: String, zone: TimeZone,
                     training: [TrainingRecord] = []) throws(HistoryError) -> WeekBars {
        var days: [WeekDay] = []
        for (start, end) in dayBounds(period, zone: zone) {
            let s = try store.summary(fromAt: start.timeIntervalSince1970, toAt: end.timeIntervalSince1970)
            let (weekday, date) = labels(start, zone: zone)
            let plan = training.first { $0.fromAt <= start.timeIntervalSince1970 && start.timeIntervalSince1970 < $0.toAt }
            days.append(WeekDay(label: weekday, dateLabel: date, uprightPercent: s.uprightPercent, wornSeconds: s.wornSeconds,
                                training: plan.map { TrainingProgress(trainedSeconds: $0.trainedSeconds, targetSeconds: $0.targetSeconds) }))
        }
        return WeekBars(title: title, days: days)
    }

    /// The local days that `period` touches, each clipped to it.
    static func dayBounds(_ period: ReportPeriod, zone: TimeZone) -> [(Date, Date)] {
        let calendar = calendar(zone), end = Date(timeIntervalSince1970: period.toAt)
        var day = calendar.startOfDay(for: Date(timeIntervalSince1970: period.fromAt))
        var result: [(Date, Date)] = []
        while day < end && result.count < 400 {
            let next = calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
            result.append((max(day, Date(timeIntervalSince1970: period.fromAt)), min(next, end)))
            day = next
        }
        return result
    }

    /// `Mon` and `30 Nov` (English, whatever the locale: the rest of the report is English too).
    static func labels(_ date: Date, zone: TimeZone) -> (String, String) {
        let c = calendar(zone).dateComponents([.weekday, .day, .month], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return (weekdays[((c.weekday ?? 1) - 1) % 7], "\(c.day ?? 0) \(months[((c.month ?? 1) - 1) % 12])")
    }

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
