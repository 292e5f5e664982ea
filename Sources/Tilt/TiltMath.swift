// Elementary functions in pure Swift, so the core needs no libm (Embedded Swift has none) and gives
// the same bits on every platform. Accuracy is checked against Glibc in TiltMathTests (about 1e-15).

/// Deterministic elementary functions used by the core. Angles in radians unless a name says degrees.
public enum TiltMath {
    public static let pi = 3.141_592_653_589_793_238_46
    public static let degreesPerRadian = 180 / pi
    public static let radiansPerDegree = pi / 180

    /// Sine, for any finite angle in radians.
    @inlinable
    public static func sin(_ x: Double) -> Double {
        let (r, quadrant) = reduce(x)
        switch quadrant & 3 {
        case 0: return sinKernel(r)
        case 1: return cosKernel(r)
        case 2: return -sinKernel(r)
        default: return -cosKernel(r)
        }
    }

    /// Cosine, for any finite angle in radians.
    @inlinable
    public static func cos(_ x: Double) -> Double {
        let (r, quadrant) = reduce(x)
        switch quadrant & 3 {
        case 0: return cosKernel(r)
        case 1: return -sinKernel(r)
        case 2: return -cosKernel(r)
        default: return sinKernel(r)
        }
    }

    /// Arc tangent in (-π/2, π/2).
    @inlinable
    public static func atan(_ x: Double) -> Double {
        if x.isNaN { return x }
        var v = x < 0 ? -x : x
        var offset = 0.0
        if v > 1 {  // atan(v) = π/2 - atan(1/v)
            v = 1 / v
            offset = pi / 2
        }
        // Two half-angle steps, atan(v) = 2 atan(v / (1 + sqrt(1 + v²))), bring v below tan(π/16).
        v = v / (1 + (1 + v * v).squareRoot())
        v = v / (1 + (1 + v * v).squareRoot())
        let v2 = v * v
        // Taylor series to v^19; the truncation error is below v^21/21 < 1e-16 for v < 0.2.
        var s = -1.0 / 19
        s = 1.0 / 17 + v2 * s
        s = -1.0 / 15 + v2 * s
        s = 1.0 / 13 + v2 * s
        s = -1.0 / 11 + v2 * s
        s = 1.0 / 9 + v2 * s
        s = -1.0 / 7 + v2 * s
        s = 1.0 / 5 + v2 * s
        s = -1.0 / 3 + v2 * s
        s = 1 + v2 * s
        var result = 4 * v * s
        if offset != 0 { result = offset - result }
        return x < 0 ? -result : result
    }

    /// The angle of the point `(x, y)` from the positive x axis, in [-π, π].
    @inlinable
    public static func atan2(_ y: Double, _ x: Double) -> Double {
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 {
            if y == 0 { return 0 }
            return y > 0 ? pi / 2 : -pi / 2
        }
        let a = (y / x).magnitude
        let base: Double
        if a.isInfinite { base = pi / 2 } else { base = atan(a) }
        if x > 0 { return y < 0 ? -base : base }
        return y < 0 ? -(pi - base) : pi - base
    }

    /// Arc sine with the argument clamped to [-1, 1] (rounding can push a dot product past 1).
    @inlinable
    public static func asin(clamping x: Double) -> Double {
        let c = x > 1 ? 1 : (x < -1 ? -1 : x)
        return atan2(c, (1 - c * c).squareRoot())
    }

    /// Arc cosine with the argument clamped to [-1, 1].
    @inlinable
    public static func acos(clamping x: Double) -> Double {
        let c = x > 1 ? 1 : (x < -1 ? -1 : x)
        return atan2((1 - c * c).squareRoot(), c)
    }

    // Reduces x to r in [-π/4, π/4] and the quadrant k, x = r + k π/2 (Cody-Waite, two-part π/2).
    @usableFromInline
    static func reduce(_ x: Double) -> (Double, Int) {
        let k = x * (2 / pi)
        let n = Double(Int64(k < 0 ? k - 0.5 : k + 0.5))
        let r = (x - n * 1.570_796_326_794_896_558) - n * 6.123_233_995_736_766e-17
        return (r, Int(Int64(n) & 3))
    }

    @usableFromInline
    static func sinKernel(_ r: Double) -> Double {
        let r2 = r * r
        var s = -1.0 / 1_307_674_368_000  // -1/15!
        s = 1.0 / 6_227_020_800 + r2 * s
        s = -1.0 / 39_916_800 + r2 * s
        s = 1.0 / 362_880 + r2 * s
        s = -1.0 / 5040 + r2 * s
        s = 1.0 / 120 + r2 * s
        s = -1.0 / 6 + r2 * s
        return r + r * r2 * s
    }

    @usableFromInline
    static func cosKernel(_ r: Double) -> Double {
        let r2 = r * r
        var c = 1.0 / 20_922_789_888_000  // 1/16!
        c = -1.0 / 87_178_291_200 + r2 * c
        c = 1.0 / 479_001_600 + r2 * c
        c = -1.0 / 3_628_800 + r2 * c
        c = 1.0 / 40320 + r2 * c
        c = -1.0 / 720 + r2 * c
        c = 1.0 / 24 + r2 * c
        c = -0.5 + r2 * c
        return 1 + r2 * c
    }
}
