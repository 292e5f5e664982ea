import Testing
import Posture
import Tilt

/// Body frame used to build the truth: x forward, y left, z up. A pose is a lateral lean `phi`
/// about the forward axis, then a flexion `theta` about the (leaned) right axis; DESIGN.md's
/// definitions give back exactly `theta` and `phi` (lateral positive = leaning to the left).
func bodyUp(flexionDeg theta: Double, lateralDeg phi: Double) -> Vector3 {
    let lateral = Quaternion(axis: Vector3(1, 0, 0), angleRadians: -phi * TiltMath.radiansPerDegree)
    let flexion = Quaternion(axis: Vector3(0, 1, 0), angleRadians: theta * TiltMath.radiansPerDegree)
    // Body-to-earth rotation: lateral lean first, then flexion about the leaned right axis.
    let bodyToEarth = lateral * flexion
    return bodyToEarth.inverseRotate(.unitZ)
}

/// A deterministic generator for arbitrary mountings.
struct Rng {
    var s: UInt64
    mutating func uniform() -> Double {
        s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(s >> 11) / Double(1 << 53) * 2 - 1
    }
}

func randomMounting(_ rng: inout Rng) -> Quaternion {
    Quaternion(axis: Vector3(rng.uniform(), rng.uniform(), rng.uniform() + 0.01), angleRadians: 3.1 * rng.uniform())
}

/// Calibration for a sensor whose body-to-sensor rotation is `m`, from the declared mounting.
func calibrationFromMounting(_ m: Quaternion) -> Calibration? {
    let upSensor = m.rotate(.unitZ)
    let pose = StillPose(up: upSensor, endTimeSeconds: 0)
    let mounting = Mounting(up: upSensor, forward: m.rotate(.unitX))
    return try? Calibration.fromUpright(pose, mounting: mounting, role: .trunk, chip: "test").get()
}

@Suite("Posture angles against synthetic truth")
struct PostureAnglesTests {
    static let poses: [(Double, Double)] = [
        (0, 0), (10, 0), (-15, 0), (35, 0), (0, 12), (0, -25), (20, 10), (45, -30), (-20, 15), (80, 5), (89, -40),
    ]

    @Test("known rotations about 200 arbitrary mountings give flexion and lateral lean within 0.5°")
    func arbitraryMountings() throws {
        var rng = Rng(s: 42)
        var worst = 0.0
        for _ in 0..<200 {
            let m = randomMounting(&rng)  // body -> sensor
            let cal = try #require(calibrationFromMounting(m))
            for (theta, phi) in Self.poses {
                let g = m.rotate(bodyUp(flexionDeg: theta, lateralDeg: phi))
                let a = try #require(cal.angles(up: g))
                worst = max(worst, abs(a.flexionDeg - theta), abs(a.lateralDeg - phi))
            }
        }
        #expect(worst < 0.5)
        #expect(worst < 1e-9)  // the decomposition is exact up to rounding
    }

    @Test("upside-down and 90° mountings measure the same angles")
    func specialMountings() throws {
        let mountings = [
            Quaternion(axis: .unitX, angleRadians: TiltMath.pi),  // sensor z down
            Quaternion(axis: .unitY, angleRadians: TiltMath.pi / 2),  // sensor x up
            Quaternion(axis: .unitX, angleRadians: -TiltMath.pi / 2),
            Quaternion(axis: Vector3(1, 1, 0), angleRadians: TiltMath.pi),
        ]
        for m in mountings {
            let cal = try #require(calibrationFromMounting(m))
            for (theta, phi) in Self.poses {
                let a = try #require(cal.angles(up: m.rotate(bodyUp(flexionDeg: theta, lateralDeg: phi))))
                #expect(abs(a.flexionDeg - theta) < 0.5)
                #expect(abs(a.lateralDeg - phi) < 0.5)
            }
        }
    }

    @Test("a forward-lean calibration finds the same axis as the mounting")
    func forwardLeanAxis() throws {
        var rng = Rng(s: 9)
        for _ in 0..<50 {
            let m = randomMounting(&rng)
            let upright = StillPose(up: m.rotate(.unitZ), endTimeSeconds: 1)
            let lean = StillPose(up: m.rotate(bodyUp(flexionDeg: 25, lateralDeg: 0)), endTimeSeconds: 5)
            let cal = try Calibration.fromUpright(upright, forwardLean: lean, role: .head, chip: "x").get()
            #expect(cal.axisSource == .forwardLean)
            #expect(cal.timeSeconds == 5)
            for (theta, phi) in Self.poses {
                let a = try #require(cal.angles(up: m.rotate(bodyUp(flexionDeg: theta, lateralDeg: phi))))
                #expect(abs(a.flexionDeg - theta) < 0.5)
                #expect(abs(a.lateralDeg - phi) < 0.5)
            }
        }
    }

