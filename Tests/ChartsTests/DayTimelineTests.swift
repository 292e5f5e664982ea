import Charts
import Coach
import Testing

private let limits = AngleLimits(thoracicDeg: 15, headForwardDeg: 20)

/// A worn minute starting `minute` minutes after midnight, upright unless `slumps` says otherwise.
private func minute(_ minute: Double, thoracic: Double? = 5, head: Double? = 8, slumps: [SlumpKind: Double] = [:],
                    gap: Double = 0, notWorn: Double = 0) -> TimelineMinute {
    var bySlump = SlumpSeconds()
    for (kind, s) in slumps { bySlump[kind] = s }
    let slumped = slumps.values.reduce(0, +)
    return TimelineMinute(startSecond: minute * 60, lengthSeconds: 60, uprightSeconds: max(0, 60 - slumped - gap - notWorn),
                          slumpedSecondsByKind: bySlump, gapSeconds: gap, notWornSeconds: notWorn,
                          thoracicMeanDeg: thoracic, thoracicMinDeg: thoracic.map { $0 - 2 }, thoracicMaxDeg: thoracic.map { $0 + 3 },
                          headForwardMeanDeg: head)
}

private func parsed(_ day: DayTimeline) throws -> ParsedSVG {
    try #require(ParsedSVG(day.svg()), "not well-formed:\n\(day.svg())")
}

private func plot(_ svg: ParsedSVG) throws -> (left: Double, right: Double, top: Double, bottom: Double) {
    try #require(svg.plotBox, "no axes")
}

/// The points of a path's `d` (M and L commands only).
private func points(_ d: String) -> [(Double, Double)] {
    d.split(whereSeparator: { $0 == "M" || $0 == "L" }).compactMap { part in
        let xy = part.split(separator: " ").compactMap { Double($0.prefix { $0 != "h" }) }
        return xy.count == 2 ? (xy[0], xy[1]) : nil
    }
}

@Suite("Day timeline chart")
struct DayTimelineTests {
    @Test("a constructed morning has one shaded rect per stretch of a slump kind, one marker per event, and parses")
    func constructedDay() throws {
        let nine = 9.0 * 60
        var minutes = (0..<20).map { minute(nine + Double($0)) }
        minutes[3] = minute(nine + 3, thoracic: 22, slumps: [.upperBackRounding: 60])
        minutes[4] = minute(nine + 4, thoracic: 21, slumps: [.upperBackRounding: 40, .collapsedTrunk: 20])
        minutes[10] = minute(nine + 10, head: 28, slumps: [.forwardHead: 45])
        let markers = [TimelineMarker(atSecond: (nine + 3.5) * 60, kind: .alert), TimelineMarker(atSecond: (nine + 5) * 60, kind: .correction),
                       TimelineMarker(atSecond: (nine + 10.5) * 60, kind: .alert), TimelineMarker(atSecond: (nine + 12) * 60, kind: .exercise)]
        let day = DayTimeline(dateLabel: "2026-11-30", uprightPercent: 82.4, minutes: minutes, markers: markers, limits: limits)
        let svg = try parsed(day)
        let box = try plot(svg)
        // The slump over 09:03 and the first 40 s of 09:04 is one stretch; the collapsed trunk follows it.
        #expect(svg.withClass("slump").count == 3)
        let upperBack = svg.withClass("slump-upper-back-rounding")
        #expect(upperBack.count == 1)
        #expect(abs((upperBack.first?.number("width") ?? 0) - 100.0 / 1200 * (box.right - box.left)) <= 0.1)
        #expect(svg.withClass("slump-collapsed-trunk").count == 1 && svg.withClass("slump-forward-head").count == 1)
        #expect(svg.withClass("marker-alert").count == 2)
        #expect(svg.withClass("marker-correction").count == 1 && svg.withClass("marker-exercise").count == 1)
        #expect(svg.withClass("thoracic").count == 1 && svg.withClass("head-forward").count == 1)
        #expect(points(svg.withClass("thoracic")[0].attributes["d"] ?? "").count == 20)
        #expect(svg.withClass("limit").count == 2)
        #expect(svg.withClass("blank").isEmpty)
        #expect(svg.texts("title").joined(separator: " ") == "Posture on 2026-11-30: upright 82% of worn time")
        // The axis is fitted to 09:00–09:20, every 5 minutes.
        #expect(svg.texts("tick-label").filter { $0.contains(":") } == ["09:00", "09:05", "09:10", "09:15", "09:20"])
        // Every slump kind, the blanks and the markers are in the legend.
        let legend = svg.texts("legend-label")
        #expect(svg.texts("legend-heading") == ["Slumped (shaded), by kind:"])
        #expect(legend.contains("upper-back rounding") && legend.contains("long still sitting") && legend.contains("not worn") && legend.contains("no data"))
        #expect(legend.contains("alert") && legend.contains("corrected") && legend.contains("exercise done"))
        #expect(legend.contains("upper-back limit 15°") && legend.contains("head limit 20°"))
        // Fonts are 14 px or larger at the design size, 480 px wide; the picture scales, in a browser up to 640 px.
        #expect(svg.texts.allSatisfy { ($0.number("font-size") ?? 0) >= 14 })
        #expect(svg.elements.first?.attributes["width"] == "100%" && svg.viewBox?.width == 480)
        #expect(svg.elements.first?.attributes["style"] == "max-width:640px")
    }

