#if canImport(Glibc)
import Glibc
#endif

/// A person wearing the sensors, scripted: what each sensor feels, moment by moment.
///
/// Body frame when upright: x forward, y to the wearer's left, z up. The world
/// frame is the body frame at calibration time (gravity along -z). A pose is a
/// trunk flexion (rotation about y, positive forward), a trunk lateral lean
/// (about x, positive to the right), and a head flexion relative to the trunk.
/// Each sensor sits on its body segment in any orientation (`SensorMounting`).
///
/// The script is a list of segments; each segment's motion starts from the pose
/// the previous one ended in, so slumps build up and recover smoothly.
public struct SimulatedWearer: Sendable {
    public enum Role: String, Sendable, CaseIterable { case trunk, head }

    /// One scripted stretch of behaviour.
    public struct Segment: Sendable {
        public var durationSeconds: Double
        public var motion: Motion
        /// Truth label carried into recordings as an annotation (`slump`, `walking`, …).
        public var label: String?

        public init(_ motion: Motion, for durationSeconds: Double, label: String? = nil) {
            precondition(durationSeconds > 0, "a segment lasts some time")
            self.durationSeconds = durationSeconds
            self.motion = motion
            self.label = label
        }
    }

    public enum Motion: Sendable, Equatable {
        /// Sitting still at the given trunk and head flexion (deg), reached over `transitionSeconds`.
        case sit(trunkDeg: Double, headDeg: Double, transitionSeconds: Double)
        /// Walking at `cadenceHz` steps per second, trunk upright.
        case walk(cadenceHz: Double)
        /// Bending forward to `depthDeg` and back up, to pick something up.
        case bend(depthDeg: Double)
        /// Lying on the back.
        case lie
        /// The sensor in `role` is unplugged; the body holds its pose.
        case unplugged(Role)
        /// A corrective exercise performed as its instructions say.
        case exercise(ExerciseMotion)
        /// The sensors taken off and put down on a desk or a charger: handled for two seconds,
        /// then lying perfectly still, tilted by `tiltDeg` forward and `sideDeg` to the side of
        /// the upright pose (any angle; 90° forward is flat on its back). No breathing, no sway.
        case offBody(tiltDeg: Double, sideDeg: Double)
    }

    /// How each exercise moves the body (matches `Coach`'s catalog).
    public enum ExerciseMotion: String, Sendable, CaseIterable {
        /// Head glides back over the shoulders and returns, repeated.
        case chinTuck
        /// Shoulder blades drawn together: the upper back extends and holds.
        case shoulderBladeSqueeze
        /// Ribs lifted off the pelvis: the trunk straightens past upright and holds.
        case ribLift
        /// Pelvis rocked forward and back: small alternating trunk flexion and extension.
        case pelvicTilts
        /// Roll down into full flexion, then up into extension, repeated.
        case spinalFlexionExtension
    }

    public struct Pose: Sendable, Equatable {
        public var trunkFlexionDeg: Double
        public var trunkLateralDeg: Double
        /// Head flexion relative to the trunk.
        public var headFlexionDeg: Double
        /// Linear acceleration of the body in the world frame, in g (walking bounce).
        public var linearAccelerationG: SIMD3<Double>

        public static let upright = Pose(trunkFlexionDeg: 0, trunkLateralDeg: 0, headFlexionDeg: 0, linearAccelerationG: .zero)
    }

    public let segments: [Segment]
    public let trunkMounting: SensorMounting
    public let headMounting: SensorMounting?
    /// Physiological sway amplitude, in degrees: people are never perfectly still. It also scales
    /// breathing (0.3° at 0.25 Hz), slow drift (up to 1.8° peak to peak) and tremor (near 9 Hz);
    /// 0 is a mannequin.
    public var swayDeg: Double

    /// The most the sway moves the trunk's flexion away from the script, per degree of `swayDeg`
    /// (the sum of every term's amplitude): tests allow for it when they compare with the script.
    public static let trunkSwayBoundPerDegree = 1.0 + (0.3 + 0.9 + 0.012) / 0.4
    /// Segment start times, in seconds.
    private let starts: [Double]
    /// Pose at the start of each segment.
    private let entryPoses: [Pose]
    private let swayPhases: [Double]

