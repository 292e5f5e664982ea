// Angles as DESIGN.md defines them.
import Tilt

/// Flexion and lateral lean of one sensor relative to its calibration, in degrees.
public struct SensorAngles: Equatable, Sendable {
    /// Signed angle from the upright reference `u` to the current up direction projected onto the
    /// plane normal to the flexion axis; positive forward. In (-180, 180].
    public var flexionDeg: Double
    /// `asin(g · a)`: positive when the up direction moves towards the flexion axis `a`, which
    /// points to the wearer's right, i.e. when the sensor leans to the wearer's left.
    public var lateralDeg: Double

    public init(flexionDeg: Double, lateralDeg: Double) {
        self.flexionDeg = flexionDeg
        self.lateralDeg = lateralDeg
    }
}

/// A calibration prepared for the per-sample angles: the upright reference `u`, the flexion axis
/// `a`, and what the angles need of them, `w = a × u` and `u · a`, computed once per calibration
/// instead of once per sample.
public struct AngleReference: Equatable, Sendable {
    public let up: Vector3
    public let flexionAxis: Vector3
    /// `w = a × u`. With `p = g − a (g · a)`, the up direction projected onto the plane normal to
    /// `a`: `(u × p) · a = g · w`, the sine side of the flexion.
    private let flexionSine: Vector3
    /// `u · a`: 0 for an exact calibration, kept so the cosine side `u · p` stays exact.
    private let upDotAxis: Double

    public init(_ calibration: Calibration) {
        up = calibration.up
        flexionAxis = calibration.flexionAxis
        flexionSine = calibration.flexionAxis.cross(calibration.up)
        upDotAxis = calibration.up.dot(calibration.flexionAxis)
    }

    /// The angles of the up direction `g` (sensor frame, any non-zero length) and the cosine of its
    /// inclination from upright, or `nil` when `g` is zero or not finite (never a NaN angle). At the
    /// singular pose `g ∥ a` (lying on the side) the flexion is undefined and reported as 0, with a
    /// lateral lean of ±90°. No normalisation: both angles are ratios.
    public func measure(up g: Vector3) -> (angles: SensorAngles, inclinationCosine: Double)? {
        let gg = g.squaredLength
        guard gg > 1e-24, gg.isFinite else { return nil }
        let ga = g.dot(flexionAxis)
        let gu = g.dot(up)
        let pp = max(gg - ga * ga, 0)  // |p|²
        let lateral = TiltMath.atan2(ga, pp.squareRoot()) * TiltMath.degreesPerRadian
        var flexion = 0.0
        if pp > gg * 1e-24 {
            flexion = TiltMath.atan2(g.dot(flexionSine), gu - ga * upDotAxis) * TiltMath.degreesPerRadian
            if flexion == -180 { flexion = 180 }
        }
        return (SensorAngles(flexionDeg: flexion, lateralDeg: lateral), gu / gg.squareRoot())
    }
}

extension Calibration {
    /// The angles of the up direction `up` (sensor frame, any non-zero length), or `nil` when it is
    /// zero or not finite (never a NaN angle). At the singular pose `up ∥ a` (lying on the side)
    /// the flexion is undefined and reported as 0 with a lateral lean of ±90°. For every sample,
    /// prepare an `AngleReference` once instead.
    public func angles(up g: Vector3) -> SensorAngles? {
        AngleReference(self).measure(up: g)?.angles
    }

    /// Inclination: angle between the current up direction and the upright reference, in degrees.
    public func inclinationDeg(up g: Vector3) -> Double? {
        guard let g = g.normalized else { return nil }
        return TiltMath.acos(clamping: g.dot(up)) * TiltMath.degreesPerRadian
    }
}

/// The posture of the wearer from one or two sensors.
public struct PostureAngles: Equatable, Sendable {
    public var trunk: SensorAngles
    public var head: SensorAngles?

    public init(trunk: SensorAngles, head: SensorAngles?) {
        self.trunk = trunk
        self.head = head
    }

    /// Thoracic angle: flexion of the trunk sensor, in degrees.
    public var thoracicDeg: Double { trunk.flexionDeg }

    /// Head-forward angle: head flexion minus trunk flexion, in degrees; `nil` (unavailable, not 0)
    /// without a head sensor.
    public var headForwardDeg: Double? { head.map { $0.flexionDeg - trunk.flexionDeg } }

    /// Computes the angles from the current up directions; `nil` if the trunk input is unusable.
    /// A head sensor whose input is unusable gives an unavailable head-forward angle.
    public static func compute(
        trunkUp: Vector3, trunk: Calibration, headUp: Vector3? = nil, head: Calibration? = nil
    ) -> PostureAngles? {
        guard let t = trunk.angles(up: trunkUp) else { return nil }
        var h: SensorAngles? = nil
        if let hu = headUp, let hc = head { h = hc.angles(up: hu) }
        return PostureAngles(trunk: t, head: h)
    }
}
