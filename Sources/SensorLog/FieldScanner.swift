// Comma-separated fields of one line, in place, and the numbers in them: no allocation on success.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A field: bytes inside the line buffer.
struct Field {
    var start: UnsafeMutablePointer<UInt8>
    var count: Int

    /// Without spaces and tabs at either end.
    var trimmed: Field {
        var s = 0
        var e = count
        while s < e, start[s] == 32 || start[s] == 9 { s += 1 }
        while e > s, start[e - 1] == 32 || start[e - 1] == 9 { e -= 1 }
        return Field(start: start + s, count: e - s)
    }

    var isEmpty: Bool { trimmed.count == 0 }

    /// The field as text for an error message, at most 64 bytes.
    var text: String {
        let t = trimmed
        let clipped = min(t.count, 64)
        let s = String(decoding: UnsafeBufferPointer(start: t.start, count: clipped), as: UTF8.self)
        return clipped < t.count ? s + "…" : s
    }

    /// The field as text, unchanged.
    var string: String { String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) }

    func equals(_ bytes: [UInt8]) -> Bool {
        guard count == bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { b in memcmp(start, b.baseAddress!, count) == 0 }
    }

    /// A finite decimal number (digits, sign, point, exponent; spaces around it allowed), or nil.
    func number() -> Double? {
        let t = trimmed
        guard t.count > 0 else { return nil }
        if let v = t.exactDecimal() { return v }
        for i in 0..<t.count where !HeaderParser.isNumberByte(t.start[i]) { return nil }
        let after = t.start[t.count]
        t.start[t.count] = 0  // strtod reads up to a NUL; the byte is put back below
        var endPointer: UnsafeMutablePointer<CChar>? = nil
        var consumed = -1
        let value = t.start.withMemoryRebound(to: CChar.self, capacity: t.count + 1) { p in
            let v = strtod(p, &endPointer)
            if let e = endPointer { consumed = e - p }
            return v
        }
        t.start[t.count] = after
        guard consumed == t.count, value.isFinite else { return nil }
        return value
    }
}

extension Field {
    /// Powers of ten that a Double holds exactly.
    private static let exactPowers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { p, _ in p * 10 } }

    /// The fast path for the numbers a log usually holds: when the digits fit in 2^53 and the
    /// decimal exponent in ±22, mantissa and power of ten are both exact doubles, so one IEEE
    /// multiplication or division rounds correctly and gives what `strtod` gives. Returns nil for
    /// anything else (including anything malformed), which then goes through `strtod`.
    fileprivate func exactDecimal() -> Double? {
        var i = 0
        var negative = false
        if start[0] == 45 || start[0] == 43 {  // "-" "+"
            negative = start[0] == 45
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0  // decimal exponent from the point
        var seenPoint = false
        while i < count {
            let b = start[i]
            if b >= 48 && b <= 57 {
                if mantissa == 0 && b == 48 {
                    if seenPoint { scale -= 1 }
                } else {
                    guard digits < 16 else { return nil }
                    mantissa = mantissa * 10 + UInt64(b - 48)
                    digits += 1
                    if seenPoint { scale -= 1 }
                }
            } else if b == 46, !seenPoint {  // "."
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        let mantissaEnd = i
        let digitCount = mantissaEnd - (negative || start[0] == 43 ? 1 : 0) - (seenPoint ? 1 : 0)
        guard digitCount > 0 else { return nil }
        if i < count {
            guard start[i] == 101 || start[i] == 69 else { return nil }  // "e" "E"
            i += 1
            var expNegative = false
            if i < count, start[i] == 45 || start[i] == 43 {
                expNegative = start[i] == 45
                i += 1
            }
            guard i < count else { return nil }
            var e = 0
            while i < count {
                let b = start[i]
                guard b >= 48 && b <= 57, e < 1000 else { return nil }
                e = e * 10 + Int(b - 48)
                i += 1
            }
            scale += expNegative ? -e : e
        }
        guard mantissa < (1 << 53) else { return nil }
        var value = Double(mantissa)
        if mantissa != 0 {
            guard scale >= -22 && scale <= 22 else { return nil }
            value = scale < 0 ? value / Field.exactPowers[-scale] : value * Field.exactPowers[scale]
        }
        return negative ? -value : value
    }
}

/// Walks the comma-separated fields of a line from left to right.
struct FieldScanner {
    private let base: UnsafeMutablePointer<UInt8>
    private let count: Int
    private var position = 0
    private var exhausted = false

    init(_ line: LineReader.Line) {
        base = line.start
        count = line.count
    }

    /// The next field, or nil after the last one.
    mutating func next() -> Field? {
        guard !exhausted else { return nil }
        let s = position
        var i = position
        while i < count, base[i] != 44 { i += 1 }
        if i >= count { exhausted = true }
        position = i + 1
        return Field(start: base + s, count: i - s)
    }

    /// Everything after the fields taken so far, commas included; nil after the last field.
    mutating func rest() -> Field? {
        guard !exhausted else { return nil }
        exhausted = true
        return Field(start: base + position, count: count - position)
    }
}
