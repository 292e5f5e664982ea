// The day chart: angles per minute against the time of day, slumps shaded by kind, blanks labelled,
// the coach's markers on a row above.
import Coach

extension DayTimeline {
    /// The chart as a standalone SVG document, 480 px wide at its design size (text 14 px or larger),
    /// scaling to its container.
    public func svg() -> String { DayChart(self).render() }
}

/// The day chart's geometry and drawing.
struct DayChart {
    static let width = Design.width
    let plotLeft = 70.0, plotRight = 452.0
    /// Under the header: the marker row, then the plot.
    private(set) var plotTop = 0.0, plotBottom = 0.0
    /// The marker row: a lane per kind (alerts, corrections, exercises), so markers close in time
    /// do not hide each other.
    private(set) var markerLaneY: [Double] = []
    /// At most this many intervals on the time axis: its labels (HH:MM, 14 px) stay apart.
    static let maxTimeTicks = 6.0

    let day: DayTimeline
    /// The rows with finite times and a positive length, in time order, overlapping the axis.
    let minutes: [TimelineMinute]
    let markers: [TimelineMarker]
    let time: TimeAxis
    let angle: DegreeAxis
    private(set) var header = Design.Header(title: [], subtitle: [])

    init(_ day: DayTimeline) {
        self.day = day
        let dayLength = day.dayLengthSeconds.isFinite && day.dayLengthSeconds > 3600 ? min(day.dayLengthSeconds, 90_000) : 86_400
        let valid = day.minutes.filter { $0.startSecond.isFinite && $0.lengthSeconds.isFinite && $0.lengthSeconds > 0 }
            .sorted { $0.startSecond < $1.startSecond }
        let validMarkers = day.markers.filter { $0.atSecond.isFinite }
        let maxTicks = Self.maxTimeTicks
        switch day.window {
        case .wholeDay:
            time = TimeAxis.fitting(from: 0, to: dayLength, dayLength: dayLength, maxTicks: maxTicks)
        case .seconds(let from, let to):
            time = TimeAxis.fitting(from: from, to: to, dayLength: dayLength, maxTicks: maxTicks)
        case .fitted:
            let starts = valid.map(\.startSecond) + validMarkers.map(\.atSecond)
            let ends = valid.map(\.endSecond) + validMarkers.map(\.atSecond)
            if let first = starts.min(), let last = ends.max() {
                time = TimeAxis.fitting(from: first, to: last, dayLength: dayLength, maxTicks: maxTicks)
            } else {
                time = TimeAxis.fitting(from: 0, to: dayLength, dayLength: dayLength, maxTicks: maxTicks)
            }
        }
        let axis = time
        minutes = valid.filter { $0.endSecond > axis.fromSecond && $0.startSecond < axis.toSecond }
        markers = validMarkers.filter { $0.atSecond >= axis.fromSecond && $0.atSecond <= axis.toSecond }
        let values = minutes.flatMap { [$0.thoracicMeanDeg, $0.thoracicMinDeg, $0.thoracicMaxDeg, $0.headForwardMeanDeg].compactMap { $0 } }
        angle = DegreeAxis.covering(values, limits: [day.limits.thoracicDeg, day.limits.headForwardDeg])
        header = Design.Header(title: titleLines, subtitle: subtitleLines)
        markerLaneY = [22.0, 35, 48].map { header.bottom + $0 }
        plotTop = markerLaneY[2] + 15
        plotBottom = plotTop + 210
    }

    func x(_ second: Double) -> Double {
        plotLeft + (clamp(second, time.fromSecond, time.toSecond) - time.fromSecond) / (time.toSecond - time.fromSecond) * (plotRight - plotLeft)
    }

    func y(_ degrees: Double) -> Double {
        plotBottom - (clamp(degrees, angle.lowDeg, angle.highDeg) - angle.lowDeg) / (angle.highDeg - angle.lowDeg) * (plotBottom - plotTop)
    }

    func render() -> String {
        var body = SVGDocument(width: Self.width, height: 0)
        body.define(Palette.notWornHatch)
        header.draw(into: &body)
        drawGrid(into: &body)
        drawBlanks(into: &body)
        drawSlumps(into: &body)
        drawLimits(into: &body)
        drawAngles(into: &body)
        drawAxes(into: &body)
        drawMarkers(into: &body)
        let last = Legend.draw(legendGroups, into: &body, left: Design.margin, right: Self.width - Design.margin, top: plotBottom + 72)
        return body.resized(height: last + 14).rendered(title: title)
    }

    var title: String { titleLines.joined(separator: " ") }

