import ArgumentParser
import Configuration
import Foundation
import I2C
import IMU
import IMUEmulators
import Monitor
import Posture

/// Options every command that runs the sensors shares.
struct RunOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Configuration file (default: $PLUMBLINE_CONFIG, ~/.config/plumbline/plumbline.yaml, /etc/plumbline/plumbline.yaml, else built-in defaults).",
        valueName: "PATH"))
    var config: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override one configuration key, e.g. --set coach.delay_s=30 (repeatable).",
                                                       valueName: "KEY=VALUE"))
    var overrides: [String] = []

    @Flag(help: "Use the emulated rig and a simulated wearer instead of the I2C bus.")
    var simulate = false

    /// The configuration file to read, if any.
    func configurationPath() -> String? {
        if let config { return config }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["PLUMBLINE_CONFIG"], !path.isEmpty { return path }
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        for candidate in [home + "/.config/plumbline/plumbline.yaml", "/etc/plumbline/plumbline.yaml"]
        where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        return nil
    }

    /// Reads and validates the configuration (exits with a located error).
    func loadConfiguration() throws -> PlumblineConfiguration {
        do {
            if let path = configurationPath() {
                return try ConfigurationReader.load(path: path, overrides: overrides)
            }
            return try ConfigurationReader.parse("", file: "built-in defaults", overrides: overrides)
        } catch {
            throw fail(kind: "config", error.description)
        }
    }

    /// Where calibration, recordings and history live: the service's state
    /// directory; the configured one when a configuration file is in use or it is
    /// writable; else ~/.local/state/plumbline.
    func stateDirectory(_ configuration: PlumblineConfiguration) -> String {
        let environment = ProcessInfo.processInfo.environment
        if let systemd = environment["STATE_DIRECTORY"], !systemd.isEmpty { return systemd }
        let configured = configuration.storage.directory
        // A configuration file in use declares where state lives; so does a writable default.
        if configurationPath() != nil || FileManager.default.isWritableFile(atPath: configured) { return configured }
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path + "/.local/state"
        return base + "/plumbline"
    }
}

/// The configured sensors, opened: real buses, or the simulated rig on a virtual clock.
struct OpenedSensors {
    var source: LiveSource
    var clock: any MonotonicClock
    var chips: [SensorRole: ChipModel]
    var rig: SimulatedRig?

    static func open(_ configuration: PlumblineConfiguration, simulate: SimulatedWearer?, speed: Double? = nil) throws -> OpenedSensors {
        let imuConfiguration = IMUConfiguration(accelRange: configuration.sampling.accelRange,
                                                gyroRange: configuration.sampling.gyroRange,
                                                outputRate_Hz: configuration.sampling.rate_Hz, useFIFO: true)
        var channels: [LiveSource.Channel] = []
        var chips: [SensorRole: ChipModel] = [:]
        let clock: any MonotonicClock
        var rig: SimulatedRig?
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
                do {
                    let driver = try IMUDrivers.open(bus: simulated.bus, address: address, delay: { _ in })
                    channels.append(.init(role: role, driver: driver))
                    chips[role] = driver.chip
                } catch {
                    throw fail(error)
                }
            }
        } else {
            clock = SystemClock()
            var buses: [String: LinuxI2CBus] = [:]
            for role in SensorRole.allCases {
                guard let sensor = configuration.sensors[role] else { continue }
                do {
                    let bus = try buses[sensor.bus] ?? LinuxI2CBus(path: sensor.bus)
                    buses[sensor.bus] = bus
                    let driver = try IMUDrivers.open(bus: bus, address: sensor.address, expecting: sensor.chip)
                    channels.append(.init(role: role, driver: driver))
                    chips[role] = driver.chip
                } catch let error as I2CError {
                    throw fail(error)
                } catch let error as IMUError {
                    throw fail(error)
                }
            }
        }
        do {
            let source = try LiveSource(channels: channels, configuration: imuConfiguration, clock: clock,
                                        drainInterval_s: configuration.sampling.drainInterval_s)
            return OpenedSensors(source: source, clock: clock, chips: chips, rig: rig)
        } catch {
            throw fail(error)
        }
    }
}