    @Test("singular poses give finite angles: lying on the side, upside down")
    func singularPoses() throws {
        let cal = try #require(calibrationFromMounting(.identity))
        // Up along the flexion axis (body lying on its side): lateral ±90°, flexion reported as 0.
        let side = try #require(cal.angles(up: cal.flexionAxis))
        #expect(abs(side.lateralDeg - 90) < 1e-9)
        #expect(side.flexionDeg == 0)
        let otherSide = try #require(cal.angles(up: -cal.flexionAxis))
        #expect(abs(otherSide.lateralDeg + 90) < 1e-9)
        // Upside down: flexion 180°, not -180°.
        let flipped = try #require(cal.angles(up: -cal.up))
        #expect(flipped.flexionDeg == 180)
        #expect(flipped.lateralDeg == 0)
        // Lying on the back and on the front.
        let back = try #require(cal.angles(up: bodyUp(flexionDeg: -90, lateralDeg: 0)))
        #expect(abs(back.flexionDeg + 90) < 1e-9)
        #expect(abs(cal.inclinationDeg(up: bodyUp(flexionDeg: 70, lateralDeg: 0))! - 70) < 1e-9)
    }

    @Test("NaN, infinity and zero vectors are rejected, never turned into angles")
    func nonFinite() throws {
        let cal = try #require(calibrationFromMounting(.identity))
        #expect(cal.angles(up: Vector3(.nan, 0, 1)) == nil)
        #expect(cal.angles(up: Vector3(0, .infinity, 1)) == nil)
        #expect(cal.angles(up: .zero) == nil)
        #expect(cal.inclinationDeg(up: Vector3(0, 0, .nan)) == nil)
        #expect(PostureAngles.compute(trunkUp: Vector3(.nan, 0, 0), trunk: cal) == nil)
    }

    @Test("the head-forward angle is head minus trunk flexion, and unavailable with one sensor")
    func headForward() throws {
        let trunk = try #require(calibrationFromMounting(.identity))
        var head = try #require(calibrationFromMounting(Quaternion(axis: .unitX, angleRadians: 1)))
        head.role = .head
        let one = try #require(PostureAngles.compute(trunkUp: bodyUp(flexionDeg: 12, lateralDeg: 0), trunk: trunk))
        #expect(one.headForwardDeg == nil)
        #expect(abs(one.thoracicDeg - 12) < 1e-9)
        let headUp = Quaternion(axis: .unitX, angleRadians: 1).rotate(bodyUp(flexionDeg: 40, lateralDeg: 0))
        let two = try #require(
            PostureAngles.compute(trunkUp: bodyUp(flexionDeg: 12, lateralDeg: 0), trunk: trunk, headUp: headUp, head: head))
        #expect(abs(two.headForwardDeg! - 28) < 1e-9)
        let broken = try #require(
            PostureAngles.compute(trunkUp: bodyUp(flexionDeg: 12, lateralDeg: 0), trunk: trunk, headUp: Vector3(.nan, 0, 0), head: head))
        #expect(broken.headForwardDeg == nil)
    }
}

@Suite("Calibration")
struct CalibrationTests {
    let dt = 0.01

    func window(seconds: Double, wanderDeg: Double, gyroRms: Double, seed: UInt64 = 1) -> StillWindow {
        var w = StillWindow()
        var rng = Rng(s: seed)
        var t = 0.0
        while t <= seconds + 1e-9 {
            // A slow sway of the given amplitude plus noise, as a person holding a pose.
            let sway = wanderDeg * TiltMath.radiansPerDegree * TiltMath.sin(2 * TiltMath.pi * 0.5 * t)
            let up = Quaternion(axis: .unitX, angleRadians: sway).rotate(Vector3(0, 0, 1))
            let noise = Vector3(rng.uniform(), rng.uniform(), rng.uniform()) * 0.003
            w.add(timeSeconds: t, accel: up + noise, gyro: Vector3(rng.uniform(), rng.uniform(), rng.uniform()) * gyroRms)  // uniform ±r: RMS about r
            t += dt
        }
        return w
    }

    @Test("accepts a held pose with human sway and gyroscope noise")
    func acceptsHeldPose() throws {
        let w = window(seconds: 2, wanderDeg: 1.5, gyroRms: 5)
        #expect(w.isComplete)
        let pose = try w.result().get()
        #expect(angleDeg(pose.up, .unitZ) < 0.5)
        let cal = try Calibration.fromUpright(pose, mounting: .zUpXForward, role: .trunk, chip: "MPU-6050").get()
        #expect(cal.chip == "MPU-6050")
        #expect(cal.role == .trunk)
        #expect(cal.axisSource == .mounting)
        #expect(abs(cal.up.dot(cal.flexionAxis)) < 1e-12)
    }

