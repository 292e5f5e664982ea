// The values `sensorlog-probe write` puts in each row (the same formulas as `Pattern` in
// Sources/sensorlog-probe/main.swift), so a test can check every row of a log the probe wrote.

enum ProbePattern {
    static func time(_ i: Int) -> Double { Double(i) / 100 }
    static func accel(_ i: Int, head: Bool) -> SIMD3<Double> {
        let a = SIMD3(Double(i % 2000) / 1000 - 1, Double((i * 7) % 1000) / 500 - 1, 1 - Double(i % 100) / 10000)
        return head ? -a : a
    }
    static func gyro(_ i: Int) -> SIMD3<Double> {
        let x = Double(i % 5000) / 10 - 250
        return SIMD3(x, -x / 2, Double(i % 3) - 1.0 / 3)
    }
}
