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

    /// ±10^(7 - k) at 2k (+) and 2k + 1 (−), k = 0...8 (1 for k = 8): what `oneWord` divides
    /// by for a point at byte k and a sign. Dividing by −10^n rounds to exactly the negated
    /// quotient (zero included: 0 / −10^n is −0, as −(0 / 10^n) is).
    private static let signedDivisors: [Double] = [
        1e7, -1e7, 1e6, -1e6, 1e5, -1e5, 1e4, -1e4, 1e3, -1e3, 1e2, -1e2, 1e1, -1e1, 1e0, -1e0, 1e0, -1e0,
    ]

    /// ±10^k at 2k (+) and 2k + 1 (−), k = 0...7: what `twoWords` divides by for k decimals and
    /// a sign.
    private static let signedPowers: [Double] = [
        1e0, -1e0, 1e1, -1e1, 1e2, -1e2, 1e3, -1e3, 1e4, -1e4, 1e5, -1e5, 1e6, -1e6, 1e7, -1e7,
    ]

    /// 10^k, k = 0...18, without an array's bounds check: `k` comes from a count of digits.
    @inline(__always)
    private static func power(_ k: Int) -> Double { powers.withUnsafeBufferPointer { $0[k] } }

    /// 10^k as an integer, k = 0...18, without an array's bounds check.
    @inline(__always)
    private static func integerPower(_ k: Int) -> UInt64 { integerPowers.withUnsafeBufferPointer { $0[k] } }

    /// The eight bytes at `p`, each minus "0": a digit becomes 0...9.
    @inline(__always)
    private static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) ^ 0x3030_3030_3030_3030
    }

    /// The top bit of each byte of `y` (a `load`) that is not a digit: a byte is a digit when its
    /// top bit is clear and its low seven bits are below 10, that is when taking 10 from it with
    /// its top bit set (no borrow can cross bytes then) clears that bit.
    @inline(__always)
    private static func nonDigits(_ y: UInt64) -> UInt64 {
        (((y | 0x8080_8080_8080_8080) &- 0x0A0A_0A0A_0A0A_0A0A) | y) & 0x8080_8080_8080_8080
    }

    /// `nonDigits` with one operation and one constant fewer, exact up to and including the
    /// second mark when the first is a point, which is all `oneWord` and `twoWords` read of it: adding 0x76 to a
    /// byte of 0x8A or more carries into the byte above, but such a byte is a mark already, so a
    /// mark is never lost, and one is only added above another mark, never above a point.
    @inline(__always)
    private static func firstMarks(_ y: UInt64) -> UInt64 {
        ((y &+ 0x7676_7676_7676_7676) | y) & 0x8080_8080_8080_8080
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

    /// The value of eight digits (0...9 each, the first byte the most significant), joined as in
    /// `value`.
    @inline(__always)
    private static func eight(_ v: UInt64) -> UInt64 {
        let v = (v &* (10 << 8 + 1)) >> 8 & 0x00FF_00FF_00FF_00FF
        let w = (v &* (100 << 16 + 1)) >> 16 & 0x0000_FFFF_0000_FFFF
        return (w &* (10_000 << 32 + 1)) >> 32
    }

    /// `[-]DIGITS.[DIGITS]` whose digits and point fit in the eight bytes after the sign, as the
    /// writer writes an acceleration or an angular rate: one load, and `p` moved past it. The
    /// caller must check that the byte `p` is then at is a comma or a newline, and must not use
    /// the value otherwise: it is only right when the number ends there. Nil unless the bytes after the
    /// sign are digits and then a point.
    ///
    /// The digits before the point move one byte up over it (a zero comes in front) and the bytes
    /// from the number's end on are cleared, so the eight bytes read as the mantissa times
    /// 10^(8 - end) for a number of `end` bytes; dividing that exact integer (below 10^8) by
    /// 10^(7 - point) gives the same double as `strtod`, as both are the one correctly rounded
    /// quotient. ("1." is 1, as `strtod` reads it.)
    @inline(__always)
    static func oneWord(_ p: inout UnsafeMutablePointer<UInt8>) -> Double? {
        let negative = p.pointee == 45 ? 1 : 0  // "-"
        let q = p + negative
        let y = load(q)
        let marks = firstMarks(y)
        guard marks & 0x80 == 0 else { return nil }  // a digit first
        let pointBit = marks.trailingZeroBitCount  // 8 × the point's offset + 7; 64: no mark
        let point = pointBit &>> 3
        guard q[point] == 46 else { return nil }  // "." (at most the ninth byte: the buffer is padded)
        let rest = marks & (marks &- 1)  // the marks after the point
        let below = (UInt64(2) &<< UInt64(pointBit)) &- 1  // bytes 0...point
        let keep = ((rest & (0 &- rest)) &>> 7) &- 1  // the bytes before the number's end
        let moved = y ^ ((y ^ (y &<< 8)) & below)
        let mantissa = eight(moved & keep)
        p = q + (rest.trailingZeroBitCount &>> 3)
        let divisor = signedDivisors.withUnsafeBufferPointer { $0[point &* 2 &+ negative] }
        return Double(Int64(bitPattern: mantissa)) / divisor
    }

    /// `count` (one or more) `oneWord` numbers separated by commas, stored at `out`; `p` is moved
    /// to the byte after the last, which the caller checks. False (and `p` anywhere) when one of
    /// them is not a `oneWord` number or is not followed by a comma.
    @inline(never)
    static func numbers(_ p: inout UnsafeMutablePointer<UInt8>, _ count: Int, into out: UnsafeMutablePointer<Double>) -> Bool {
        var q = p
        var o = out
        let last = out + (count &- 1)
        while true {
            guard let v = oneWord(&q) else { return false }
            o.pointee = v
            if o == last { break }
            o += 1
            guard q.pointee == 44 else { return false }  // ","
            q += 1
        }
        p = q
        return true
    }

    /// `[-]DIGITS.DIGITS` with one to seven digits on each side of the point, as the writer
    /// writes a time: two loads. Returns the value with `p` moved past it, or nil with `p`
    /// unchanged. The byte after the number is not a digit but is not checked further.
    @inline(__always)
    static func twoWords(_ p: inout UnsafeMutablePointer<UInt8>) -> Double? {
        let negative = p.pointee == 45 ? 1 : 0  // "-"
        let q = p + negative
        let y = load(q)
        let pointBit = firstMarks(y).trailingZeroBitCount
        guard UInt(bitPattern: pointBit &- 15) <= 48 else { return nil }  // a point at byte 1...7
        let point = pointBit &>> 3
        guard q[point] == 46 else { return nil }  // "."
        let f = q + point + 1
        let z = load(f)
        let decimalBit = firstMarks(z).trailingZeroBitCount
        guard UInt(bitPattern: decimalBit &- 15) <= 48 else { return nil }  // one to seven decimals
        let decimals = decimalBit &>> 3
        let mantissa = value(y, count: point) &* integerPower(decimals) &+ value(z, count: decimals)
        p = f + decimals
        let divisor = signedPowers.withUnsafeBufferPointer { $0[decimals &* 2 &+ negative] }
        return Double(Int64(bitPattern: mantissa)) / divisor
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
