@testable import Charts
import Testing

@Suite("SVG number and text formatting")
struct SVGFormatTests {
    @Test("coordinates have at most one decimal, keep their sign, and are never NaN or infinite")
    func numbers() {
        #expect(SVGFormat.number(12) == "12" && SVGFormat.number(12.04) == "12" && SVGFormat.number(12.06) == "12.1")
        #expect(SVGFormat.number(-0.5) == "-0.5" && SVGFormat.number(-3.25) == "-3.3" && SVGFormat.number(-0.01) == "0")
        #expect(SVGFormat.number(.nan) == "0" && SVGFormat.number(.infinity) == "0" && SVGFormat.number(1e300) == "10000000")
        #expect(SVGFormat.opacity(0.15) == "0.15" && SVGFormat.opacity(0.4) == "0.4" && SVGFormat.opacity(0.05) == "0.05")
        #expect(SVGFormat.opacity(1) == "1" && SVGFormat.opacity(0) == "0" && SVGFormat.opacity(.nan) == "1")
    }

    @Test("times of day are HH:MM, the day's end 24:00; durations and percentages read as people write them")
    func clockAndDurations() {
        #expect(SVGFormat.clock(0) == "00:00" && SVGFormat.clock(9 * 3600 + 5 * 60) == "09:05" && SVGFormat.clock(86_400) == "24:00")
        #expect(SVGFormat.clock(.nan) == "00:00")
        #expect(SVGFormat.duration(42) == "42 s" && SVGFormat.duration(12 * 60 + 5) == "12 min" && SVGFormat.duration(3 * 3600 + 300) == "3 h 05 min")
        #expect(SVGFormat.percent(54.6) == "55%" && SVGFormat.percent(.nan) == "–")
    }

    @Test("all five XML specials are escaped, other characters kept")
    func escaping() {
        #expect(SVGFormat.escaped(#"a&b<c>d"e'f °–"#) == "a&amp;b&lt;c&gt;d&quot;e&apos;f °–")
    }
}
