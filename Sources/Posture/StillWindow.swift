// Detects a still window for calibration.
import Tilt

/// A pose held still: the mean up direction over the stillest part of the window.
public struct StillPose: Equatable, Sendable {
    /// Unit up direction in the sensor frame.
    public var up: Vector3
    /// Source time of the window's last sample, in seconds.
    public var endTimeSeconds: Double

    public init(up: Vector3, endTimeSeconds: Double) {
        self.up = up
        self.endTimeSeconds = endTimeSeconds
    }
}

/// Accumulates accelerometer (and gyroscope) samples over a window and decides whether the wearer
/// held still.
///
/// People are never perfectly still: a held pose drifts by 0.3–1.8° over a few seconds, breathing
/// rocks the upper back by a few tenths of a degree at 0.2–0.3 Hz, and the gyroscope shows tremor
/// of 1–6 °/s RMS; the longer the window, the wider the spread. So the window is cut into
/// `blockCount` blocks, the quarter of the blocks furthest from the window's mean direction (or
/// turning fastest) is left out, and the pose is the mean direction of the rest: a trimmed mean,
/// centred on an oscillation such as breathing and unmoved by a brief shift. An attempt is refused
/// only for movement: the kept blocks spread or turn beyond what sway and tremor give, or some
/// block lies far from the pose (reaching, turning, walking, or a window that spans two poses).
///
/// Constant memory: running sums per block, allocated once.
public struct StillWindow: Sendable {
    public struct Settings: Equatable, Sendable {
        /// Length of the window, in seconds.
        public var durationSeconds: Double
        /// Largest RMS angle of the kept blocks' mean directions around the pose, in degrees: how
        /// far the body may sway while it holds the pose.
        public var maxDispersionDeg: Double
        /// Largest gyroscope RMS over the kept blocks, in deg/s.
        public var maxGyroRmsDegPerSecond: Double
        /// Largest RMS angle of single samples around the pose (sway plus sensor noise), in degrees:
        /// catches shaking that block means average out.
        public var maxSampleSpreadDeg: Double
        /// Largest angle between any block's mean direction and the pose, in degrees. Real holds
        /// peak at up to 8° (POSTURE.md); reaching and bending go well past 12°.
        public var maxWanderDeg: Double
        /// Fraction of the blocks kept for the pose (0.5…1).
        public var keptFraction: Double
        /// Largest time step before the data counts as missing, in seconds.
        public var maxGapSeconds: Double

        public init(
            durationSeconds: Double = 2, maxDispersionDeg: Double = 3, maxGyroRmsDegPerSecond: Double = 12,
            maxSampleSpreadDeg: Double = 10, maxWanderDeg: Double = 12, keptFraction: Double = 0.75,
            maxGapSeconds: Double = 0.5
        ) {
            self.durationSeconds = durationSeconds
            self.maxDispersionDeg = maxDispersionDeg
            self.maxGyroRmsDegPerSecond = maxGyroRmsDegPerSecond
            self.maxSampleSpreadDeg = maxSampleSpreadDeg
            self.maxWanderDeg = maxWanderDeg
            self.keptFraction = keptFraction
            self.maxGapSeconds = maxGapSeconds
        }

        public static let `default` = Settings()
    }

    /// Blocks the window is cut into.
    public static let blockCount = 16

    /// Running sums of one block.
    struct Block: Sendable {
        var sum = Vector3.zero
        var count = 0
        var gyroSquares = 0.0
        var gyroCount = 0
    }

    public let settings: Settings
    private var blocks: [Block]
    private var firstTime = 0.0
    private var count = 0
    private var seconds = 0.0
    private var lastTime = 0.0
    private var missing = false

    public init(settings: Settings = .default) {
        self.settings = settings
        blocks = Array(repeating: Block(), count: Self.blockCount)
    }

    /// True once the window spans `durationSeconds` (or the data broke off).
    public var isComplete: Bool { seconds >= settings.durationSeconds || missing }

    /// Seconds of samples taken so far.
    public var spanSeconds: Double { seconds }

