// The charts' shared sizes and text layout: one design that reads on a phone and on a laptop.

/// Both charts are drawn 480 px wide at their design size, text 14 px or larger (the title 18 px),
/// and scale to the width that shows them: on a phone 390 px wide the smallest text shows at
/// 14 × 390 / 480 ≈ 11.4 px. In a browser a chart grows to at most `maxDisplayWidth` (text up to
/// about 19 px), so on a laptop it stays a picture, not a poster.
enum Design {
    /// The design width, in px.
    static let width = 480.0
    /// The widest a browser shows a chart, in px (the root's `max-width`).
    static let maxDisplayWidth = 640.0
    /// The left and right margin of text, in px.
    static let margin = 12.0
    static let titleSize = 18.0
    static let titleLineHeight = 23.0
    /// Everything but the title: subtitles, ticks, labels and the legend.
    static let textSize = 14.0
    static let textLineHeight = 19.0

    /// An estimate of the width of `text` at `size` px: 0.6 em a character (0.68 em bold), a little
    /// more than DejaVu Sans and Verdana's usual letters.
    static func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        Double(text.count) * size * (bold ? 0.68 : 0.6)
    }

    /// `text` broken at spaces into lines no wider than `width` (by `textWidth`); a word wider
    /// than a line is cut into pieces that fit.
    static func wrapped(_ text: String, size: Double, bold: Bool = false, width: Double) -> [String] {
        let perLine = max(1, Int(width / (size * (bold ? 0.68 : 0.6))))
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            var word = word
            while word.count > perLine {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(perLine)))
                word = word.dropFirst(perLine)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= perLine {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// A chart's title and subtitle, each a list of paragraphs, wrapped to the design width.
    struct Header {
        let title: [String]
        let subtitle: [String]

        init(title: [String], subtitle: [String]) {
            self.title = title.flatMap { wrapped($0, size: titleSize, bold: true, width: width - 2 * margin) }
            self.subtitle = subtitle.flatMap { wrapped($0, size: textSize, width: width - 2 * margin) }
        }

        /// The baseline of the last line.
        var bottom: Double { 26 + Double(title.count - 1) * titleLineHeight + 4 + Double(subtitle.count) * textLineHeight }

        /// The title bold and the subtitle muted, at the top left.
        func draw(into svg: inout SVGDocument) {
            for (i, line) in title.enumerated() {
                svg.text(line, x: margin, y: 26 + Double(i) * titleLineHeight, size: titleSize, bold: true, className: "title")
            }
            let first = 26 + Double(title.count - 1) * titleLineHeight + 4 + textLineHeight
            for (i, line) in subtitle.enumerated() {
                svg.text(line, x: margin, y: first + Double(i) * textLineHeight, size: textSize, fill: Palette.mutedInk,
                         className: "subtitle")
            }
        }
    }
}