    @Test("rejects an attempt where the wearer moved, with the reason")
    func rejectsMovement() {
        let w = window(seconds: 2, wanderDeg: 20, gyroRms: 5)
        switch w.result() {
        case .failure(.moved(let dispersion, _)): #expect(dispersion > 3)
        case .failure(.wandered(let deg)): #expect(deg > 8)
        default: Issue.record("expected .moved or .wandered, got \(w.result())")
        }
        let shaking = window(seconds: 2, wanderDeg: 0.5, gyroRms: 40)
        guard case .failure(.moved) = shaking.result() else {
            Issue.record("expected .moved for a shaking gyroscope")
            return
        }
    }

    @Test("rejects a missing sensor: no data, a gap, or NaN")
    func rejectsMissing() {
        #expect(StillWindow().result() == .failure(.sensorMissing))
        var gap = StillWindow()
        gap.add(timeSeconds: 0, accel: .unitZ)
        gap.add(timeSeconds: 3, accel: .unitZ)
        #expect(gap.result() == .failure(.sensorMissing))
        var nan = StillWindow()
        var t = 0.0
        while t < 2.5 {
            nan.add(timeSeconds: t, accel: t > 1 ? Vector3(.nan, 0, 1) : .unitZ)
            t += dt
        }
        #expect(nan.result() == .failure(.sensorMissing))
    }

    @Test("rejects a pose that is not upright for the declared mounting")
    func rejectsNotUpright() {
        let tilted = StillPose(up: Vector3(1, 0, 0.2), endTimeSeconds: 0)
        let result = Calibration.fromUpright(
            StillPose(up: tilted.up.normalized!, endTimeSeconds: 0), mounting: .zUpXForward, role: .trunk, chip: "x")
        guard case .failure(.notUpright(let deviation)) = result else {
            Issue.record("expected .notUpright, got \(result)")
            return
        }
        #expect(abs(deviation - 78.69) < 0.1)
    }

    @Test("rejects a forward lean smaller than 15°")
    func rejectsSmallLean() {
        let upright = StillPose(up: .unitZ, endTimeSeconds: 0)
        let lean = StillPose(up: bodyUp(flexionDeg: 8, lateralDeg: 0), endTimeSeconds: 1)
        let result = Calibration.fromUpright(upright, forwardLean: lean, role: .trunk, chip: "x")
        guard case .failure(.leanTooSmall(let deg)) = result else {
            Issue.record("expected .leanTooSmall, got \(result)")
            return
        }
        #expect(abs(deg - 8) < 1e-9)
    }

    @Test("rejects a mounting whose forward axis is parallel to up")
    func rejectsDegenerateMounting() {
        let result = Calibration.fromUpright(
            StillPose(up: .unitZ, endTimeSeconds: 0), mounting: Mounting(up: .unitZ, forward: .unitZ), role: .trunk,
            chip: "x")
        #expect(result == .failure(.mountingDegenerate))
    }
}

@Suite("Activity context")
struct ActivityTests {
    let dt = 0.01

    func run(seconds: Double, inclination: Double = 5, _ sample: (Double) -> (Vector3, Vector3?)) -> Activity {
        var d = ActivityDetector()
        var t = 0.0
        var last = Activity.still
        while t < seconds {
            let (a, g) = sample(t)
            last = d.update(accel: a, gyro: g, trunkInclinationDeg: inclination, dt: t == 0 ? 0 : dt)
            t += dt
        }
        return last
    }

    @Test("sitting still is still")
    func still() {
        #expect(run(seconds: 5) { t in (Vector3(0, 0.01 * TiltMath.sin(t), 1), Vector3(0.5, 0, 0)) } == .still)
    }

    @Test("a regular step cadence is walking")
    func walking() {
        let activity = run(seconds: 6) { t in
            let phase = (t * 1.8).truncatingRemainder(dividingBy: 1)  // 1.8 steps per second
            let bump = phase < 0.15 ? 0.35 * TiltMath.sin(TiltMath.pi * phase / 0.15) : -0.05
            return (Vector3(0.05 * TiltMath.sin(2 * TiltMath.pi * 0.9 * t), 0, 1 + bump), Vector3(0, 20, 0))
        }
        #expect(activity == .walking)
    }

    @Test("irregular shaking is moving, not walking")
    func moving() {
        var rng = Rng(s: 3)
        let activity = run(seconds: 4) { _ in
            (Vector3(rng.uniform() * 0.3, rng.uniform() * 0.3, 1 + rng.uniform() * 0.05), Vector3(rng.uniform() * 60, 30, 0))
        }
        #expect(activity == .moving)
    }

    @Test("a trunk inclination beyond 60° is lying")
    func lying() {
        #expect(run(seconds: 1, inclination: 75) { _ in (Vector3(1, 0, 0), nil) } == .lying)
        #expect(run(seconds: 1, inclination: 45) { _ in (Vector3(0.7, 0, 0.7), nil) } == .still)
    }
}