    /// Adds a sample at source time `timeSeconds`: accelerometer in g, gyroscope in deg/s if any.
    public mutating func add(timeSeconds: Double, accel: Vector3, gyro: Vector3? = nil) {
        guard timeSeconds.isFinite, let unit = accel.normalized, gyro?.isFinite ?? true else {
            missing = true
            return
        }
        if count > 0 {
            let dt = timeSeconds - lastTime
            if !(dt > 0) || dt > settings.maxGapSeconds { missing = true }
            seconds += dt
        } else {
            firstTime = timeSeconds
        }
        lastTime = timeSeconds
        count += 1
        let position = (timeSeconds - firstTime) / settings.durationSeconds * Double(Self.blockCount)
        let index = position.isFinite ? min(max(Int(position), 0), Self.blockCount - 1) : Self.blockCount - 1
        blocks[index].sum += unit
        blocks[index].count += 1
        if let g = gyro {
            blocks[index].gyroSquares += g.squaredLength
            blocks[index].gyroCount += 1
        }
    }

    private static func degrees(_ a: Vector3, _ b: Vector3) -> Double {
        TiltMath.acos(clamping: a.dot(b)) * TiltMath.degreesPerRadian
    }

    /// The verdict on the window so far: the pose, or why it is refused.
    public func result() -> Result<StillPose, CalibrationRejection> {
        guard !missing, count >= 2, seconds >= settings.durationSeconds, let overall = blocks.reduce(Vector3.zero, { $0 + $1.sum }).normalized
        else {
            return .failure(.sensorMissing)
        }
        // Each block scored by its distance from the mean and its rotation, each against its limit.
        var scored: [(score: Double, index: Int)] = []
        for (index, block) in blocks.enumerated() {
            guard let mean = block.sum.normalized else { continue }
            let rotation = block.gyroCount > 0 ? (block.gyroSquares / Double(block.gyroCount)).squareRoot() : 0
            scored.append((Self.degrees(mean, overall) / settings.maxDispersionDeg + rotation / settings.maxGyroRmsDegPerSecond, index))
        }
        scored.sort { $0.score < $1.score }
        let keep = max(1, Int((settings.keptFraction * Double(scored.count)).rounded(.up)))
        var kept = Block()
        for (_, index) in scored.prefix(keep) {
            kept.sum += blocks[index].sum
            kept.count += blocks[index].count
            kept.gyroSquares += blocks[index].gyroSquares
            kept.gyroCount += blocks[index].gyroCount
        }
        guard kept.count >= 2, let up = kept.sum.normalized else { return .failure(.sensorMissing) }
        // Sway: RMS angle of the kept block means around the pose, weighted by their samples.
        var swaySquares = 0.0
        for (_, index) in scored.prefix(keep) {
            guard let mean = blocks[index].sum.normalized else { continue }
            let angle = Self.degrees(mean, up)
            swaySquares += angle * angle * Double(blocks[index].count)
        }
        let sway = (swaySquares / Double(kept.count)).squareRoot()
        let rotation = kept.gyroCount > 0 ? (kept.gyroSquares / Double(kept.gyroCount)).squareRoot() : 0
        // Single samples: mean resultant length R of unit vectors; RMS angular spread ≈ sqrt(2 (1 - R)).
        let r = min(kept.sum.length / Double(kept.count), 1)
        let sampleSpread = (2 * (1 - r)).squareRoot() * TiltMath.degreesPerRadian
        if sway > settings.maxDispersionDeg || rotation > settings.maxGyroRmsDegPerSecond || sampleSpread > settings.maxSampleSpreadDeg {
            return .failure(.moved(dispersionDeg: max(sway, sampleSpread > settings.maxSampleSpreadDeg ? sampleSpread : 0),
                                   gyroRmsDegPerSecond: rotation))
        }
        var wander = 0.0
        for block in blocks {
            guard let mean = block.sum.normalized else { continue }
            wander = max(wander, Self.degrees(mean, up))
        }
        if wander > settings.maxWanderDeg { return .failure(.wandered(deg: wander)) }
        return .success(StillPose(up: up, endTimeSeconds: lastTime))
    }
}
