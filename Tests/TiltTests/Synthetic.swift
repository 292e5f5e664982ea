// Synthetic motion with known truth, shared by the Tilt tests.
import Tilt

/// A deterministic pseudo-random generator (SplitMix64), so tests are reproducible.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [-1, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 52) - 1 }
    /// Roughly normal, unit variance (sum of uniforms).
    mutating func gaussian() -> Double {
        var s = 0.0
        for _ in 0..<6 { s += uniform() }
        return s / 1.414
    }
}

/// Angle between two directions, in degrees.
func angleDeg(_ a: Vector3, _ b: Vector3) -> Double {
    guard let u = a.normalized, let v = b.normalized else { return .nan }
    return TiltMath.acos(clamping: u.dot(v)) * TiltMath.degreesPerRadian
}

/// A body rotating with a smooth, varying angular rate, optionally accelerating, sampled at `rate`
/// Hz. `orientation` maps sensor to earth (z up). Gyro in deg/s, accel in g (specific force).
struct SyntheticMotion {
    var orientation: Quaternion
    var time = 0.0

    init(start: Quaternion = .identity) { orientation = start }

    /// Angular rate in the sensor frame at time t, deg/s.
    static func rate(at t: Double, amplitudeDegPerSecond a: Double) -> Vector3 {
        Vector3(a * TiltMath.sin(0.7 * t), a * 0.8 * TiltMath.sin(1.1 * t + 1), a * 0.6 * TiltMath.cos(0.5 * t))
    }

    /// Advances by dt with rate w (deg/s, sensor frame) using the exact rotation.
    mutating func step(rate w: Vector3, dt: Double) {
        let angle = w.length * TiltMath.radiansPerDegree * dt
        if angle > 0 { orientation = (orientation * Quaternion(axis: w, angleRadians: angle)).normalized }
        time += dt
    }

    /// Up in the sensor frame.
    var up: Vector3 { orientation.inverseRotate(.unitZ) }

    /// Accelerometer reading (g) for a linear acceleration given in the earth frame (g).
    func accel(linearEarth: Vector3 = .zero) -> Vector3 { orientation.inverseRotate(Vector3.unitZ + linearEarth) }
}
