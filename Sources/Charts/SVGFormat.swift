// Numbers, times and text as they appear in the SVG (no Foundation: formatted by hand).

enum SVGFormat {
    /// `&<>"'` as entities, so any text is safe in content and in attribute values.
    static func escaped(_ text: String) -> String {
        var s = ""
        s.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": s += "&amp;"
            case "<": s += "&lt;"
            case ">": s += "&gt;"
            case "\"": s += "&quot;"
            case "'": s += "&apos;"
            default: s.append(c)
            }
        }
        return s
    }

    /// A coordinate with at most one decimal (`12`, `-3.5`); never `nan` or `inf`: a value that is
    /// not finite is written 0, and magnitudes are clamped to 10⁷.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let tenths = Int((min(max(x, -1e7), 1e7) * 10).rounded())
        let whole = tenths / 10, tenth = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return tenth == 0 ? "\(whole)" : "\(sign)\(whole).\(tenth)"
    }

    /// An opacity from 0 to 1 with two decimals: `0.15`, `1`.
    static func opacity(_ x: Double) -> String {
        let hundredths = x.isFinite ? Int((min(max(x, 0), 1) * 100).rounded()) : 100
        if hundredths == 100 || hundredths == 0 { return "\(hundredths / 100)" }
        return hundredths < 10 ? "0.0\(hundredths)" : "0.\(hundredths % 10 == 0 ? "\(hundredths / 10)" : "\(hundredths)")"
    }

    /// Seconds since local midnight as HH:MM (`09:05`; the end of the day is `24:00`).
    static func clock(_ secondsOfDay: Double) -> String {
        let minutes = secondsOfDay.isFinite ? Int((min(max(secondsOfDay, 0), 200_000) / 60).rounded()) : 0
        return twoDigits(minutes / 60 > 24 ? minutes / 60 - 24 : minutes / 60) + ":" + twoDigits(minutes % 60)
    }

    /// A percentage rounded to a whole number: `55%`.
    static func percent(_ value: Double) -> String {
        value.isFinite ? "\(Int(min(max(value, -1e6), 1e6).rounded()))%" : "–"
    }

    /// A duration for people: `42 s`, `12 min`, `3 h 05 min`.
    static func duration(_ seconds: Double) -> String {
        let s = seconds.isFinite ? Int(min(max(seconds, 0), 1e9).rounded()) : 0
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min" }
        return "\(s / 3600) h \(twoDigits((s % 3600) / 60)) min"
    }

    /// Degrees: `15°`, `-2.5°`.
    static func degrees(_ value: Double) -> String { number(value) + "°" }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
