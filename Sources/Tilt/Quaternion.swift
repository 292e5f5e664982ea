// Unit quaternions for rotations (Hamilton convention, w first).

/// A rotation quaternion `(w, x, y, z)`. `rotate(v)` maps a vector from the frame the quaternion
/// rotates from (the sensor frame, in this project) to the frame it rotates to.
public struct Quaternion: Equatable, Sendable {
    public var w: Double
    public var x: Double
    public var y: Double
    public var z: Double

    @inlinable
    public init(w: Double, x: Double, y: Double, z: Double) {
        self.w = w
        self.x = x
        self.y = y
        self.z = z
    }

    public static let identity = Quaternion(w: 1, x: 0, y: 0, z: 0)

    /// The rotation by `angleRadians` about `axis` (any non-zero length; returns identity for a zero axis).
    @inlinable
    public init(axis: Vector3, angleRadians: Double) {
        guard let u = axis.normalized else {
            self = .identity
            return
        }
        let s = TiltMath.sin(angleRadians / 2)
        self.init(w: TiltMath.cos(angleRadians / 2), x: u.x * s, y: u.y * s, z: u.z * s)
    }

    /// Hamilton product: `(a * b).rotate(v) == a.rotate(b.rotate(v))`.
    @inlinable
    public static func * (a: Quaternion, b: Quaternion) -> Quaternion {
        Quaternion(
            w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
            x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
            y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
            z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w
        )
    }

    @inlinable public var conjugate: Quaternion { Quaternion(w: w, x: -x, y: -y, z: -z) }

    /// The same rotation with unit norm (identity if the norm is zero or not finite).
    @inlinable
    public var normalized: Quaternion {
        let n = (w * w + x * x + y * y + z * z).squareRoot()
        guard n > 1e-12, n.isFinite else { return .identity }
        let s = 1 / n
        return Quaternion(w: w * s, x: x * s, y: y * s, z: z * s)
    }

    /// Rotates `v` (for a unit quaternion).
    @inlinable
    public func rotate(_ v: Vector3) -> Vector3 {
        // v + 2w (q × v) + 2 q × (q × v), with q the vector part.
        let q = Vector3(x, y, z)
        let t = q.cross(v) * 2
        return v + t * w + q.cross(t)
    }

    /// Rotates `v` by the inverse rotation (for a unit quaternion).
    @inlinable
    public func inverseRotate(_ v: Vector3) -> Vector3 {
        conjugate.rotate(v)
    }
}
