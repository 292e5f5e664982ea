// Axis ranges and ticks: a time axis in seconds since midnight and a value axis in degrees.

/// A time axis from `fromSecond` to `toSecond` with a tick every `stepSeconds`.
struct TimeAxis: Equatable {
    var fromSecond: Double
    var toSecond: Double
    var stepSeconds: Double

    /// Tick steps a reader counts in, in minutes.
    private static let stepsMinutes: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360]

    /// The axis over `from`–`to` (seconds since midnight) with at most `maxTicks` intervals, its
    /// ends widened to whole steps and kept inside 0…`dayLength`.
    static func fitting(from: Double, to: Double, dayLength: Double, maxTicks: Double = 8) -> TimeAxis {
        let lo = clamp(from, 0, dayLength), hi = max(clamp(to, 0, dayLength), lo + 60)
        let step = (stepsMinutes.first { (hi - lo) / ($0 * 60) <= maxTicks } ?? 360) * 60
        let start = (lo / step).rounded(.down) * step
        let end = max((hi / step).rounded(.up) * step, start + step)
        return TimeAxis(fromSecond: start, toSecond: end, stepSeconds: step)
    }

    var ticks: [Double] {
        guard stepSeconds > 0, toSecond > fromSecond else { return [fromSecond] }
        let count = Int(((toSecond - fromSecond) / stepSeconds).rounded(.down))
        return (0...min(count, 400)).map { fromSecond + Double($0) * stepSeconds }
    }
}

/// A value axis in degrees with a tick every `stepDeg`.
struct DegreeAxis: Equatable {
    var lowDeg: Double
    var highDeg: Double
    var stepDeg: Double

    /// Covers `values` (those that are finite, within ±180°), 0 and a margin above the limits.
    static func covering(_ values: [Double], limits: [Double]) -> DegreeAxis {
        let shown = (values + limits).filter(\.isFinite).map { clamp($0, -180, 180) }
        let low = min(0, shown.min() ?? 0), high = max(10, (limits.filter(\.isFinite).max() ?? 0) + 5, shown.max() ?? 0)
        let step: Double = high - low <= 60 ? 10 : high - low <= 120 ? 20 : 30
        let lo = (low / step).rounded(.down) * step
        let hi = max((high / step).rounded(.up) * step, lo + step)
        return DegreeAxis(lowDeg: lo, highDeg: hi, stepDeg: step)
    }

    var ticks: [Double] {
        let count = Int(((highDeg - lowDeg) / stepDeg).rounded())
        return (0...max(0, min(count, 100))).map { lowDeg + Double($0) * stepDeg }
    }
}

func clamp(_ x: Double, _ lo: Double, _ hi: Double) -> Double {
    x.isFinite ? min(max(x, lo), hi) : lo
}
