// The legend: a swatch and a name per item, in groups and columns under the plot.

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

/// Legend items under an optional heading (`Slumped, by kind:`).
struct LegendGroup {
    var heading: String?
    var items: [LegendItem]
}

enum Legend {
    static let rowHeightPx = 21.0
    static let fontSizePx = Design.textSize
    /// From a swatch's left to its label.
    static let labelOffsetPx = 30.0
    static let columnGapPx = 14.0
    static let groupGapPx = 6.0

    /// How many columns fit `items` between `left` and `right` (at most `maxColumns`): as many as
    /// the widest label allows, so no label runs into the next column or off the picture.
    static func columns(_ items: [LegendItem], width: Double, maxColumns: Int = 3) -> Int {
        let widest = items.map { labelOffsetPx + Design.textWidth($0.label, size: fontSizePx) }.max() ?? 0
        return max(1, min(maxColumns, Int((width + columnGapPx) / (widest + columnGapPx))))
    }

    /// Draws `groups` one under the other from `left` to `right`, in as many columns as the widest
    /// label of all allows (the same in every group), the first row's baseline at `top`; returns
    /// the baseline of the last row.
    @discardableResult
    static func draw(_ groups: [LegendGroup], into svg: inout SVGDocument, left: Double, right: Double, top: Double) -> Double {
        let columns = columns(groups.flatMap(\.items), width: right - left)
        let columnWidth = (right - left + columnGapPx) / Double(columns)
        var baseline = top - rowHeightPx
        for (g, group) in groups.enumerated() where !group.items.isEmpty {
            if g > 0 { baseline += groupGapPx }
            if let heading = group.heading {
                baseline += rowHeightPx
                svg.text(heading, x: left, y: baseline, size: fontSizePx, fill: Palette.mutedInk, className: "legend-heading")
            }
            let first = baseline + rowHeightPx
            for (i, item) in group.items.enumerated() {
                let x = left + Double(i % columns) * columnWidth, y = first + Double(i / columns) * rowHeightPx
                baseline = y
                swatch(item.swatch, x: x, centreY: y - 5, into: &svg)
                svg.text(item.label, x: x + labelOffsetPx, y: y, size: fontSizePx, className: "legend-label")
            }
        }
        return baseline
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
