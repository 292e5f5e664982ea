import Tilt

/// Angle between two directions, in degrees.
func angleDeg(_ a: Vector3, _ b: Vector3) -> Double {
    guard let u = a.normalized, let v = b.normalized else { return .nan }
    return TiltMath.acos(clamping: u.dot(v)) * TiltMath.degreesPerRadian
}
