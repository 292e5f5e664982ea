// The week chart: a bar of upright percent per day, the value on it, "no data" for empty days.

extension WeekBars {
    /// The chart as a standalone SVG document, 480 px wide at its design size (text 14 px or larger),
    /// scaling to its container.
    public func svg() -> String { WeekChart(self).render() }
}

/// The week chart's geometry and drawing.
struct WeekChart {
    static let width = Design.width
    let plotLeft = 52.0, plotRight = 468.0
    /// Under the header, with room above for a full bar's value.
    let plotTop: Double, plotBottom: Double
    let bars: WeekBars
    let header: Design.Header

    init(_ bars: WeekBars) {
        self.bars = bars
        let worn = bars.days.compactMap { $0.uprightPercent == nil ? nil : $0.wornSeconds }.filter(\.isFinite).reduce(0, +)
        let withData = bars.days.filter { $0.uprightPercent?.isFinite == true }.count
        var subtitle = ["Upright % of worn time per day;", "\(withData) of \(bars.days.count) days with data, \(SVGFormat.duration(worn)) worn"]
        if bars.days.contains(where: { $0.training != nil }) { subtitle.append("plan: minutes coached / the day's target, ✓ met") }
        header = Design.Header(title: [bars.title], subtitle: subtitle)
        plotTop = header.bottom + 34
        plotBottom = plotTop + 200
    }

    var slotWidth: Double { (plotRight - plotLeft) / Double(max(bars.days.count, 1)) }

    func y(_ percent: Double) -> Double { plotBottom - clamp(percent, 0, 100) / 100 * (plotBottom - plotTop) }

    func centre(_ index: Int) -> Double { plotLeft + (Double(index) + 0.5) * slotWidth }

    func target(_ index: Int) -> Double? {
        guard let targets = bars.targetPercents, index < targets.count, let t = targets[index], t.isFinite else { return nil }
        return t
    }

    /// Under a day's bar, its time worn: `42 s`, `12 min`, `3.1 h` (short, to fit under a bar on a phone).
    func wornLabel(_ day: WeekDay) -> String? {
        guard day.uprightPercent != nil else { return nil }
        let seconds = day.wornSeconds.isFinite ? max(day.wornSeconds, 0) : 0
        return seconds < 3600 ? SVGFormat.duration(seconds) : SVGFormat.number(min(seconds, 1e9) / 3600) + " h"
    }

    func render() -> String {
        var svg = SVGDocument(width: Self.width, height: 0)
        header.draw(into: &svg)
        for tick in stride(from: 0.0, through: 100, by: 25) {
            svg.line(x1: plotLeft, y1: y(tick), x2: plotRight, y2: y(tick), stroke: tick == 0 ? Palette.axis : Palette.grid, width: 1,
                     className: "grid")
            svg.text(SVGFormat.percent(tick), x: plotLeft - 6, y: y(tick) + 5, size: Design.textSize, anchor: "end", fill: Palette.mutedInk,
                     className: "tick-label")
        }
        // Labels only under every so many days when they would touch; dates and times worn only
        // where the widest fits a day's slot.
        let size = Design.textSize
        let widestDay = bars.days.map { Design.textWidth($0.label, size: size, bold: true) }.max() ?? 0
        let labelEvery = max(1, Int((max(44, widestDay + 12) / slotWidth).rounded(.up)))
        let showDates = slotWidth >= (bars.days.compactMap { $0.dateLabel.map { Design.textWidth($0, size: size) } }.max() ?? 0) + 6
        let wornLabels = bars.days.compactMap(wornLabel)
        let showWorn = !wornLabels.isEmpty && slotWidth >= (wornLabels.map { Design.textWidth($0, size: size) }.max() ?? 0) + 6
        for (i, day) in bars.days.enumerated() {
            drawBar(day, index: i, into: &svg)
            guard i % labelEvery == 0 else { continue }
            svg.text(day.label, x: centre(i), y: plotBottom + 20, size: size, anchor: "middle", bold: true, className: "day-label")
            if showDates, let date = day.dateLabel {
                svg.text(date, x: centre(i), y: plotBottom + 38, size: size, anchor: "middle", fill: Palette.mutedInk, className: "date-label")
            }
            if showWorn, let worn = wornLabel(day) {
                svg.text(worn, x: centre(i), y: plotBottom + 56, size: size, anchor: "middle", fill: Palette.mutedInk, className: "worn-label")
            }
        }
        if showWorn {
            svg.text("worn", x: plotLeft - 6, y: plotBottom + 56, size: size, anchor: "end", fill: Palette.mutedInk, className: "row-label")
        }
        // The training plan's row: minutes coached of the day's target, green when met.
        let planLabels = bars.days.compactMap { $0.training?.label }
        let showPlan = !planLabels.isEmpty && slotWidth >= (planLabels.map { Design.textWidth($0, size: size) }.max() ?? 0) + 4
        let planY = plotBottom + (showWorn ? 74 : showDates ? 56 : 38)
        if showPlan {
            for (i, day) in bars.days.enumerated() {
                guard let training = day.training else { continue }
                svg.text(training.label, x: centre(i), y: planY, size: size, anchor: "middle",
                         fill: training.isMet ? Palette.bluishGreen : Palette.mutedInk, bold: training.isMet, className: "plan-label")
            }
            svg.text("plan", x: plotLeft - 6, y: planY, size: size, anchor: "end", fill: Palette.mutedInk, className: "row-label")
        }
        var legend = [LegendItem(swatch: .fill(color: Palette.blue, opacity: 1), label: "upright % of worn time")]
        if bars.days.indices.contains(where: { target($0) != nil }) { legend.append(LegendItem(swatch: .target, label: "target")) }
        let last = Legend.draw([LegendGroup(heading: nil, items: legend)], into: &svg, left: Design.margin, right: Self.width - Design.margin,
                               top: showPlan ? planY + 32 : plotBottom + (showWorn ? 88 : showDates ? 70 : 52))
        return svg.resized(height: last + 14).rendered(title: bars.title)
    }

    private func drawBar(_ day: WeekDay, index i: Int, into svg: inout SVGDocument) {
        let barWidth = min(slotWidth * 0.62, 72), left = centre(i) - barWidth / 2
        if let percent = day.uprightPercent, percent.isFinite {
            let top = y(percent)
            svg.rect(x: left, y: top, width: barWidth, height: plotBottom - top, fill: Palette.blue, className: "bar")
            if slotWidth >= 44 {
                svg.text(SVGFormat.percent(clamp(percent, 0, 100)), x: centre(i), y: top - 7, size: Design.textSize, anchor: "middle", bold: true,
                         className: "value-label")
            }
        } else {
            svg.rect(x: left, y: plotTop, width: barWidth, height: plotBottom - plotTop, fill: "none", className: "no-data-day",
                     extra: [("stroke", Palette.grid), ("stroke-width", "1.5"), ("stroke-dasharray", "4 3")])
            if slotWidth >= Design.textWidth("no data", size: Design.textSize) {
                svg.text("no data", x: centre(i), y: (plotTop + plotBottom) / 2, size: Design.textSize, anchor: "middle", fill: Palette.mutedInk,
                         className: "no-data-label")
            }
        }
        if let target = target(i) {
            let half = min(slotWidth * 0.42, 48)
            svg.line(x1: centre(i) - half, y1: y(target), x2: centre(i) + half, y2: y(target), stroke: Palette.ink, width: 3,
                     className: "target", extra: [("stroke-linecap", "round")])
        }
    }
}
