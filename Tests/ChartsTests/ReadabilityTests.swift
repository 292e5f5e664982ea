@testable import Charts
import Coach
import Testing

/// A long, busy day: every slump kind, every marker kind, blanks, on the whole day's axis.
private func busyDay(window: TimeWindow = .wholeDay) -> DayTimeline {
    let kinds = SlumpKind.allCases
    let minutes = (0..<600).map { i in
        var slumps = SlumpSeconds()
        if i % 40 < 5 { slumps[kinds[(i / 40) % kinds.count]] = 60 }
        return TimelineMinute(startSecond: Double(8 * 3600 + i * 60), lengthSeconds: 60, uprightSeconds: i % 40 < 5 ? 0 : 60,
                              slumpedSecondsByKind: slumps, gapSeconds: i % 97 == 0 ? 60 : 0, thoracicMeanDeg: Double(i % 30) - 5,
                              thoracicMinDeg: Double(i % 30) - 8, thoracicMaxDeg: Double(i % 30), headForwardMeanDeg: Double(i % 25))
    }
    let markers = (0..<30).map { TimelineMarker(atSecond: Double(8 * 3600 + $0 * 1200), kind: TimelineMarker.Kind.allCases[$0 % 3]) }
    return DayTimeline(dateLabel: "Wed 2026-12-02", uprightPercent: 71.5, minutes: minutes, markers: markers,
                       limits: AngleLimits(thoracicDeg: 15.5, headForwardDeg: 20), window: window)
}

private func fullWeek(targets: Bool) -> WeekBars {
    let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    return WeekBars(title: "Week of 2026-11-30",
                    days: names.enumerated().map { i, name in
                        WeekDay(label: name, dateLabel: "\(30 + i > 30 ? i : 30) \(i == 0 ? "Nov" : "Dec")",
                                uprightPercent: i == 2 ? nil : [100, 0, 0, 55.5, 99.6, 12, 70][i], wornSeconds: Double(i) * 5000 + 42)
                    },
                    targetPercents: targets ? Array(repeating: 60, count: 7) : nil)
}

/// The charts as a phone shows them: 390 px wide.
private let phoneWidth = 390.0

@Suite("Charts read on a phone")
struct ReadabilityTests {
    @Test("on a phone 390 px wide every text of the day chart is 11 px or larger, and no text runs off the picture",
          arguments: [TimeWindow.wholeDay, .fitted, .seconds(from: 32_400.0, to: 33_300.0)])
    func dayOnAPhone(window: TimeWindow) throws {
        let svg = try #require(ParsedSVG(busyDay(window: window).svg()))
        let smallest = try #require(svg.smallestTextPx(atDisplayWidth: phoneWidth))
        #expect(smallest >= 11, "smallest text \(smallest) px at \(phoneWidth) px wide")
        #expect(svg.textsBeyondViewBox.isEmpty, "beyond the viewBox: \(svg.textsBeyondViewBox)")
        #expect(svg.viewBox?.width == 480)
    }

    @Test("on a phone 390 px wide every text of the week chart is 11 px or larger, and no text runs off the picture",
          arguments: [false, true])
    func weekOnAPhone(targets: Bool) throws {
        let svg = try #require(ParsedSVG(fullWeek(targets: targets).svg()))
        let smallest = try #require(svg.smallestTextPx(atDisplayWidth: phoneWidth))
        #expect(smallest >= 11, "smallest text \(smallest) px at \(phoneWidth) px wide")
        #expect(svg.textsBeyondViewBox.isEmpty, "beyond the viewBox: \(svg.textsBeyondViewBox)")
        // Every day keeps its date and time worn (the short form: 3.1 h).
        #expect(svg.texts("date-label").count == 7 && svg.texts("worn-label") == ["42 s", "1.4 h", "4.2 h", "5.6 h", "7 h", "8.3 h"])
    }

    @Test("a month of bars and an empty day stay inside the picture too")
    func otherShapes() throws {
        let month = WeekBars(title: "2026-11-01 to 2026-12-01",
                             days: (0..<31).map { WeekDay(label: "\($0 + 1)", dateLabel: "\($0 + 1) Nov", uprightPercent: Double($0 * 3), wornSeconds: 9000) })
        let empty = DayTimeline(dateLabel: "2026-11-30", uprightPercent: nil, minutes: [], limits: AngleLimits(thoracicDeg: 15, headForwardDeg: 20))
        for text in [month.svg(), empty.svg()] {
            let svg = try #require(ParsedSVG(text))
            #expect((svg.smallestTextPx(atDisplayWidth: phoneWidth) ?? 0) >= 11)
            #expect(svg.textsBeyondViewBox.isEmpty, "beyond the viewBox: \(svg.textsBeyondViewBox)")
        }
    }

    @Test("the time axis's labels and the legend's labels do not run into each other")
    func labelsApart() throws {
        for window in [TimeWindow.wholeDay, .fitted, .seconds(from: 0.0, to: 18_060.0)] {
            let svg = try #require(ParsedSVG(busyDay(window: window).svg()))
            let times = svg.withClass("tick-label").filter { $0.text.contains(":") }.compactMap { $0.number("x") }
            // Five characters of 14-px text and a margin apart (written so Swift 6.2 type-checks it at once).
            let minimumGap: Double = 0.6 * 14 * 5 + 8
            let apart = zip(times, times.dropFirst()).allSatisfy { (pair: (Double, Double)) -> Bool in pair.1 - pair.0 >= minimumGap }
            #expect(times.count >= 2 && apart)
            // In each legend row, a label ends before the next item's swatch begins.
            let rows = Dictionary(grouping: svg.withClass("legend-label"), by: { $0.number("y") ?? 0 })
            for row in rows.values {
                let sorted = row.sorted { ($0.number("x") ?? 0) < ($1.number("x") ?? 0) }
                for (a, b) in zip(sorted, sorted.dropFirst()) {
                    let end = (a.number("x") ?? 0) + 0.6 * 14 * Double(a.text.count)
                    #expect(end <= (b.number("x") ?? 0) - Legend.labelOffsetPx, "\(a.text) runs into \(b.text)")
                }
            }
        }
    }

    @Test("the same input gives the same bytes")
    func deterministic() {
        #expect(busyDay().svg() == busyDay().svg())
        #expect(fullWeek(targets: true).svg() == fullWeek(targets: true).svg())
    }

    @Test("wrapping breaks at spaces within the width, and cuts a word wider than a line")
    func wrapping() {
        #expect(Design.wrapped("Posture on Mon 2026-11-30: upright 58% of worn time", size: 18, bold: true, width: 456)
            == ["Posture on Mon 2026-11-30: upright", "58% of worn time"])
        #expect(Design.wrapped("short", size: 14, width: 456) == ["short"])
        #expect(Design.wrapped(String(repeating: "x", count: 60), size: 14, width: 84) == Array(repeating: "xxxxxxxxxx", count: 6))
        #expect(Design.wrapped("", size: 14, width: 100) == [""])
    }
}
