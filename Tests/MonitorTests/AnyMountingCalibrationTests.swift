import IMUEmulators
import Monitor
import Posture
import Testing
import Tilt

/// Seeded draws for the property tests, over the simulator's SplitMix64: the same seed draws the
/// same cases on every machine.
struct Draw {
    var random: SplitMix64
    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { random.nextUnit() }

    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// Standard normal.
    mutating func normal() -> Double { random.nextGaussian() }

    /// A rotation drawn uniformly over all orientations (Shoemake's method).
    mutating func rotation() -> Quaternion {
        let u1 = unit(), u2 = unit() * 2 * TiltMath.pi, u3 = unit() * 2 * TiltMath.pi
        let a = (1 - u1).squareRoot(), b = u1.squareRoot()
        return Quaternion(w: b * TiltMath.cos(u3), x: a * TiltMath.sin(u2), y: a * TiltMath.cos(u2), z: b * TiltMath.sin(u3))
    }
}

/// The up direction of a body with flexion `theta` (forward, about the body's left axis) and
/// lateral lean `phi`, in body axes (x forward, y left, z up).
func bodyUp(flexionDeg theta: Double, lateralDeg phi: Double) -> Vector3 {
    let lateral = Quaternion(axis: .unitX, angleRadians: -phi * TiltMath.radiansPerDegree)
    let flexion = Quaternion(axis: .unitY, angleRadians: theta * TiltMath.radiansPerDegree)
    return (lateral * flexion).inverseRotate(.unitZ)
}

/// A held pose as a sensor worn with body-to-sensor rotation `m` reports it: two seconds at
/// 100 Hz, accelerometer noise of 5 mg and gyroscope tremor of 2 °/s per axis (an MPU-6050 on a
/// seated person), through the still window calibration uses.
func heldPose(_ m: Quaternion, flexionDeg: Double, lateralDeg: Double, startSeconds: Double, draw: inout Draw) -> StillPose? {
    var window = StillWindow()
    let up = m.rotate(bodyUp(flexionDeg: flexionDeg, lateralDeg: lateralDeg))
    var t = startSeconds
    while !window.isComplete {
        let noise = Vector3(draw.normal(), draw.normal(), draw.normal()) * 0.005
        let tremor = Vector3(draw.normal(), draw.normal(), draw.normal()) * 2
        window.add(timeSeconds: t, accel: up + noise, gyro: tremor)
        t += 0.01
    }
    return try? window.result().get()
}

@Suite("Calibration for any mounting")
struct AnyMountingCalibrationTests {
    /// Orientations that people actually end up with, besides the random ones.
    static let special: [Quaternion] = [
        .identity,
        Quaternion(axis: .unitX, angleRadians: TiltMath.pi), Quaternion(axis: .unitY, angleRadians: TiltMath.pi),
        Quaternion(axis: .unitZ, angleRadians: TiltMath.pi),
        Quaternion(axis: .unitX, angleRadians: TiltMath.pi / 2), Quaternion(axis: .unitX, angleRadians: -TiltMath.pi / 2),
        Quaternion(axis: .unitY, angleRadians: TiltMath.pi / 2), Quaternion(axis: .unitY, angleRadians: -TiltMath.pi / 2),
        Quaternion(axis: .unitZ, angleRadians: TiltMath.pi / 2), Quaternion(axis: .unitZ, angleRadians: -TiltMath.pi / 2),
    ]

    @Test("with a forward lean, 1,000 orientations over the whole sphere calibrate, and known poses come out within 0.5°")
    func forwardLeanAnyOrientation() throws {
        var draw = Draw(seed: 20261130)
        let mountings = Self.special + (0..<1000).map { _ in draw.rotation() }
        var worstFlexion = 0.0, worstLateral = 0.0
        for m in mountings {
            let upright = try #require(heldPose(m, flexionDeg: 0, lateralDeg: 0, startSeconds: 0, draw: &draw))
            let lean = try #require(heldPose(m, flexionDeg: draw.uniform(20...35), lateralDeg: 0, startSeconds: 5, draw: &draw))
            // The declared mounting is the default one, wrong for nearly every draw: it must play no part.
            let result = CalibrationFlow.calibrations(upright: [.trunk: upright], lean: [.trunk: lean],
                                                      mounting: { .default(for: $0) }, chip: { _ in "test" })
            let calibration = try #require(try result.get()[.trunk], "calibration failed for \(m)")
            #expect(calibration.axisSource == .forwardLean)
            for _ in 0..<5 {
                let theta = draw.uniform(-20...60), phi = draw.uniform(-20...20)
                let angles = try #require(calibration.angles(up: m.rotate(bodyUp(flexionDeg: theta, lateralDeg: phi))))
                worstFlexion = max(worstFlexion, abs(angles.flexionDeg - theta))
                worstLateral = max(worstLateral, abs(angles.lateralDeg - phi))
            }
        }
        #expect(worstFlexion < 0.5, "worst flexion error \(worstFlexion)°")
        #expect(worstLateral < 0.5, "worst lateral error \(worstLateral)°")
    }

    @Test("without a lean pose, an upside-down sensor is refused with advice to add the lean pose")
    func upsideDownWithoutLean() throws {
        var draw = Draw(seed: 7)
        let upsideDown = Quaternion(axis: .unitX, angleRadians: TiltMath.pi)
        // Worn as the default trunk mounting says, then turned over: up is now the sensor's -y.
        let declared = Quaternion(axis: .unitX, angleRadians: -TiltMath.pi / 2)
        let upright = try #require(heldPose(upsideDown * declared, flexionDeg: 0, lateralDeg: 0, startSeconds: 0, draw: &draw))
        let result = CalibrationFlow.calibrations(upright: [.trunk: upright], lean: [:],
                                                  mounting: { .default(for: $0) }, chip: { _ in "test" })
        guard case .failure(let failure) = result else {
            Issue.record("an upside-down sensor calibrated against the declared mounting: \(result)")
            return
        }
        #expect(failure.needsLeanPose)
        #expect(failure.description.contains("forward-lean pose"))
    }
}
