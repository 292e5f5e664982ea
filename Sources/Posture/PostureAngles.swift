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

extension Calibration {
    /// The angles of the up direction `up` (sensor frame, any non-zero length), or `nil` when it is
    /// zero or not finite (never a NaN angle). At the singular pose `up ∥ a` (lying on the side)
    /// the flexion is undefined and reported as 0 with a lateral lean of ±90°.
    public func angles(up g: Vector3) -> SensorAngles? {
        guard let g = g.normalized else { return nil }
        let a = flexionAxis
        let ga = g.dot(a)
        let lateral = TiltMath.asin(clamping: ga) * TiltMath.degreesPerRadian
        let p = g - a * ga
        let flexion = TiltMath.atan2(up.cross(p).dot(a), up.dot(p)) * TiltMath.degreesPerRadian
        return SensorAngles(flexionDeg: flexion == -180 ? 180 : flexion, lateralDeg: lateral)
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
