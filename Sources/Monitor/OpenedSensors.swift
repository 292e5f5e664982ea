import Haptics
import Alerts
import Configuration
import I2C
import IMU
import IMUEmulators
import Logging
import Posture

/// Why the sensors (or the vibration motor) could not be opened.
public enum SensorSetupError: Error, CustomStringConvertible {
    /// The bus itself failed (missing, no permission, no acknowledge).
    case bus(I2CError)
    /// A chip did not answer as expected (wrong ID, refused configuration).
    case chip(IMUError)

    public var description: String {
        switch self {
        case .bus(let error): "\(error)"
        case .chip(let error): "\(error)"
        }
    }
}

/// The configured sensors, opened and configured behind one live source: real buses, or with a
/// simulated wearer the emulated rig on a virtual clock.
public struct OpenedSensors {
    public var source: LiveSource
    public var clock: any MonotonicClock
    public var chips: [SensorRole: ChipModel]
    /// The emulated rig, when simulated.
    public var rig: SimulatedRig?

    /// The roles that have a sensor, trunk first.
    public var roles: [SensorRole] { SensorRole.allCases.filter { chips[$0] != nil } }

    /// Opens the configuration's sensors, or with `simulate` the rig wearing that script (paced
    /// at `speed` times real time when given, else as fast as the CPU allows).
    public static func open(_ configuration: PlumblineConfiguration, simulate: SimulatedWearer?, speed: Double? = nil,
                            logger: Logger = Logger(label: "plumbline.source")) throws(SensorSetupError) -> OpenedSensors {
        let imuConfiguration = IMUConfiguration(accelRange: configuration.sampling.accelRange,
                                                gyroRange: configuration.sampling.gyroRange,
                                                outputRateHz: configuration.sampling.rateHz, useFIFO: true)
        var channels: [LiveSource.Channel] = []
        var chips: [SensorRole: ChipModel] = [:]
        let clock: any MonotonicClock
        var rig: SimulatedRig?
        do throws(IMUError) {
            if let wearer = simulate {
                let simulated = SimulatedRig(wearer: wearer)
                let virtual = VirtualClock()
                virtual.onAdvance = { simulated.setTime($0) }
                if let speed { virtual.pacing = (SystemClock(), speed) }
                clock = virtual
                rig = simulated
                let roles: [SensorRole] = wearer.headMounting == nil ? [.trunk] : [.trunk, .head]
                for role in roles {
                    let address = simulated.address(of: role == .trunk ? .trunk : .head)
                    let driver = try IMUDrivers.open(bus: simulated.bus, address: address, delay: { _ in })
                    channels.append(.init(role: role, driver: driver))
                    chips[role] = driver.chip
                }
            } else {
                clock = SystemClock()
                var buses: [String: LinuxI2CBus] = [:]
                for role in SensorRole.allCases {
                    guard let sensor = configuration.sensors[role] else { continue }
                    let bus: LinuxI2CBus
                    if let opened = buses[sensor.bus] { bus = opened } else {
                        do { bus = try LinuxI2CBus(path: sensor.bus) } catch { throw IMUError.bus(error) }
                        buses[sensor.bus] = bus
                    }
                    let driver = try IMUDrivers.open(bus: bus, address: sensor.address, expecting: sensor.chip)
                    channels.append(.init(role: role, driver: driver))
                    chips[role] = driver.chip
                }
            }
            let source = try LiveSource(channels: channels, configuration: imuConfiguration, clock: clock,
                                        drainIntervalSeconds: configuration.sampling.drainIntervalSeconds, logger: logger)
            return OpenedSensors(source: source, clock: clock, chips: chips, rig: rig)
        } catch {
            if case .bus(let bus) = error { throw .bus(bus) }
            throw .chip(error)
        }
    }

    /// The vibration motor of `alerts.haptic`, configured; `nil` without one. On the simulated
    /// rig an emulated DRV2605L is attached first.
    public func openHaptic(_ configuration: PlumblineConfiguration) throws(SensorSetupError) -> HapticSink? {
        guard let settings = configuration.alerts.haptic else { return nil }
        let bus: any I2CBus
        if let rig {
            rig.bus.attach(DRV2605LEmulator(), at: settings.address)
            bus = rig.bus
        } else {
            do { bus = try LinuxI2CBus(path: settings.bus) } catch { throw .bus(error) }
        }
        do {
            let driver = try DRV2605LDriver.open(bus: bus, address: settings.address)
            try driver.configure(actuator: settings.actuator == .lra ? .lra : .erm)
            return HapticSink(driver: driver)
        } catch {
            if case .bus(let e) = error { throw .bus(e) }
            throw .chip(error)
        }
    }
}
