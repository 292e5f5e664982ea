import Charts
import Testing

private let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

private func week(_ percents: [Double?], targets: [Double?]? = nil) -> WeekBars {
    WeekBars(title: "Week of 2026-11-30",
             days: zip(names, percents).enumerated().map { i, day in
                 WeekDay(label: day.0, dateLabel: "\(30 + i) Nov", uprightPercent: day.1, wornSeconds: day.1 == nil ? 0 : 3 * 3600)
             },
             targetPercents: targets)
}

@Suite("Week bars chart")
struct WeekBarsTests {
    @Test("one bar per day with data, labelled with its value; days without data are empty and say so")
    func barsAndEmptyDays() throws {
        let svg = try #require(ParsedSVG(week([55, 61.6, nil, 70, 100, nil, 0]).svg()))
        #expect(svg.withClass("bar").count == 5)
        #expect(svg.texts("value-label") == ["55%", "62%", "70%", "100%", "0%"])
        #expect(svg.withClass("no-data-day").count == 2 && svg.texts("no-data-label") == ["no data", "no data"])
        #expect(svg.texts("day-label") == names)
        #expect(svg.withClass("target").isEmpty && !svg.texts("legend-label").contains("target"))
        #expect(svg.texts("title") == ["Week of 2026-11-30"])
        #expect(svg.texts.allSatisfy { ($0.number("font-size") ?? 0) >= 14 })
        // Each day's time worn, short enough to fit under its bar on a phone.
        #expect(svg.texts("worn-label") == ["3 h", "3 h", "3 h", "3 h", "3 h"] && svg.texts("row-label") == ["worn"])
    }

    @Test("a bar of 50% reaches halfway up the plot; a bar of 100% reaches its top")
    func barHeights() throws {
        let svg = try #require(ParsedSVG(week([50, 100, 0, 25, 75, 10, 90]).svg()))
        let bars = svg.withClass("bar"), box = try #require(svg.plotBox)
        #expect(bars[0].number("y") == (box.top + box.bottom) / 2 && bars[0].number("height") == (box.bottom - box.top) / 2)
        #expect(bars[1].number("y") == box.top && bars[2].number("height") == 0)
        // Monday's bar is centred in the first seventh of the plot.
        let x = try #require(bars[0].number("x")), width = try #require(bars[0].number("width"))
        #expect(abs(x + width / 2 - (box.left + (box.right - box.left) / 14)) <= 0.1)
    }

    @Test("a target series draws one line per day that has one, at its height, and a legend item; nil draws nothing")
    func targets() throws {
        let svg = try #require(ParsedSVG(week([50, 60, nil, 70, 80, 90, 95], targets: [60, 60, 65, nil, 70]).svg()))
        let lines = svg.withClass("target"), box = try #require(svg.plotBox)
        #expect(lines.count == 4)
        #expect(abs((lines[0].number("y1") ?? 0) - (box.bottom - 0.6 * (box.bottom - box.top))) <= 0.05)
        #expect(svg.texts("legend-label").contains("target"))
        let none = try #require(ParsedSVG(week([50, 60, nil, 70, 80, 90, 95], targets: [nil, nil]).svg()))
        #expect(none.withClass("target").isEmpty)
    }

    @Test("a month of days keeps its labels apart and every value finite")
    func manyDays() throws {
        let days = (0..<31).map { WeekDay(label: "\($0 + 1)", uprightPercent: $0 % 5 == 0 ? nil : Double($0 * 3), wornSeconds: 60) }
        let text = WeekBars(title: "November", days: days).svg()
        let svg = try #require(ParsedSVG(text))
        let xs = svg.withClass("day-label").compactMap { $0.number("x") }
        #expect(zip(xs, xs.dropFirst()).allSatisfy { $1 - $0 >= 44 })
        #expect(svg.withClass("bar").count == 24 && !text.lowercased().contains("nan"))
    }

    @Test("an empty week is seven empty days")
    func emptyWeek() throws {
        let svg = try #require(ParsedSVG(week(Array(repeating: nil, count: 7)).svg()))
        #expect(svg.withClass("bar").isEmpty && svg.withClass("no-data-day").count == 7)
        #expect(svg.texts("subtitle").joined(separator: " ").contains("0 of 7 days with data, 0 s worn"))
    }
}

@Suite("Week chart: the training plan's row")
struct WeekPlanRowTests {
    @Test("a day's minutes coached of its target, ✓ and green when met; no row without a plan")
    func planRow() throws {
        let days = [WeekDay(label: "Mon", uprightPercent: 50, wornSeconds: 600, training: TrainingProgress(trainedSeconds: 300, targetSeconds: 300)),
                    WeekDay(label: "Tue", uprightPercent: 40, wornSeconds: 400, training: TrainingProgress(trainedSeconds: 390, targetSeconds: 420)),
                    WeekDay(label: "Wed", uprightPercent: nil, training: TrainingProgress(trainedSeconds: 0, targetSeconds: 420))]
        let svg = WeekBars(title: "Week", days: days).svg()
        #expect(svg.contains(">5/5✓</text>") && svg.contains(">6/7</text>") && svg.contains(">0/7</text>"))
        let met = try #require(svg.split(separator: "\n").first { $0.contains(">5/5✓<") })
        #expect(met.contains("#009E73"))
        #expect(svg.contains(">plan</text>"))
        let none = WeekBars(title: "Week", days: days.map { WeekDay(label: $0.label, uprightPercent: $0.uprightPercent, wornSeconds: $0.wornSeconds) }).svg()
        #expect(!none.contains(">plan</text>") && !none.contains("✓"))
    }
}
