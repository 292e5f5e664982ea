import Foundation
import History
import Testing

@Suite("Report periods")
struct ReportPeriodTests {
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    @Test("a day runs from local midnight to the next, 23 or 25 hours when the clocks change")
    func days() throws {
        let day = try ReportPeriod.day("2026-11-30", timeZone: berlin)
        #expect(day.fromAt == 1_795_993_200)  // 2026-11-29T23:00:00Z
        #expect(day.toAt - day.fromAt == 86_400 && day.label == "2026-11-30")
        let spring = try ReportPeriod.day("2026-03-29", timeZone: berlin), autumn = try ReportPeriod.day("2026-10-25", timeZone: berlin)
        #expect(spring.toAt - spring.fromAt == 23 * 3600)
        #expect(autumn.toAt - autumn.fromAt == 25 * 3600)
        let utc = try ReportPeriod.day("2026-11-30", timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.fromAt - day.fromAt == 3600)
    }

    @Test("today is the day that holds now, in the zone given")
    func today() throws {
        let now = Date(timeIntervalSince1970: 1_795_996_800 + 3 * 3600)  // 2026-11-30T03:00Z
        let tokyo = try ReportPeriod.day(nil, now: now, timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        #expect(tokyo.label == "2026-11-30" && tokyo.fromAt <= now.timeIntervalSince1970 && now.timeIntervalSince1970 < tokyo.toAt)
        let hawaii = try ReportPeriod.day(nil, now: now, timeZone: TimeZone(identifier: "Pacific/Honolulu")!)
        #expect(hawaii.label == "2026-11-29")
    }

    @Test("a week runs Monday to Sunday around the date")
    func week() throws {
        let week = try ReportPeriod.week("2026-12-03", timeZone: berlin)  // a Thursday
        #expect(week.label == "week of 2026-11-30")
        #expect(week.toAt - week.fromAt == 7 * 86_400)
        let monday = try ReportPeriod.day("2026-11-30", timeZone: berlin)
        #expect(week.fromAt == monday.fromAt)
    }

    @Test("from and to take dates (the last day whole) and ISO times; the wrong way round is refused")
    func ranges() throws {
        let r = try ReportPeriod.range(from: "2026-11-01", to: "2026-11-30", timeZone: berlin)
        let next = try ReportPeriod.day("2026-12-01", timeZone: berlin)
        #expect(r.toAt == next.fromAt)
        let t = try ReportPeriod.range(from: "2026-11-30T09:00:00Z", to: "2026-11-30T17:30:00+01:00", timeZone: berlin)
        #expect(t.toAt - t.fromAt == 7.5 * 3600)
        #expect(throws: ReportPeriod.Problem.self) { try ReportPeriod.range(from: "2026-11-30", to: "2026-11-01", timeZone: berlin) }
    }

    @Test("dates that do not exist are refused with the form to use", arguments: ["2026-02-30", "30.11.2026", "2026-13-01", "tomorrow", ""])
    func badDates(text: String) {
        #expect {
            _ = try ReportPeriod.day(text, timeZone: berlin)
        } throws: { error in
            "\(error)".contains("YYYY-MM-DD")
        }
    }
}