    public init(_ segments: [Segment], trunk: SensorMounting = .upperBack, head: SensorMounting? = .glassesArm,
                swayDeg: Double = 0.4, seed: UInt64 = 1) {
        precondition(!segments.isEmpty, "a script has at least one segment")
        self.segments = segments
        trunkMounting = trunk
        headMounting = head
        self.swayDeg = swayDeg
        var random = SplitMix64(seed: seed)
        swayPhases = (0..<12).map { _ in random.nextUnit() * 2 * .pi }
        var starts: [Double] = []
        var entries: [Pose] = []
        var t = 0.0
        var pose = Pose.upright
        for segment in segments {
            starts.append(t)
            entries.append(pose)
            pose = Self.basePose(segment.motion, elapsed: segment.durationSeconds, duration: segment.durationSeconds, entry: pose)
            t += segment.durationSeconds
        }
        self.starts = starts
        entryPoses = entries
    }

    public var durationSeconds: Double { starts.last! + segments.last!.durationSeconds }

    /// Labelled intervals of the script: (start, end, label).
    public var annotations: [(startSeconds: Double, endSeconds: Double, label: String)] {
        segments.indices.compactMap { i in
            segments[i].label.map { (starts[i], starts[i] + segments[i].durationSeconds, $0) }
        }
    }

