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
