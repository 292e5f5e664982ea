// Decimal numbers read straight from a line's bytes, eight digits at a time: no String, no strtod.

/// Reads `[-]DIGITS[.DIGITS]` from bytes, as `SensorLogWriter` writes numbers. The digits are read
/// eight at a time from one unaligned 64-bit load, so the bytes up to 8 past the number's end must
/// be readable (`LineReader` pads its buffer for this); a non-digit byte (the NUL after a line
/// included) ends a run of digits, so nothing past the line's end is ever taken as part of it.
///
/// The value is exact whenever it is returned: the digits make an integer below 2^53 and the power
/// of ten dividing it is an exact double, so one IEEE division rounds correctly and gives the
/// double `strtod` gives, bit for bit. Anything else (an exponent, spaces, more digits) gives nil,
/// and the caller reads the field the slow way.
enum DecimalScan {
    /// 10^k as integers, k = 0...18 (literals, so the table is static data).
    private static let integerPowers: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ]
    /// 10^k as doubles, exact, k = 0...18.
    private static let powers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    ]

    /// The eight bytes at `p`, each minus "0": a digit becomes 0...9.
    @inline(__always)
    private static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) ^ 0x3030_3030_3030_3030
    }

    /// The top bit of each byte of `y` (a `load`) that is not a digit: a byte is a digit when its
    /// top bit is clear and adding 0x76 to its low seven bits does not reach 0x80.
    @inline(__always)
    private static func nonDigits(_ y: UInt64) -> UInt64 {
        (((y & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | y) & 0x8080_8080_8080_8080
    }

    /// The value of the `count` (1...8) digits at the start of `y` (a `load`; the first byte is the
    /// lowest, the most significant digit).
    @inline(__always)
    private static func value(_ y: UInt64, count: Int) -> UInt64 {
        // Shift the digits to the top, zeros in front of them; then pairs of bytes, pairs of
        // 16-bit lanes and the two 32-bit halves are each joined in one multiplication:
        // (x * (k << s + 1)) >> s adds k times each lane to the lane above it, in the lane above.
        var v = (y &<< UInt64((8 - count) &* 8)) & 0x0F0F_0F0F_0F0F_0F0F
        v = (v &* (10 << 8 + 1)) >> 8 & 0x00FF_00FF_00FF_00FF
        v = (v &* (100 << 16 + 1)) >> 16 & 0x0000_FFFF_0000_FFFF
        return (v &* (10_000 << 32 + 1)) >> 32
    }

    /// The leading decimal digits (at most eight) of the eight bytes at `p`: their value and count.
    @inline(__always)
    static func eightDigits(_ p: UnsafePointer<UInt8>) -> (value: UInt64, count: Int) {
        let y = load(p)
        let count = nonDigits(y).trailingZeroBitCount >> 3
        guard count > 0 else { return (0, 0) }
        return (value(y, count: count), count)
    }

    /// `DIGITS.DIGITS` within the eight bytes at `p` (the byte after them not a digit), as the
    /// writer writes an acceleration or an angular rate, read with one load; `p` moved past it.
    @inline(__always)
    static func shortNumber(_ p: inout UnsafeMutablePointer<UInt8>) -> Double? {
        let y = load(p)
        let marks = nonDigits(y)
        let point = marks.trailingZeroBitCount >> 3
        guard point > 0, point < 7, (y &>> UInt64(point &* 8)) & 0xFF == 0x1E else { return nil }  // "." ^ "0"
        let end = (marks & (marks &- 1)).trailingZeroBitCount >> 3  // 8: no other mark in the word
        guard end > point + 1, end < 8 || p[8] &- 48 > 9 else { return nil }
        let before = (UInt64(1) &<< UInt64(point &* 8)) &- 1
        let joined = (y & before) | ((y >> 8) & ~before)  // the point taken out
        let mantissa = value(joined, count: end &- 1)
        p += end
        return Double(Int64(bitPattern: mantissa)) / powers[end &- point &- 1]
    }

    /// `DIGITS.DIGITS` with one to seven digits before the point and one to eight after it, as
    /// the writer writes every number, read with two loads; `p` moved past it. At most 15 digits,
    /// so the mantissa is below 2^53.
    @inline(__always)
    static func pointNumber(_ p: inout UnsafeMutablePointer<UInt8>) -> Double? {
        let y = load(p)
        let point = nonDigits(y).trailingZeroBitCount >> 3
        guard point > 0, point < 8, (y &>> UInt64(point &* 8)) & 0xFF == 0x1E else { return nil }  // "." ^ "0"
        let f = p + point + 1
        let z = load(f)
        let decimals = nonDigits(z).trailingZeroBitCount >> 3
        guard decimals > 0, decimals < 8 || f[8] &- 48 > 9 else { return nil }
        let mantissa = value(y, count: point) &* integerPowers[decimals] &+ value(z, count: decimals)
        p = f + decimals
        return Double(Int64(bitPattern: mantissa)) / powers[decimals]
    }

    /// A run of digits at `p`, moved past; its value and length, nil beyond 18 digits.
    @inline(__always)
    static func digits(_ p: inout UnsafeMutablePointer<UInt8>) -> (value: UInt64, count: Int)? {
        var value: UInt64 = 0
        var total = 0
        while true {
            let (v, n) = eightDigits(p)
            value = value &* integerPowers[n] &+ v
            p += n
            total += n
            if n < 8 { return total <= 18 ? (value, total) : nil }
            if total > 16 { return nil }
        }
    }

    /// The number at `p`, with `p` moved to the byte after it; nil (and `p` anywhere) when the
    /// bytes are not `[-]DIGITS[.DIGITS]` with an exact value. `wide` tries the two-load form
    /// first, for a field usually longer than eight bytes (a time).
    @inline(__always)
    static func number(_ p: inout UnsafeMutablePointer<UInt8>, wide: Bool = false) -> Double? {
        let negative = p.pointee == 45  // "-"
        var q = negative ? p + 1 : p
        guard let v = wide ? pointNumber(&q) : shortNumber(&q) else { return longNumber(&p) }
        p = q
        return negative ? -v : v
    }

    /// `number` for what `shortNumber` does not take: the two-load form, then runs of digits of
    /// any length.
    @inline(never)
    static func longNumber(_ p: inout UnsafeMutablePointer<UInt8>) -> Double? {
        let negative = p.pointee == 45  // "-"
        if negative { p += 1 }
        var q = p
        if let v = pointNumber(&q) {
            p = q
            return negative ? -v : v
        }
        guard let whole = digits(&p), whole.count > 0 else { return nil }
        var mantissa = whole.value
        var decimals = 0
        if p.pointee == 46 {  // "."
            p += 1
            guard let fraction = digits(&p), fraction.count > 0, whole.count + fraction.count <= 18 else { return nil }
            mantissa = mantissa &* integerPowers[fraction.count] &+ fraction.value
            decimals = fraction.count
        }
        guard mantissa < 1 << 53 else { return nil }
        let value = Double(Int64(bitPattern: mantissa)) / powers[decimals]
        return negative ? -value : value
    }
}