    /// The segment playing at `t`: the last one starting at or before it (binary search, so
    /// hours-long scripts stay cheap).
    private func segmentIndex(at t: Double) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= t { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Whether the sensor in `role` is connected at time `t`.
    public func isAttached(_ role: Role, at t: Double) -> Bool {
        if role == .head && headMounting == nil { return false }
        let segment = segments[segmentIndex(at: t)]
        if case .unplugged(let missing) = segment.motion { return missing != role }
        return true
    }

    /// Whether the script has the wearer doing an exercise at `t`.
    public func isExercising(at t: Double) -> Bool {
        if case .exercise = segments[segmentIndex(at: t)].motion { return true }
        return false
    }

    /// The body pose at time `t` (seconds from the start of the script).
    public func pose(at t: Double) -> Pose {
        let i = segmentIndex(at: max(0, t))
        let segment = segments[i]
        let elapsed = min(max(0, t - starts[i]), segment.durationSeconds)
        var pose = Self.basePose(segment.motion, elapsed: elapsed, duration: segment.durationSeconds, entry: entryPoses[i])
        // Off the body, the life fades out over the two seconds of handling.
        var life = 1.0
        if case .offBody = segment.motion { life = 1 - Self.ease(elapsed / Self.handlingSeconds) }
        guard swayDeg > 0, life > 0 else { return pose }
        // A living body is never still (POSTURE.md), scaled by swayDeg (0.4 by default):
        let w = 2 * Double.pi * t
        let k = life * swayDeg / 0.4
        let swayDeg = life * self.swayDeg
        // postural sway, sums of sines at 0.07–0.3 Hz;
        pose.trunkFlexionDeg += swayDeg * (0.6 * sin(0.11 * w + swayPhases[0]) + 0.4 * sin(0.23 * w + swayPhases[1]))
        pose.trunkLateralDeg += swayDeg * (0.5 * sin(0.07 * w + swayPhases[2]) + 0.3 * sin(0.19 * w + swayPhases[3]))
        pose.headFlexionDeg += swayDeg * (0.8 * sin(0.13 * w + swayPhases[4]) + 0.6 * sin(0.29 * w + swayPhases[5]))
        // breathing at 0.25 Hz, 0.3° at the upper back (the head follows it less);
        let breath = sin(0.25 * w + swayPhases[6])
        pose.trunkFlexionDeg += k * 0.3 * breath
        pose.headFlexionDeg -= k * 0.15 * breath
        // slow postural drift, up to about 1.8° peak to peak over a minute's hold;
        pose.trunkFlexionDeg += k * (0.6 * sin(0.013 * w + swayPhases[7]) + 0.3 * sin(0.029 * w + swayPhases[8]))
        pose.headFlexionDeg += k * 0.5 * sin(0.017 * w + swayPhases[9])
        // physiological tremor near 9 Hz: about a hundredth of a degree, 0.6–0.9 °/s at the
        // gyroscope. (Twice this, 1.7 °/s at the head, left the head-forward angle of
        // PosturePipelineTests 1.5° off: the tilt filter's rest detector, 2 °/s, then seldom
        // fires, so the gyroscope's bias is learnt slowly, in motion.)
        pose.trunkFlexionDeg += k * 0.012 * sin(8.7 * w + swayPhases[10])
        pose.trunkLateralDeg += k * 0.01 * sin(9.3 * w + swayPhases[11])
        pose.headFlexionDeg += k * 0.015 * sin(9.1 * w + swayPhases[6])
        return pose
    }

    /// What the sensor in `role` senses at time `t`: specific force (g) and angular rate (°/s) in its own axes.
    public func sensed(_ role: Role, at t: Double) -> SensedMotion {
        let mounting = role == .trunk ? trunkMounting : (headMounting ?? trunkMounting)
        let h = 1e-3
        let r0 = sensorToWorld(role, mounting, pose(at: t - h))
        let r = sensorToWorld(role, mounting, pose(at: t))
        let r1 = sensorToWorld(role, mounting, pose(at: t + h))
        let p = pose(at: t)
        // Specific force: gravity reaction (+z up) plus the body's linear acceleration, in sensor axes.
        let force = r.transposed * (SIMD3(0, 0, 1) + p.linearAccelerationG)
        // Angular rate from the change of orientation over ±h, in sensor axes.
        let delta = r0.transposed * r1
        let rate = delta.rotationVector / (2 * h) * (180 / .pi)
        return SensedMotion(accelerationG: force, angularRateDegPerSecond: rate)
    }

    private func sensorToWorld(_ role: Role, _ mounting: SensorMounting, _ pose: Pose) -> Matrix3 {
        var body = Matrix3.rotation(axis: SIMD3(1, 0, 0), degrees: pose.trunkLateralDeg)
            * Matrix3.rotation(axis: SIMD3(0, 1, 0), degrees: pose.trunkFlexionDeg)
        if role == .head { body = body * Matrix3.rotation(axis: SIMD3(0, 1, 0), degrees: pose.headFlexionDeg) }
        return body * mounting.sensorToBody
    }

    // MARK: Motions

    /// Smooth 0→1 over `x` in 0…1.
    private static func ease(_ x: Double) -> Double {
        let c = min(max(x, 0), 1)
        return c * c * (3 - 2 * c)
    }

    static func basePose(_ motion: Motion, elapsed t: Double, duration: Double, entry: Pose) -> Pose {
        var pose = entry
        pose.linearAccelerationG = .zero
        switch motion {
        case let .sit(trunk, head, transition):
            let f = transition > 0 ? ease(t / transition) : 1
            pose.trunkFlexionDeg = entry.trunkFlexionDeg + (trunk - entry.trunkFlexionDeg) * f
            pose.headFlexionDeg = entry.headFlexionDeg + (head - entry.headFlexionDeg) * f
            pose.trunkLateralDeg = entry.trunkLateralDeg * (1 - f)
        case let .walk(cadence):
            // Upright within the first second, then the gait: vertical bounce at the step
            // rate, fore-aft surge, side sway at half the step rate, small trunk rocking.
            let f = ease(t)
            let w = 2 * Double.pi * cadence * t
            pose.trunkFlexionDeg = entry.trunkFlexionDeg * (1 - f) + f * (3 + 2 * sin(w))
            pose.headFlexionDeg = entry.headFlexionDeg * (1 - f) + f * (5 + 1.5 * sin(w + 0.5))
            pose.trunkLateralDeg = f * 2 * sin(w / 2)
            pose.linearAccelerationG = f * SIMD3(0.10 * sin(w + 1), 0.06 * sin(w / 2), 0.20 * sin(w))
        case let .bend(depth):
            // Down, pause at the bottom, up: a triangle eased at the ends, back to the entry pose.
            let x = t / duration
            let bend = x < 0.4 ? ease(x / 0.4) : (x < 0.6 ? 1 : 1 - ease((x - 0.6) / 0.4))
            pose.trunkFlexionDeg = entry.trunkFlexionDeg + (depth - entry.trunkFlexionDeg) * bend
            pose.headFlexionDeg = entry.headFlexionDeg + 20 * bend
        case .lie:
            let f = ease(t / 2)
            pose.trunkFlexionDeg = entry.trunkFlexionDeg * (1 - f) - 88 * f
            pose.headFlexionDeg = entry.headFlexionDeg * (1 - f) + 10 * f
        case .unplugged:
            break
        case .exercise(let exercise):
            pose = exercisePose(exercise, elapsed: t, duration: duration, entry: entry)
        case let .offBody(tilt, side):
            // Lifted off and set down: a swing to the new orientation, jostled in the hand.
            let f = ease(t / handlingSeconds)
            pose.trunkFlexionDeg = entry.trunkFlexionDeg + (tilt - entry.trunkFlexionDeg) * f
            pose.trunkLateralDeg = entry.trunkLateralDeg + (side - entry.trunkLateralDeg) * f
            let jostle = t < handlingSeconds ? sin(Double.pi * t / handlingSeconds) : 0
            pose.linearAccelerationG = jostle * SIMD3(0.15 * sin(2 * Double.pi * 3 * t), 0.1 * sin(2 * Double.pi * 2 * t), 0.2 * sin(2 * Double.pi * 4 * t))
        }
        return pose
    }

    /// How long taking the sensors off and putting them down takes, in seconds.
    static let handlingSeconds = 2.0

    static func exercisePose(_ exercise: ExerciseMotion, elapsed t: Double, duration: Double, entry: Pose) -> Pose {
        var pose = entry
        // Every exercise starts by coming back to upright within two seconds.
        let settle = ease(t / 2)
        pose.trunkFlexionDeg = entry.trunkFlexionDeg * (1 - settle)
        pose.headFlexionDeg = entry.headFlexionDeg * (1 - settle)
        let active = max(0, t - 2)
        switch exercise {
        case .chinTuck:
            // Glide back 12° and return, one repetition every 3 s.
            pose.headFlexionDeg -= 12 * pulse(active, period: 3, hold: 1)
        case .shoulderBladeSqueeze:
            // Upper back extends 8° and holds 5 s, relax 3 s.
            pose.trunkFlexionDeg -= 8 * pulse(active, period: 8, hold: 5)
        case .ribLift:
            // Lengthen through the trunk: 6° past upright, held 10 s, relax 3 s.
            pose.trunkFlexionDeg -= 6 * pulse(active, period: 13, hold: 10)
        case .pelvicTilts:
            // Rock ±8° with a 4 s period.
            pose.trunkFlexionDeg += 8 * sin(2 * .pi * active / 4) * ease(active)
        case .spinalFlexionExtension:
            // Roll down to 60° over 4 s, up through upright into 15° extension, back: 12 s a cycle.
            let phase = active.truncatingRemainder(dividingBy: 12) / 12
            let shape = phase < 0.5 ? sin(.pi * phase / 0.5) : -0.25 * sin(.pi * (phase - 0.5) / 0.5)
            pose.trunkFlexionDeg += 60 * shape * ease(active)
            pose.headFlexionDeg += 15 * shape * ease(active)
        }
        return pose
    }

    /// 0 → 1, held, back to 0 in each `period`; eased transitions of 0.5 s.
    private static func pulse(_ t: Double, period: Double, hold: Double) -> Double {
        let x = t.truncatingRemainder(dividingBy: period)
        if x < 0.5 { return ease(x / 0.5) }
        if x < 0.5 + hold { return 1 }
        if x < 1 + hold { return 1 - ease((x - 0.5 - hold) / 0.5) }
        return 0
    }
}

/// How a sensor sits on its body segment: the rotation from sensor axes to body axes.
public struct SensorMounting: Sendable, Equatable {
    public var sensorToBody: Matrix3

