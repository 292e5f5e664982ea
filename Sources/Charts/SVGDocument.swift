// A minimal SVG writer: elements appended in drawing order, text and attributes escaped.

/// An SVG picture `width`×`height` user units (the design size, in px), that scales to the width of
/// whatever shows it (`viewBox`, `width="100%"`), in a browser up to `Design.maxDisplayWidth`. Pure and deterministic: the same calls give the
/// same bytes.
struct SVGDocument {
    /// The design size, in px.
    let width: Double
    private(set) var height: Double
    private var definitions: [String] = []
    private var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The same drawing `height` px tall (known once the legend is laid out).
    func resized(height: Double) -> SVGDocument {
        var copy = self
        copy.height = height
        return copy
    }

    /// One element, `<name a="…" …/>` or with text content `<name …>text</name>`.
    static func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) -> String {
        var s = "<" + name
        for (key, value) in attributes { s += " \(key)=\"\(SVGFormat.escaped(value))\"" }
        guard let text else { return s + "/>" }
        return s + ">" + SVGFormat.escaped(text) + "</\(name)>"
    }

    mutating func add(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
        body.append(Self.element(name, attributes, text: text))
    }

    /// Raw markup built with `element` (a group, a pattern).
    mutating func addMarkup(_ markup: String) { body.append(markup) }

    mutating func define(_ markup: String) { definitions.append(markup) }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, className: String,
                       extra: [(String, String)] = []) {
        add("rect", [("class", className), ("x", n(x)), ("y", n(y)), ("width", n(max(0, width))), ("height", n(max(0, height))),
                     ("fill", fill)] + extra)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double, className: String,
                       extra: [(String, String)] = []) {
        add("line", [("class", className), ("x1", n(x1)), ("y1", n(y1)), ("x2", n(x2)), ("y2", n(y2)), ("stroke", stroke),
                     ("stroke-width", n(width))] + extra)
    }

    /// Text at (`x`, `y`) (the baseline), `size` px, anchored `start`, `middle` or `end`.
    mutating func text(_ s: String, x: Double, y: Double, size: Double, anchor: String = "start", fill: String = Palette.ink,
                       bold: Bool = false, className: String = "label", extra: [(String, String)] = []) {
        var attributes = [("class", className), ("x", n(x)), ("y", n(y)), ("font-size", n(size)), ("fill", fill)]
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        if bold { attributes.append(("font-weight", "bold")) }
        add("text", attributes + extra, text: s)
    }

    /// The whole document; `title` is its accessible name (and the tooltip in a browser).
    func rendered(title: String) -> String {
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"100%\" "
                + "style=\"max-width:\(n(Design.maxDisplayWidth))px\" role=\"img\" "
                + "aria-labelledby=\"chart-title\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">",
            Self.element("title", [("id", "chart-title")], text: title),
        ]
        if !definitions.isEmpty { lines.append("<defs>" + definitions.joined() + "</defs>") }
        lines.append(Self.element("rect", [("class", "background"), ("width", n(width)), ("height", n(height)), ("fill", "#ffffff")]))
        lines += body
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    private func n(_ x: Double) -> String { SVGFormat.number(x) }
}