    /// `Posture on 2026-11-30:` and `upright 58% of worn time`, a line each when they fit.
    private var titleLines: [String] {
        ["Posture on \(day.dateLabel):", day.uprightPercent.map { "upright \(SVGFormat.percent($0)) of worn time" } ?? "no worn time"]
    }

    /// What the lines are and the stretch; what the coach did.
    private var subtitleLines: [String] {
        let counts = TimelineMarker.Kind.allCases.map { kind in markers.filter { $0.kind == kind }.count }
        return ["Mean angles \(resolution), \(SVGFormat.clock(time.fromSecond))–\(SVGFormat.clock(time.toSecond)) local time",
                "\(counts[0]) alert\(counts[0] == 1 ? "" : "s"), \(counts[1]) corrected, \(counts[2]) exercise\(counts[2] == 1 ? "" : "s") done"]
    }

    private func drawGrid(into svg: inout SVGDocument) {
        for tick in angle.ticks {
            svg.line(x1: plotLeft, y1: y(tick), x2: plotRight, y2: y(tick), stroke: tick == 0 ? Palette.axis : Palette.grid,
                     width: 1, className: "grid")
            svg.text(SVGFormat.degrees(tick), x: plotLeft - 6, y: y(tick) + 5, size: Design.textSize, anchor: "end", fill: Palette.mutedInk,
                     className: "tick-label")
        }
        for tick in time.ticks {
            svg.line(x1: x(tick), y1: plotTop, x2: x(tick), y2: plotBottom, stroke: Palette.grid, width: 1, className: "grid")
            svg.text(SVGFormat.clock(tick), x: x(tick), y: plotBottom + 20, size: Design.textSize, anchor: "middle", fill: Palette.mutedInk,
                     className: "tick-label")
        }
    }

    private func drawBlanks(into svg: inout SVGDocument) {
        for band in blankBands {
            let left = x(band.fromSecond), right = x(band.toSecond)
            if band.kind == .notWorn {
                svg.rect(x: left, y: plotTop, width: right - left, height: plotBottom - plotTop, fill: "url(#not-worn-hatch)",
                         className: "blank not-worn")
            } else {
                svg.rect(x: left, y: plotTop, width: right - left, height: plotBottom - plotTop, fill: Palette.noData,
                         className: "blank no-data")
            }
            // On one line where it fits, else a word a line (`no` / `data`), else none.
            let oneLine = [band.label], wordALine = band.label.split(separator: " ").map(String.init)
            let fits = { (lines: [String]) in (lines.map { Design.textWidth($0, size: Design.textSize) }.max() ?? 0) + 4 <= right - left }
            if let lines = fits(oneLine) ? oneLine : fits(wordALine) ? wordALine : nil {
                let labelWidth = lines.map { Design.textWidth($0, size: Design.textSize) }.max() ?? 0
                svg.add("rect", [("class", "blank-label-back"), ("x", SVGFormat.number((left + right) / 2 - labelWidth / 2 - 2)),
                                 ("y", SVGFormat.number(plotTop + 5)), ("width", SVGFormat.number(labelWidth + 4)),
                                 ("height", SVGFormat.number(4 + Double(lines.count) * 17)), ("rx", "3"), ("fill", "#ffffff"),
                                 ("fill-opacity", "0.9")])
                for (i, line) in lines.enumerated() {
                    svg.text(line, x: (left + right) / 2, y: plotTop + 20 + Double(i) * 17, size: Design.textSize, anchor: "middle",
                             className: "blank-label")
                }
            }
        }
        if minutes.isEmpty {
            svg.text("Nothing recorded this day", x: (plotLeft + plotRight) / 2, y: (plotTop + plotBottom) / 2, size: 15,
                     anchor: "middle", fill: Palette.mutedInk, className: "blank-label")
        }
    }

    private func drawSlumps(into svg: inout SVGDocument) {
        for span in slumpSpans {
            let left = x(span.fromSecond), right = x(span.toSecond)
            svg.rect(x: left, y: plotTop, width: max(right - left, 0.6), height: plotBottom - plotTop, fill: Palette.slump(span.kind),
                     className: "slump slump-\(span.kind.rawValue)", extra: [("fill-opacity", SVGFormat.opacity(Palette.slumpOpacity(span.kind)))])
        }
    }

    private func drawLimits(into svg: inout SVGDocument) {
        for (limit, color) in [(day.limits.thoracicDeg, Palette.thoracic), (day.limits.headForwardDeg, Palette.headForward)] where limit.isFinite {
            svg.line(x1: plotLeft, y1: y(limit), x2: plotRight, y2: y(limit), stroke: color, width: 1.5, className: "limit",
                     extra: [("stroke-dasharray", "6 4")])
        }
    }

