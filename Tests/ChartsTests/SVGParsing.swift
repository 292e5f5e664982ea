import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of a parsed SVG: its name, attributes and text.
struct ParsedElement {
    var name: String
    var attributes: [String: String]
    var text = ""

    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    func number(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }
}

/// The SVG parsed with Foundation's XMLParser; `nil` when it is not well-formed XML.
struct ParsedSVG {
    var elements: [ParsedElement] = []

    init?(_ svg: String) {
        let delegate = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        elements = delegate.elements
    }

    func withClass(_ name: String) -> [ParsedElement] { elements.filter { $0.classes.contains(name) } }
    func texts(_ className: String) -> [String] { withClass(className).map(\.text) }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [ParsedElement] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(ParsedElement(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = open.last { elements[i].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }
}

/// A small deterministic generator (SplitMix64) for the property tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What the readability tests measure: sizes as shown and where text reaches.
extension ParsedSVG {
    /// The `viewBox`'s width and height (the design size).
    var viewBox: (width: Double, height: Double)? {
        let parts = (elements.first?.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
        return parts.count == 4 ? (parts[2], parts[3]) : nil
    }

    var texts: [ParsedElement] { elements.filter { $0.name == "text" } }

    /// The smallest font size as shown when the picture is `displayWidth` px wide.
    func smallestTextPx(atDisplayWidth displayWidth: Double) -> Double? {
        guard let width = viewBox?.width, let smallest = texts.compactMap({ $0.number("font-size") }).min() else { return nil }
        return smallest * displayWidth / width
    }

    /// The texts whose estimated horizontal extent (0.6 × font size a character, placed by
    /// `text-anchor`; a text turned a quarter turn, its height) leaves the `viewBox`.
    var textsBeyondViewBox: [String] {
        guard let width = viewBox?.width else { return ["no viewBox"] }
        return texts.filter { text in
            let size = text.number("font-size") ?? 0, x = text.number("x") ?? 0
            if text.attributes["transform"] != nil { return x - size < 0 || x > width }
            let extent = 0.6 * size * Double(text.text.count)
            let left = switch text.attributes["text-anchor"] {
            case "middle": x - extent / 2
            case "end": x - extent
            default: x
            }
            return left < 0 || left + extent > width
        }.map(\.text)
    }

    /// The plot's box from its axis lines (`class="axis"`, the vertical one first) or, for the
    /// week, its gridlines (0% at the bottom, 100% at the top).
    var plotBox: (left: Double, right: Double, top: Double, bottom: Double)? {
        let axes = withClass("axis")
        if axes.count == 2, let left = axes[0].number("x1"), let top = axes[0].number("y1"), let bottom = axes[0].number("y2"),
           let right = axes[1].number("x2") {
            return (left, right, top, bottom)
        }
        let grid = withClass("grid")
        guard let first = grid.first, let last = grid.last, let left = first.number("x1"), let right = first.number("x2"),
              let bottom = first.number("y1"), let top = last.number("y1") else { return nil }
        return (left, right, top, bottom)
    }
}