    public init(sensorToBody: Matrix3) { self.sensorToBody = sensorToBody }

    /// From the sensor axes that point body-up and body-forward.
    public init(up: SIMD3<Double>, forward: SIMD3<Double>) {
        let u = up / (up * up).sum().squareRoot()
        let f0 = forward - u * (forward * u).sum()
        let f = f0 / (f0 * f0).sum().squareRoot()
        let l = Matrix3.cross(u, f)  // body y (left) = z × x
        // Rows are the body axes (x forward, y left, z up) expressed in sensor axes.
        sensorToBody = Matrix3(rows: f, l, u)
    }

    /// Any orientation: yaw, pitch, roll of the sensor on the body, in degrees.
    public init(yawDeg: Double, pitchDeg: Double, rollDeg: Double) {
        sensorToBody = Matrix3.rotation(axis: SIMD3(0, 0, 1), degrees: yawDeg)
            * Matrix3.rotation(axis: SIMD3(0, 1, 0), degrees: pitchDeg)
            * Matrix3.rotation(axis: SIMD3(1, 0, 0), degrees: rollDeg)
    }

    /// On the upper back, chip facing out: sensor +y up the spine, +z out of the back (backward).
    public static let upperBack = SensorMounting(up: SIMD3(0, 1, 0), forward: SIMD3(0, 0, -1))
    /// On the left glasses arm: sensor +x forward, +z up.
    public static let glassesArm = SensorMounting(up: SIMD3(0, 0, 1), forward: SIMD3(1, 0, 0))
}

/// A 3×3 matrix of doubles, rows stored: enough rotation algebra for the simulator.
public struct Matrix3: Sendable, Equatable {
    public var r0, r1, r2: SIMD3<Double>

