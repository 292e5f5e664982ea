// The calibrated reference of one sensor, and how it is made.
import Tilt

/// Where a sensor is worn. Each role gets its own calibration.
public enum SensorRole: String, Sendable, CaseIterable {
    /// Upper back (T1–T4): gives the thoracic angle.
    case trunk
    /// Head (back of the head or a glasses arm): with the trunk gives the head-forward angle.
    case head
}

/// The sensor axes that point up and forward (away from the wearer's back) when the wearer
/// stands upright, as the configuration declares them. Used when no forward-lean pose was taken.
public struct Mounting: Equatable, Sendable {
    /// Sensor-frame direction that points up in the upright pose (any length).
    public var up: Vector3
    /// Sensor-frame direction that points forward in the upright pose (any length).
    public var forward: Vector3

    public init(up: Vector3, forward: Vector3) {
        self.up = up
        self.forward = forward
    }

    /// The mounting assumed for a role whose configuration declares none: the trunk sensor on the
    /// upper back (`backYUp`), the head sensor level with x forward (`zUpXForward`).
    public static func `default`(for role: SensorRole) -> Mounting {
        role == .trunk ? .backYUp : .zUpXForward
    }

    /// z up, x forward: a board lying flat on a horizontal surface, front edge ahead.
    public static let zUpXForward = Mounting(up: .unitZ, forward: .unitX)
    /// On the upper back, chip facing out: y up, z backward (out of the skin), so forward is -z.
    public static let backYUp = Mounting(up: .unitY, forward: Vector3(0, 0, -1))
}

/// How the flexion axis was found.
public enum FlexionAxisSource: String, Sendable {
    case forwardLean
    case mounting
}

/// Why a calibration attempt was refused.
public enum CalibrationRejection: Error, Equatable, Sendable {
    /// The wearer moved during the still window: even its stillest stretch had this direction
    /// spread (RMS, degrees) and gyroscope RMS (deg/s).
    case moved(dispersionDeg: Double, gyroRmsDegPerSecond: Double)
    /// The direction wandered this far (degrees) from the held pose within the window: reaching,
    /// turning, walking, or a window that spans two poses.
    case wandered(deg: Double)
    /// The upright pose is too far from the declared mounting's up axis.
    case notUpright(deviationDeg: Double)
    /// No data, a gap in the data, or non-finite samples.
    case sensorMissing
    /// The forward-lean pose is less than the minimum lean away from upright.
    case leanTooSmall(leanDeg: Double)
    /// The declared forward axis is (nearly) parallel to the measured up direction.
    case mountingDegenerate
}

/// The calibrated reference of one sensor: a value to save and load (plain stored properties,
/// so the command line can encode it as JSON without Foundation in the core).
public struct Calibration: Equatable, Sendable {
    public var role: SensorRole
    /// The chip's name as the driver reports it (for example "MPU-6050").
    public var chip: String
    /// Source time at which the calibration was taken, in seconds.
    public var timeSeconds: Double
    /// Upright reference `u`: unit up direction in the sensor frame.
    public var up: Vector3
    /// Flexion axis `a`: unit vector in the sensor frame, orthogonal to `up`; forward flexion is a
    /// positive rotation about it.
    public var flexionAxis: Vector3
    public var axisSource: FlexionAxisSource

    public init(
        role: SensorRole, chip: String, timeSeconds: Double, up: Vector3, flexionAxis: Vector3,
        axisSource: FlexionAxisSource
    ) {
        self.role = role
        self.chip = chip
        self.timeSeconds = timeSeconds
        self.up = up
        self.flexionAxis = flexionAxis
        self.axisSource = axisSource
    }

    /// Settings for making a calibration from still poses.
    public struct Settings: Equatable, Sendable {
        /// Largest angle between the upright pose and the mounting's up axis, in degrees.
        public var maxUprightDeviationDeg: Double
        /// Smallest forward lean for the flexion-axis pose, in degrees.
        public var minLeanDeg: Double

        public init(maxUprightDeviationDeg: Double = 45, minLeanDeg: Double = 15) {
            self.maxUprightDeviationDeg = maxUprightDeviationDeg
            self.minLeanDeg = minLeanDeg
        }

        public static let `default` = Settings()
    }

    /// Calibrates from an upright still pose; the flexion axis comes from the declared mounting.
    public static func fromUpright(
        _ upright: StillPose, mounting: Mounting, role: SensorRole, chip: String,
        settings: Settings = .default
    ) -> Result<Calibration, CalibrationRejection> {
        let u = upright.up
        guard let mountUp = mounting.up.normalized else { return .failure(.mountingDegenerate) }
        let deviation = TiltMath.acos(clamping: u.dot(mountUp)) * TiltMath.degreesPerRadian
        if deviation > settings.maxUprightDeviationDeg { return .failure(.notUpright(deviationDeg: deviation)) }
        // a = normalize(forward x u): forward lean is then a positive rotation about a.
        guard let a = mounting.forward.cross(u).normalized,
              mounting.forward.cross(u).length > 0.1 * mounting.forward.length
        else { return .failure(.mountingDegenerate) }
        return .success(
            Calibration(
                role: role, chip: chip, timeSeconds: upright.endTimeSeconds, up: u, flexionAxis: a,
                axisSource: .mounting))
    }

    /// Calibrates from an upright still pose and a deliberate forward-lean still pose:
    /// `a = normalize(u × f)`. No mounting plays a part: the two poses define the axes, so the
    /// sensor may be worn in any orientation, upside down and sideways included.
    public static func fromUpright(
        _ upright: StillPose, forwardLean lean: StillPose, role: SensorRole,
        chip: String, settings: Settings = .default
    ) -> Result<Calibration, CalibrationRejection> {
        let u = upright.up
        let leanDeg = TiltMath.acos(clamping: u.dot(lean.up)) * TiltMath.degreesPerRadian
        guard leanDeg >= settings.minLeanDeg, let a = u.cross(lean.up).normalized else {
            return .failure(.leanTooSmall(leanDeg: leanDeg))
        }
        return .success(
            Calibration(
                role: role, chip: chip, timeSeconds: lean.endTimeSeconds, up: u, flexionAxis: a,
                axisSource: .forwardLean))
    }
}
