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
