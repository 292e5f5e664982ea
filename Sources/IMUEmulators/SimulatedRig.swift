import I2C
import IMU

/// The simulated wearer wired to emulated chips on an emulated bus: what
/// `--simulate` and the scenario suite run on. Drivers talk to it exactly as
/// to hardware (probe, configure, FIFO drains), so every stage after the bus
/// is the live code.
///
/// Time is the caller's: `clock` is read on every bus transaction, and chip
/// time advances to it, with each produced sample sensing the wearer's motion
/// at its own instant. Unplugged segments make the chip stop acknowledging.
public final class SimulatedRig {
    public let bus: EmulatedI2CBus
    public let wearer: SimulatedWearer
    public let chips: [SimulatedWearer.Role: IMUChipEmulator]
    public static let trunkAddress: UInt8 = 0x68
    public static let headAddress: UInt8 = 0x69
    private var nowSeconds = 0.0
    private var attached: [SimulatedWearer.Role: Bool] = [:]

    /// - Parameters:
    ///   - chip: the IMU model of both sensors (MPU-6050 family at 0x68/0x69 by default).
    ///   - noise: per-sample sensor noise; datasheet figures by default.
    ///   - biased: give each chip seeded zero-g and zero-rate offsets.
    public init(wearer: SimulatedWearer, chip: ChipModel = .mpu6050, noise: SensorNoise = .mpu6050,
                biased: Bool = true, seed: UInt64 = 1, faultRate: Double = 0) {
        self.wearer = wearer
        bus = EmulatedI2CBus(path: "simulated-i2c", seed: seed)
        var chips: [SimulatedWearer.Role: IMUChipEmulator] = [:]
        let addresses = chip.identity.addresses
        var roles: [SimulatedWearer.Role] = [.trunk]
        if wearer.headMounting != nil { roles.append(.head) }
        for (index, role) in roles.enumerated() {
            guard let emulator = IMUChipEmulator.emulating(chip) else {
                preconditionFailure("\(chip.displayName) is not an IMU")
            }
            emulator.noise = noise
            emulator.seedNoise(seed &+ UInt64(index + 1) &* 0x9e37)
            if biased {
                // Offsets of a real part, well inside the MPU-6050 datasheet's limits
                // (zero-rate ±20 °/s, zero-g ±50 mg): ±2 °/s and ±20 mg.
                var random = SplitMix64(seed: seed &* 31 &+ UInt64(index))
                func draw(_ limit: Double) -> Double { (random.nextUnit() * 2 - 1) * limit }
                emulator.bias = SensedMotion(accelerationG: SIMD3(draw(0.02), draw(0.02), draw(0.02)),
                                             angularRateDegPerSecond: SIMD3(draw(2), draw(2), draw(2)))
            }
            let address = addresses[min(index, addresses.count - 1)]
            bus.attach(emulator, at: address)
            chips[role] = emulator
            attached[role] = true
            emulator.sensing = { [wearer] t in wearer.sensed(role, at: t) }
        }
        self.chips = chips
        if faultRate > 0 { bus.setRandomFaults(rate: faultRate) }
        bus.clock = { [unowned self] in self.nowSeconds }
    }

    /// The address of the sensor in `role`.
    public func address(of role: SimulatedWearer.Role) -> UInt8 {
        let addresses = chips[role].map { $0.model.identity.addresses } ?? [Self.trunkAddress]
        return role == .trunk ? addresses[0] : addresses[min(1, addresses.count - 1)]
    }

    /// Moves simulated time to `t` seconds: plugs and unplugs sensors as the script says.
    public func setTime(_ t: Double) {
        precondition(t >= nowSeconds, "simulated time runs forward")
        nowSeconds = t
        for (role, _) in chips {
            let plugged = wearer.isAttached(role, at: t)
            if plugged != attached[role] {
                attached[role] = plugged
                if plugged { bus.replug(address(of: role)) } else { bus.unplug(address(of: role)) }
            }
        }
    }

    public var timeSeconds: Double { nowSeconds }
}
