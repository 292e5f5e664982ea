/// Watches raw samples for data that cannot be real.
///
/// A live MEMS sensor never repeats the exact same 16-bit reading on every
/// axis for long: its noise moves at least one LSB. A run of identical
/// samples means a frozen chip or a bus returning stale bytes. Saturation
/// (an axis at the end of its range) marks the sample, since a knock can
/// legitimately clip for a moment.
public struct DataHealth: Sendable {
    /// Identical consecutive samples that count as stuck.
    public var stuckAfter: Int
    public private(set) var repeats = 0
    private var last: RawSample?

    public init(stuckAfter: Int = 50) {
        precondition(stuckAfter >= 2, "stuck needs at least two equal samples")
        self.stuckAfter = stuckAfter
    }

    /// Observes one sample; returns whether it is saturated. Reports stuck
    /// data by returning `true` in `stuck`.
    public mutating func observe(_ sample: RawSample, fullScaleCounts: Int16 = .max) -> (saturated: Bool, stuck: Bool) {
        if sample == last { repeats += 1 } else { repeats = 1 }
        last = sample
        let limit = fullScaleCounts
        func clipped(_ v: SIMD3<Int16>) -> Bool {
            v.x >= limit || v.y >= limit || v.z >= limit || v.x <= -limit || v.y <= -limit || v.z <= -limit
        }
        let saturated = clipped(sample.acceleration) || (sample.angularRate.map(clipped) ?? false)
        return (saturated, repeats >= stuckAfter)
    }

    public mutating func reset() {
        repeats = 0
        last = nil
    }
}
