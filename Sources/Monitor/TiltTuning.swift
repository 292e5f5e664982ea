import Tilt

/// Developer overrides of the tilt filter's settings, `KEY=NUMBER`, for the ablations in
/// bench/README.md (`plumbline replay --setting`, hidden from the help).
public enum TiltTuning {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The keys and the settings they set.
    public static var keys: [(String, WritableKeyPath<TiltFilter.Settings, Double>)] { [
        ("tau", \.accelTimeConstantSeconds), ("damping", \.accelFilterDamping), ("reject", \.accelRejectionG),
        ("recovery", \.recoverySeconds), ("motionBias", \.motionBiasTimeConstantSeconds),
        ("restBias", \.restBiasTimeConstantSeconds), ("restGyro", \.restGyroDeviationDegPerSecond),
        ("restAccel", \.restAccelDeviationG), ("restOffset", \.restBiasOffsetDegPerSecond), ("maxBias", \.maxBiasDegPerSecond),
    ] }

    /// Applies each `KEY=NUMBER` in turn.
    public static func apply(_ overrides: [String], to settings: inout TiltFilter.Settings) throws(Failure) {
        for o in overrides {
            let parts = o.split(separator: "=")
            guard parts.count == 2, let v = Double(parts[1]), v.isFinite else {
                throw Failure(description: "--setting takes KEY=NUMBER (got `\(o)`)")
            }
            guard let key = keys.first(where: { $0.0 == parts[0] })?.1 else {
                throw Failure(description: "unknown --setting \(parts[0]); keys: \(keys.map(\.0).joined(separator: ", "))")
            }
            settings[keyPath: key] = v
        }
    }
}
