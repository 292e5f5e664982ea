// The legend: a swatch and a name per item, in columns under the plot.

/// What a legend item's swatch looks like.
enum Swatch {
    case line(color: String, dashed: Bool)
    case fill(color: String, opacity: Double)
    case hatch
    case marker(TimelineMarker.Kind)
    /// A short horizontal line, thick: the week's target.
    case target
}

struct LegendItem {
    var swatch: Swatch
    var label: String
}

enum Legend {
    static let rowHeightPx = 22.0
    static let fontSizePx = 13.0

    /// Draws `items` in `columns` from `left` to `right`, the first row's baseline at `top`;
    /// returns the baseline of the last row.
    @discardableResult
    static func draw(_ items: [LegendItem], into svg: inout SVGDocument, left: Double, right: Double, top: Double,
                     columns: Int) -> Double {
        let columnWidth = (right - left) / Double(max(columns, 1))
        var lastBaseline = top
        for (i, item) in items.enumerated() {
            let x = left + Double(i % columns) * columnWidth, y = top + Double(i / columns) * rowHeightPx
            lastBaseline = y
            swatch(item.swatch, x: x, centreY: y - 4.5, into: &svg)
            svg.text(item.label, x: x + 30, y: y, size: fontSizePx, className: "legend-label")
        }
        return lastBaseline
    }

    private static func swatch(_ swatch: Swatch, x: Double, centreY y: Double, into svg: inout SVGDocument) {
        switch swatch {
        case .line(let color, let dashed):
            svg.line(x1: x, y1: y, x2: x + 22, y2: y, stroke: color, width: dashed ? 2 : 2.5, className: "legend-swatch",
                     extra: dashed ? [("stroke-dasharray", "5 3")] : [])
        case .fill(let color, let opacity):
            svg.rect(x: x, y: y - 7, width: 22, height: 14, fill: color, className: "legend-swatch",
                     extra: [("fill-opacity", SVGFormat.opacity(opacity))])
        case .hatch:
            svg.rect(x: x, y: y - 7, width: 22, height: 14, fill: "url(#not-worn-hatch)", className: "legend-swatch",
                     extra: [("stroke", Palette.notWornLine), ("stroke-width", "1")])
        case .marker(let kind):
            MarkerShape.draw(kind, x: x + 11, y: y, into: &svg, className: "legend-swatch")
        case .target:
            svg.line(x1: x, y1: y, x2: x + 22, y2: y, stroke: Palette.ink, width: 3, className: "legend-swatch")
        }
    }
}

/// The marker symbols: a shape as well as a colour for each kind.
enum MarkerShape {
    static func color(_ kind: TimelineMarker.Kind) -> String {
        switch kind {
        case .alert: Palette.vermillion
        case .correction: Palette.bluishGreen
        case .exercise: Palette.ink
        }
    }

    static func name(_ kind: TimelineMarker.Kind) -> String {
        switch kind {
        case .alert: "alert"
        case .correction: "corrected"
        case .exercise: "exercise done"
        }
    }

    /// A down triangle (alert), a circle (correction) or a diamond (exercise) centred on (`x`, `y`).
    /// Markers that fall together stay apart by a thin white outline.
    static func draw(_ kind: TimelineMarker.Kind, x: Double, y: Double, into svg: inout SVGDocument, className: String) {
        let n = SVGFormat.number, outline = [("stroke", "#ffffff"), ("stroke-width", "1")]
        switch kind {
        case .alert:
            svg.add("path", [("class", className), ("d", "M\(n(x - 6)) \(n(y - 5))L\(n(x + 6)) \(n(y - 5))L\(n(x)) \(n(y + 6))Z"),
                             ("fill", color(kind))] + outline)
        case .correction:
            svg.add("circle", [("class", className), ("cx", n(x)), ("cy", n(y)), ("r", "5"), ("fill", color(kind))] + outline)
        case .exercise:
            svg.add("path", [("class", className), ("d", "M\(n(x)) \(n(y - 6))L\(n(x + 6)) \(n(y))L\(n(x)) \(n(y + 6))L\(n(x - 6)) \(n(y))Z"),
                             ("fill", color(kind))] + outline)
        }
    }
}
