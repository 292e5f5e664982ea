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

    /// Arc tangent in (-π/2, π/2); NaN stays NaN (`atanUnit` returns it).
    @inlinable
    public static func atan(_ x: Double) -> Double {
        let v = x.magnitude
        let r = v > 1 ? pi / 2 - atanUnit(1 / v) : atanUnit(v)
        return x < 0 ? -r : r
    }

    /// The angle of the point `(x, y)` from the positive x axis, in [-π, π].
    @inlinable
    public static func atan2(_ y: Double, _ x: Double) -> Double {
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 {
            if y == 0 { return 0 }
            return y > 0 ? pi / 2 : -pi / 2
        }
        let ax = x.magnitude, ay = y.magnitude
        // One division, by the larger magnitude, so the unit kernel always applies.
        let base = ay > ax ? pi / 2 - atanUnit(ax / ay) : atanUnit(ay / ax)
        if x > 0 { return y < 0 ? -base : base }
        return y < 0 ? -(pi - base) : pi - base
    }

    /// atan(v) for v in [0, 1] (NaN stays NaN). From the nearest eighth c = k/8:
    /// atan(v) = atan(c) + atan(t) with t = (v - c) / (1 + v c), |t| <= 1/16, where the odd series
    /// to t^11 is within t^13/13 < 2e-17 of atan(t).
    @usableFromInline
    static func atanUnit(_ v: Double) -> Double {
        guard v <= 1 else { return v.isNaN ? v : pi / 4 }
        // k = v·8 rounded to the nearest integer, read from the low bits of 2^52 + 2^51 + v·8
        // (no checked conversion to Int); c = k/8.
        let shifted = v * 8 + 6_755_399_441_055_744.0
        let k = Int(truncatingIfNeeded: shifted.bitPattern & 15)
        let c = (shifted - 6_755_399_441_055_744.0) * 0.125
        let t = (v - c) / (1 + v * c)
        let t2 = t * t
        var s = -1.0 / 11
        s = 1.0 / 9 + t2 * s
        s = -1.0 / 7 + t2 * s
        s = 1.0 / 5 + t2 * s
        s = -1.0 / 3 + t2 * s
        return atanOfEighth(k) + (t + t * t2 * s)
    }

    /// atan(k/8) for k in 0...8, correctly rounded (mpmath at 40 digits).
    @usableFromInline
    static func atanOfEighth(_ k: Int) -> Double {
        switch k {
        case 0: 0
        case 1: 0.12435499454676144
        case 2: 0.24497866312686414
        case 3: 0.35877067027057225
        case 4: 0.4636476090008061
        case 5: 0.5585993153435624
        case 6: 0.6435011087932844
        case 7: 0.7188299996216245
        default: 0.7853981633974483
        }
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
