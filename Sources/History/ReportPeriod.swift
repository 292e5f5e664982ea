import Foundation

/// The stretch of time a report covers, in Unix seconds (start included, end excluded), with days
/// that begin at local midnight in `timeZone` (23 or 25 hours on the days the clocks change).
public struct ReportPeriod: Equatable, Sendable {
    public var fromAt: Double
    public var toAt: Double
    /// For people: "2026-11-30", "week of 2026-11-30", "2026-11-01 to 2026-11-30".
    public var label: String

    /// A date or time the report could not read: what was given and what is expected.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The day `date` (YYYY-MM-DD; today when `nil`).
    public static func day(_ date: String?, now: Date = Date(), timeZone: TimeZone) throws(Problem) -> ReportPeriod {
        let calendar = Self.calendar(timeZone)
        let start = try date.map { d throws(Problem) in try midnight(d, calendar) } ?? calendar.startOfDay(for: now)
        let end = calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
        return ReportPeriod(fromAt: start.timeIntervalSince1970, toAt: end.timeIntervalSince1970, label: text(start, calendar))
    }

    /// The week, Monday to Sunday, that holds `date` (this week when `nil`).
    public static func week(_ date: String?, now: Date = Date(), timeZone: TimeZone) throws(Problem) -> ReportPeriod {
        var calendar = Self.calendar(timeZone)
        calendar.firstWeekday = 2
        let day = try date.map { d throws(Problem) in try midnight(d, calendar) } ?? calendar.startOfDay(for: now)
        let start = calendar.dateInterval(of: .weekOfYear, for: day)?.start ?? day
        let end = calendar.date(byAdding: .day, value: 7, to: start) ?? start.addingTimeInterval(7 * 86_400)
        return ReportPeriod(fromAt: start.timeIntervalSince1970, toAt: end.timeIntervalSince1970,
                            label: "week of \(text(start, calendar))")
    }

    /// From `from` to `to`: each a date (a `to` date includes its whole day) or an ISO 8601 time.
    public static func range(from: String, to: String, timeZone: TimeZone) throws(Problem) -> ReportPeriod {
        let calendar = Self.calendar(timeZone)
        let start = try instant(from, calendar, endOfDay: false), end = try instant(to, calendar, endOfDay: true)
        guard end > start else {
            throw Problem(description: "--to \(to) is not after --from \(from): give the earlier time first")
        }
        return ReportPeriod(fromAt: start.timeIntervalSince1970, toAt: end.timeIntervalSince1970, label: "\(from) to \(to)")
    }

    /// An ISO 8601 time (`2026-11-30T09:00:00Z`, `2026-11-30T09:00:00+01:00`, or without a zone:
    /// local in `timeZone`).
    public static func time(_ text: String, timeZone: TimeZone) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
                                                      [.withFullDate, .withTime, .withColonSeparatorInTime]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private static func midnight(_ text: String, _ calendar: Calendar) throws(Problem) -> Date {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2], (1...12).contains(m), (1...31).contains(d),
              let date = calendar.date(from: DateComponents(year: y, month: m, day: d)),
              calendar.component(.day, from: date) == d
        else {
            throw Problem(description: "`\(text)` is not a date: write it YYYY-MM-DD, e.g. 2026-11-30")
        }
        return calendar.startOfDay(for: date)
    }

    private static func instant(_ text: String, _ calendar: Calendar, endOfDay: Bool) throws(Problem) -> Date {
        if let time = time(text, timeZone: calendar.timeZone) { return time }
        do {
            let day = try midnight(text, calendar)
            return endOfDay ? calendar.date(byAdding: .day, value: 1, to: day) ?? day : day
        } catch {
            throw Problem(description: "`\(text)` is neither a date (YYYY-MM-DD) nor an ISO 8601 time (2026-11-30T09:00:00Z)")
        }
    }

    /// The day as YYYY-MM-DD.
    static func text(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
