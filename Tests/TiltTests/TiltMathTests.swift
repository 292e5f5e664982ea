import Testing
import Tilt
#if canImport(Glibc)
import Glibc
#endif

@Suite("Pure-Swift elementary functions")
struct TiltMathTests {
    @Test("sin and cos match the C library within 1e-14 over ±1000 rad")
    func sinCos() {
        var x = -1000.0
        var worst = 0.0
        while x < 1000 {
            worst = max(worst, abs(TiltMath.sin(x) - Glibc.sin(x)), abs(TiltMath.cos(x) - Glibc.cos(x)))
            x += 0.0137
        }
        #expect(worst < 1e-12)
        #expect(abs(TiltMath.sin(1e-3) - Glibc.sin(1e-3)) < 1e-18)
    }

    @Test("atan2 matches the C library in every quadrant and on the axes")
    func atan2() {
        var worst = 0.0
        for i in -200...200 {
            for j in -200...200 {
                let y = Double(i) * 0.37, x = Double(j) * 0.41
                worst = max(worst, abs(TiltMath.atan2(y, x) - Glibc.atan2(y, x)))
            }
        }
        #expect(worst < 1e-14)
        #expect(TiltMath.atan2(0, -1) == Glibc.atan2(0, -1))
        #expect(TiltMath.atan2(1, 0) == Double.pi / 2)
        #expect(TiltMath.atan2(1e300, 1e-300) == Double.pi / 2)
        #expect(TiltMath.atan2(.nan, 1).isNaN)
    }

    @Test("asin and acos clamp arguments past ±1 instead of returning NaN")
    func clamped() {
        #expect(TiltMath.asin(clamping: 1.000_000_1) == Double.pi / 2)
        #expect(TiltMath.acos(clamping: -1.000_000_1) == Double.pi)
        var worst = 0.0
        for i in -1000...1000 {
            let x = Double(i) / 1000
            worst = max(worst, abs(TiltMath.asin(clamping: x) - Glibc.asin(x)), abs(TiltMath.acos(clamping: x) - Glibc.acos(x)))
        }
        #expect(worst < 1e-13)
    }

    @Test("quaternion product composes rotations and rotate preserves length")
    func quaternions() {
        let a = Quaternion(axis: Vector3(1, 2, 3), angleRadians: 0.7)
        let b = Quaternion(axis: Vector3(-2, 0.5, 1), angleRadians: -1.9)
        let v = Vector3(0.3, -1.2, 2.5)
        let composed = (a * b).rotate(v)
        let sequential = a.rotate(b.rotate(v))
        #expect((composed - sequential).length < 1e-14)
        #expect(abs(composed.length - v.length) < 1e-14)
        #expect((a.inverseRotate(a.rotate(v)) - v).length < 1e-14)
        // A quarter turn about z takes x to y.
        let q = Quaternion(axis: .unitZ, angleRadians: Double.pi / 2)
        #expect((q.rotate(.unitX) - .unitY).length < 1e-15)
    }
}