    private func drawAngles(into svg: inout SVGDocument) {
        let n = SVGFormat.number
        for run in runs({ m in m.thoracicMinDeg != nil ? m.thoracicMaxDeg : nil }) {
            let top = run.map { "\(n(middle($0))) \(n(y($0.thoracicMaxDeg ?? 0)))" }
            let bottom = run.reversed().map { "\(n(middle($0))) \(n(y($0.thoracicMinDeg ?? 0)))" }
            let d = run.count == 1
                ? "M\(n(middle(run[0]) - 1.5)) \(n(y(run[0].thoracicMaxDeg ?? 0)))h3V\(n(y(run[0].thoracicMinDeg ?? 0)))h-3Z"
                : "M" + (top + bottom).joined(separator: "L") + "Z"
            svg.add("path", [("class", "band thoracic-band"), ("d", d), ("fill", Palette.thoracic), ("fill-opacity", SVGFormat.opacity(Palette.bandOpacity))])
        }
        for (value, color, name) in [({ (m: TimelineMinute) in m.thoracicMeanDeg }, Palette.thoracic, "thoracic"),
                                     ({ (m: TimelineMinute) in m.headForwardMeanDeg }, Palette.headForward, "head-forward")] {
            for run in runs(value) {
                let points = run.map { "\(n(middle($0))) \(n(y(value($0) ?? 0)))" }
                let d = "M" + points.joined(separator: "L") + (run.count == 1 ? "h0.1" : "")
                svg.add("path", [("class", "series \(name)"), ("d", d), ("fill", "none"), ("stroke", color), ("stroke-width", "2.5"),
                                 ("stroke-linejoin", "round"), ("stroke-linecap", "round")])
            }
        }
    }

    private func drawAxes(into svg: inout SVGDocument) {
        svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: Palette.axis, width: 1, className: "axis")
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: Palette.axis, width: 1, className: "axis")
        svg.text("Local time (HH:MM)", x: (plotLeft + plotRight) / 2, y: plotBottom + 42, size: Design.textSize, anchor: "middle",
                 className: "axis-title")
        let middleY = (plotTop + plotBottom) / 2
        svg.text("Angle (°)", x: 20, y: middleY, size: Design.textSize, anchor: "middle", className: "axis-title",
                 extra: [("transform", "rotate(-90 20 \(SVGFormat.number(middleY)))")])
    }

    private func drawMarkers(into svg: inout SVGDocument) {
        svg.line(x1: plotLeft, y1: markerLaneY[2] + 9, x2: plotRight, y2: markerLaneY[2] + 9, stroke: Palette.grid, width: 1, className: "grid")
        svg.text("Coach", x: plotLeft - 6, y: markerLaneY[1] + 5, size: Design.textSize, anchor: "end", fill: Palette.mutedInk, className: "row-label")
        for marker in markers {
            let lane = TimelineMarker.Kind.allCases.firstIndex(of: marker.kind) ?? 0
            MarkerShape.draw(marker.kind, x: x(marker.atSecond), y: markerLaneY[lane], into: &svg, className: "marker marker-\(marker.kind.rawValue)")
        }
    }

    /// The lines and limits; the slump kinds under a heading; blanks and the coach's markers.
    private var legendGroups: [LegendGroup] {
        let lines = [
            LegendItem(swatch: .line(color: Palette.thoracic, dashed: false), label: "upper back, mean"),
            LegendItem(swatch: .line(color: Palette.headForward, dashed: false), label: "head forward, mean"),
            LegendItem(swatch: .line(color: Palette.thoracic, dashed: true), label: "upper-back limit \(SVGFormat.degrees(day.limits.thoracicDeg))"),
            LegendItem(swatch: .line(color: Palette.headForward, dashed: true), label: "head limit \(SVGFormat.degrees(day.limits.headForwardDeg))"),
            LegendItem(swatch: .fill(color: Palette.thoracic, opacity: Palette.bandOpacity), label: "upper back, min–max"),
        ]
        let slumps = SlumpKind.allCases.map { LegendItem(swatch: .fill(color: Palette.slump($0), opacity: Palette.slumpOpacity($0)), label: Palette.name($0)) }
        let others = [LegendItem(swatch: .hatch, label: "not worn"), LegendItem(swatch: .fill(color: Palette.noData, opacity: 1), label: "no data")]
            + TimelineMarker.Kind.allCases.map { LegendItem(swatch: .marker($0), label: MarkerShape.name($0)) }
        return [LegendGroup(heading: nil, items: lines), LegendGroup(heading: "Slumped (shaded), by kind:", items: slumps),
                LegendGroup(heading: nil, items: others)]
    }
}
