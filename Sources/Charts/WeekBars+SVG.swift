// The week chart: a bar of upright percent per day, the value on it, "no data" for empty days.

extension WeekBars {
    /// The chart as a standalone SVG document, 800 px wide at its design size, scaling to its container.
    public func svg() -> String { WeekChart(self).render() }
}

/// The week chart's geometry and drawing.
struct WeekChart {
    static let width = 800.0
    let plotLeft = 64.0, plotRight = 776.0, plotTop = 84.0, plotBottom = 304.0
    let bars: WeekBars

    init(_ bars: WeekBars) { self.bars = bars }

    var slotWidth: Double { (plotRight - plotLeft) / Double(max(bars.days.count, 1)) }

    func y(_ percent: Double) -> Double { plotBottom - clamp(percent, 0, 100) / 100 * (plotBottom - plotTop) }

    func centre(_ index: Int) -> Double { plotLeft + (Double(index) + 0.5) * slotWidth }

    func target(_ index: Int) -> Double? {
        guard let targets = bars.targetPercents, index < targets.count, let t = targets[index], t.isFinite else { return nil }
        return t
    }

    func render() -> String {
        var svg = SVGDocument(width: Self.width, height: plotBottom + 116)
        svg.text(bars.title, x: plotLeft - 40, y: 32, size: 19, bold: true, className: "title")
        let worn = bars.days.compactMap { $0.uprightPercent == nil ? nil : $0.wornSeconds }.filter(\.isFinite).reduce(0, +)
        let withData = bars.days.filter { $0.uprightPercent?.isFinite == true }.count
        svg.text("Upright % of worn time per day; \(withData) of \(bars.days.count) days with data, \(SVGFormat.duration(worn)) worn",
                 x: plotLeft - 40, y: 56, size: 13, fill: Palette.mutedInk, className: "subtitle")
        for tick in stride(from: 0.0, through: 100, by: 25) {
            svg.line(x1: plotLeft, y1: y(tick), x2: plotRight, y2: y(tick), stroke: tick == 0 ? Palette.axis : Palette.grid, width: 1,
                     className: "grid")
            svg.text(SVGFormat.percent(tick), x: plotLeft - 8, y: y(tick) + 4, size: 12, anchor: "end", fill: Palette.mutedInk,
                     className: "tick-label")
        }
        let labelEvery = max(1, Int((44 / slotWidth).rounded(.up)))
        for (i, day) in bars.days.enumerated() {
            drawBar(day, index: i, into: &svg)
            guard i % labelEvery == 0 else { continue }
            svg.text(day.label, x: centre(i), y: plotBottom + 20, size: 13, anchor: "middle", bold: true, className: "day-label")
            if slotWidth >= 64 {
                if let date = day.dateLabel {
                    svg.text(date, x: centre(i), y: plotBottom + 37, size: 12, anchor: "middle", fill: Palette.mutedInk, className: "date-label")
                }
                if day.uprightPercent != nil {
                    svg.text(SVGFormat.duration(day.wornSeconds) + " worn", x: centre(i), y: plotBottom + 53, size: 12, anchor: "middle",
                             fill: Palette.mutedInk, className: "worn-label")
                }
            }
        }
        var legend = [LegendItem(swatch: .fill(color: Palette.blue, opacity: 1), label: "upright % of worn time")]
        if bars.days.indices.contains(where: { target($0) != nil }) { legend.append(LegendItem(swatch: .target, label: "target")) }
        Legend.draw(legend, into: &svg, left: plotLeft - 40, right: plotRight, top: plotBottom + 92, columns: 3)
        return svg.rendered(title: bars.title)
    }

    private func drawBar(_ day: WeekDay, index i: Int, into svg: inout SVGDocument) {
        let barWidth = min(slotWidth * 0.62, 72), left = centre(i) - barWidth / 2
        if let percent = day.uprightPercent, percent.isFinite {
            let top = y(percent)
            svg.rect(x: left, y: top, width: barWidth, height: plotBottom - top, fill: Palette.blue, className: "bar")
            if slotWidth >= 34 {
                svg.text(SVGFormat.percent(clamp(percent, 0, 100)), x: centre(i), y: top - 7, size: 13, anchor: "middle", bold: true,
                         className: "value-label")
            }
        } else {
            svg.rect(x: left, y: plotTop, width: barWidth, height: plotBottom - plotTop, fill: "none", className: "no-data-day",
                     extra: [("stroke", Palette.grid), ("stroke-width", "1.5"), ("stroke-dasharray", "4 3")])
            if slotWidth >= 50 {
                svg.text("no data", x: centre(i), y: (plotTop + plotBottom) / 2, size: 12, anchor: "middle", fill: Palette.mutedInk,
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