    @Test("12:00 is the middle of a whole-day plot, and a mean of 20° sits at its place on the angle axis")
    func placesValues() throws {
        let noon = TimelineMinute(startSecond: 12 * 3600 - 30, lengthSeconds: 60, uprightSeconds: 60, thoracicMeanDeg: 20)
        let day = DayTimeline(dateLabel: "2026-11-30", uprightPercent: 100, minutes: [noon], limits: limits, window: .wholeDay)
        let svg = try parsed(day)
        let box = try plot(svg), middle = (box.left + box.right) / 2
        // Six intervals at most, so the labels stay apart on a phone: every four hours.
        let times = svg.withClass("tick-label").filter { $0.text.contains(":") }
        #expect(times.map(\.text) == ["00:00", "04:00", "08:00", "12:00", "16:00", "20:00", "24:00"])
        #expect(times.first { $0.text == "12:00" }?.number("x") == middle)
        let thoracic = points(svg.withClass("thoracic").first?.attributes["d"] ?? "")
        let point = try #require(thoracic.first)
        #expect(point.0 == middle)
        // The axis runs 0–30° (the head limit of 20° plus a margin, in steps of 10) over the plot's height.
        let degrees = svg.withClass("tick-label").filter { $0.text.hasSuffix("°") }.map(\.text)
        #expect(degrees == ["0°", "10°", "20°", "30°"])
        #expect(abs(point.1 - (box.bottom - 20.0 / 30 * (box.bottom - box.top))) <= 0.05)
        let twenty = svg.withClass("tick-label").first { $0.text == "20°" }
        #expect(abs((twenty?.number("y") ?? 0) - 5 - point.1) <= 0.1)
    }

    @Test("gaps, missing minutes and time not worn are blank bands, labelled, and the lines break there")
    func blanks() throws {
        let nine = 9.0 * 60
        var minutes = (0..<30).map { minute(nine + Double($0)) }
        for i in 5..<15 { minutes[i] = minute(nine + Double(i), thoracic: nil, head: nil, gap: 60) }
        for i in 20..<24 { minutes[i] = minute(nine + Double(i), thoracic: nil, head: nil, notWorn: 60) }
        minutes.removeSubrange(25..<28)
        let svg = try parsed(DayTimeline(dateLabel: "2026-11-30", uprightPercent: 100, minutes: minutes, limits: limits))
        let box = try plot(svg)
        let noData = svg.withClass("no-data"), notWorn = svg.withClass("not-worn")
        #expect(noData.count == 2 && notWorn.count == 1)
        #expect(notWorn.first?.attributes["fill"] == "url(#not-worn-hatch)")
        // The first no-data band is ten minutes of a 30-minute axis: a third of the plot.
        #expect(abs((noData.first?.number("width") ?? 0) - (box.right - box.left) / 3) <= 0.1)
        // Each band is labelled, a word a line where the band is narrow (the lines of a label share its x).
        let labels = Dictionary(grouping: svg.withClass("blank-label"), by: { $0.number("x") ?? 0 }).values.map { $0.map(\.text).joined(separator: " ") }
        #expect(labels.sorted() == ["no data", "no data", "not worn"])
        #expect(svg.withClass("thoracic").count == 4 && svg.withClass("head-forward").count == 4)
        #expect(svg.withClass("slump").isEmpty)
    }

    @Test("a row mostly without data stands alone: the lines do not bridge its gap, its point sits in its part with data")
    func mostlyGapRow() throws {
        // As the history writes it when the sensor drops out for 32 s: one row over the gap.
        var rows = [minute(0), minute(1)]
        rows.append(TimelineMinute(startSecond: 120, lengthSeconds: 40, uprightSeconds: 10, gapSeconds: 30, thoracicMeanDeg: 5))
        rows.append(TimelineMinute(startSecond: 160, lengthSeconds: 80, uprightSeconds: 80, thoracicMeanDeg: 5))
        let svg = try parsed(DayTimeline(dateLabel: "d", uprightPercent: 100, minutes: rows, limits: limits, window: .seconds(from: 0, to: 240)))
        let runs = svg.withClass("thoracic").map { points($0.attributes["d"] ?? "") }
        #expect(runs.map(\.count) == [2, 1, 1])
        // 0–240 s over the plot: the gap 120–150 s is blank; the point is at the middle of 150–160 s.
        let box = try plot(svg)
        let pointX = box.left + 155.0 / 240 * (box.right - box.left), gapX = box.left + 120.0 / 240 * (box.right - box.left)
        #expect(abs((runs[1].first?.0 ?? 0) - pointX) <= 0.05)
        #expect(abs((svg.withClass("no-data").first?.number("x") ?? 0) - gapX) <= 0.05)
    }