    public init(rows r0: SIMD3<Double>, _ r1: SIMD3<Double>, _ r2: SIMD3<Double>) {
        self.r0 = r0
        self.r1 = r1
        self.r2 = r2
    }

    public static let identity = Matrix3(rows: SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1))

    public var transposed: Matrix3 {
        Matrix3(rows: SIMD3(r0.x, r1.x, r2.x), SIMD3(r0.y, r1.y, r2.y), SIMD3(r0.z, r1.z, r2.z))
    }

    public static func * (m: Matrix3, v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3((m.r0 * v).sum(), (m.r1 * v).sum(), (m.r2 * v).sum())
    }

    public static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        let t = b.transposed
        return Matrix3(rows: SIMD3((a.r0 * t.r0).sum(), (a.r0 * t.r1).sum(), (a.r0 * t.r2).sum()),
                       SIMD3((a.r1 * t.r0).sum(), (a.r1 * t.r1).sum(), (a.r1 * t.r2).sum()),
                       SIMD3((a.r2 * t.r0).sum(), (a.r2 * t.r1).sum(), (a.r2 * t.r2).sum()))
    }

    static func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }

    /// Rotation by `degrees` about a unit `axis` (right-handed).
    public static func rotation(axis: SIMD3<Double>, degrees: Double) -> Matrix3 {
        let a = degrees * .pi / 180
        let c = cos(a), s = sin(a), t = 1 - c
        let (x, y, z) = (axis.x, axis.y, axis.z)
        return Matrix3(rows: SIMD3(t * x * x + c, t * x * y - s * z, t * x * z + s * y),
                       SIMD3(t * x * y + s * z, t * y * y + c, t * y * z - s * x),
                       SIMD3(t * x * z - s * y, t * y * z + s * x, t * z * z + c))
    }

    /// The rotation vector (axis × angle in radians) of a rotation matrix; small-angle accurate.
    public var rotationVector: SIMD3<Double> {
        let trace = r0.x + r1.y + r2.z
        let angle = acos(min(1, max(-1, (trace - 1) / 2)))
        let v = SIMD3(r2.y - r1.z, r0.z - r2.x, r1.x - r0.y)
        if angle < 1e-9 { return v / 2 }
        return v * (angle / (2 * sin(angle)))
    }
}
