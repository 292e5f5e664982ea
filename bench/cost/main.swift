// Drives TiltFilter.update (or AccelerometerTilt.update) N times over a fixed table of realistic
// samples, for instruction counting with callgrind: the cost per sample is the difference
// between runs of N and 2N samples, divided by N, so set-up and exit cancel out.
import Tilt

let args = CommandLine.arguments
let n = args.count > 1 ? Int(args[1]) ?? 100_000 : 100_000
let which = args.count > 2 ? args[2] : "gyro"

// 1024 samples of a body turning and accelerating, with noise (fixed seed).
var table: [(Vector3, Vector3)] = []
var seed: UInt64 = 12345
func noise() -> Double {
    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(seed >> 11) / Double(1 << 53) - 0.5
}
var q = Quaternion.identity
for i in 0..<1024 {
    let t = Double(i) * 0.0035
    let w = Vector3(120 * TiltMath.sin(3 * t), 80 * TiltMath.cos(5 * t), 40 * TiltMath.sin(7 * t + 1))
    q = (q * Quaternion(axis: w, angleRadians: w.length * TiltMath.radiansPerDegree * 0.0035)).normalized
    let a = q.inverseRotate(Vector3(0.2 * TiltMath.sin(9 * t), 0, 1))
    table.append((w + Vector3(noise(), noise(), noise()) * 0.5, a + Vector3(noise(), noise(), noise()) * 0.01))
}

// The loops read the table through an unsafe buffer, so that bounds checks and reference
// counting of the driver do not count as the filter's cost.
@inline(never)
func runGyro(_ count: Int, latency_s: Double) -> Vector3 {
    var f = TiltFilter(settings: TiltFilter.Settings(sensorLatencySeconds: latency_s))
    table.withUnsafeBufferPointer { t in
        for i in 0..<count {
            let s = t[i & 1023]
            f.update(gyro: s.0, accel: s.1, dt: 0.0035)
        }
    }
    return f.up
}

@inline(never)
func runAccel(_ count: Int) -> Vector3 {
    var f = AccelerometerTilt()
    table.withUnsafeBufferPointer { t in
        for i in 0..<count {
            f.update(accel: t[i & 1023].1, dt: 0.0035)
        }
    }
    return f.up
}

// "gyro-latency": with the sensor-latency prediction on (any non-zero latency costs the same).
let up = which == "accel" ? runAccel(n) : runGyro(n, latency_s: which == "gyro-latency" ? 0.004375 : 0)
print("\(which) \(n) samples, final up \(up.x) \(up.y) \(up.z)")
