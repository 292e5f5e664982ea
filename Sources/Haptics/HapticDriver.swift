import IMU

/// The vibration motor's kind, which sets the driver's drive method and library.
public enum HapticActuator: String, Sendable, CaseIterable, Codable {
    /// Eccentric rotating mass: a small DC motor with an off-centre weight.
    case erm
    /// Linear resonant actuator: a mass on a spring, driven at its resonance.
    case lra
}

/// A haptic driver chip that plays vibration patterns.
///
/// Contract for implementations:
/// - `configure` leaves the chip awake, set for the actuator, ready to play.
/// - `play` replaces whatever is playing with `pattern` and starts it.
/// - `isPlaying` is true until the pattern has finished.
/// - All failures are `IMUError`s; nothing traps.
public protocol HapticDriver: AnyObject {
    var chip: ChipModel { get }
    var device: RegisterDevice { get }
    func configure(actuator: HapticActuator) throws(IMUError)
    func play(_ pattern: HapticPattern) throws(IMUError)
    func stop() throws(IMUError)
    var isPlaying: Bool { get throws(IMUError) }
}