    @Test("a slump that begins in one row and ends in a later one is one shaded stretch, at the end and start of those rows")
    func slumpAcrossRows() throws {
        let rows = [minute(0), minute(1, slumps: [.collapsedTrunk: 20]), minute(2, slumps: [.collapsedTrunk: 60]),
                    minute(3, slumps: [.collapsedTrunk: 30]), minute(4)]
        let svg = try parsed(DayTimeline(dateLabel: "d", uprightPercent: 50, minutes: rows, limits: limits, window: .seconds(from: 0, to: 300)))
        let spans = svg.withClass("slump-collapsed-trunk")
        #expect(spans.count == 1)
        // From 1:40 to 3:30 on a 5-minute axis.
        let box = try plot(svg), plotWidth = box.right - box.left
        let x = try #require(spans.first?.number("x")), width = try #require(spans.first?.number("width"))
        #expect(abs(x - (box.left + 100.0 / 300 * plotWidth)) <= 0.1 && abs(width - 110.0 / 300 * plotWidth) <= 0.1)
    }

    @Test("an empty day draws the whole day's axes and says nothing was recorded")
    func emptyDay() throws {
        let svg = try parsed(DayTimeline(dateLabel: "2026-11-30", uprightPercent: nil, minutes: [], limits: limits))
        #expect(svg.texts("title").joined(separator: " ") == "Posture on 2026-11-30: no worn time")
        #expect(svg.texts("blank-label") == ["Nothing recorded this day"])
        #expect(svg.texts("tick-label").contains("24:00"))
        #expect(svg.withClass("series").isEmpty && svg.withClass("slump").isEmpty && svg.withClass("marker").isEmpty)
    }

    @Test("a day only not worn is one hatched band labelled not worn, without lines")
    func onlyNotWorn() throws {
        let minutes = (0..<120).map { minute(14 * 60 + Double($0), thoracic: nil, head: nil, notWorn: 60) }
        let svg = try parsed(DayTimeline(dateLabel: "2026-11-30", uprightPercent: nil, minutes: minutes, limits: limits))
        #expect(svg.withClass("not-worn").count == 1 && svg.withClass("no-data").isEmpty)
        let box = try plot(svg)
        #expect(svg.withClass("not-worn").first?.number("width") == box.right - box.left)
        #expect(svg.texts("blank-label") == ["not worn"])
        #expect(svg.withClass("series").isEmpty && svg.withClass("band").isEmpty)
    }

    @Test("text is escaped: a label with & < > \" ' survives a round trip through an XML parser")
    func escapes() throws {
        let label = #"Tom & Jerry's <day> "1""#
        let svg = try parsed(DayTimeline(dateLabel: label, uprightPercent: 50, minutes: [minute(600)], limits: limits))
        #expect(svg.texts("title").joined(separator: " ") == "Posture on \(label): upright 50% of worn time")
        #expect(svg.elements.first { $0.name == "title" }?.text == "Posture on \(label): upright 50% of worn time")
    }

    @Test("seeded random rows, markers and limits never write NaN or infinity and always parse", arguments: 1...40)
    func randomRowsParse(seed: UInt64) throws {
        var random = SeededGenerator(state: seed)
        func value() -> Double {
            switch Int.random(in: 0..<12, using: &random) {
            case 0: .nan
            case 1: .infinity
            case 2: -.infinity
            case 3: Double.random(in: -1e12...1e12, using: &random)
            default: Double.random(in: -40...90, using: &random)
            }
        }
        func maybe() -> Double? { Bool.random(using: &random) ? value() : nil }
        let minutes = (0..<Int.random(in: 0..<300, using: &random)).map { _ in
            var slumps = SlumpSeconds()
            for kind in SlumpKind.allCases where Int.random(in: 0..<4, using: &random) == 0 { slumps[kind] = value() }
            return TimelineMinute(startSecond: Double.random(in: -3600...90_000, using: &random), lengthSeconds: value(), uprightSeconds: value(),
                                  slumpedSecondsByKind: slumps, otherWornSeconds: value(), gapSeconds: value(), notWornSeconds: value(),
                                  thoracicMeanDeg: maybe(), thoracicMinDeg: maybe(), thoracicMaxDeg: maybe(), headForwardMeanDeg: maybe())
        }
        let markers = (0..<Int.random(in: 0..<20, using: &random)).map { _ in
            TimelineMarker(atSecond: value() * 1000, kind: TimelineMarker.Kind.allCases.randomElement(using: &random) ?? .alert)
        }
        let windows: [TimeWindow] = [.fitted, .wholeDay, .seconds(from: value() * 100, to: value() * 1000)]
        let day = DayTimeline(dateLabel: "2026-11-30", uprightPercent: maybe(), dayLengthSeconds: Bool.random(using: &random) ? 86_400 : value(),
                              minutes: minutes, markers: markers, limits: AngleLimits(thoracicDeg: value(), headForwardDeg: value()),
                              window: windows.randomElement(using: &random) ?? .fitted)
        let text = day.svg().lowercased()
        #expect(!text.contains("nan") && !text.contains("inf"))
        #expect(ParsedSVG(text) != nil)
    }
}
