import ArgumentParser
import Configuration
import Foundation
import IMUEmulators
import Monitor

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

    /// Reads the configuration and checks it as a whole (a failure exits with one located line).
    func loadConfiguration() throws -> (PlumblineConfiguration, CoreSettings) {
        do throws(ConfigurationError) {
            let file = configurationPath()
            let configuration = if let file {
                try ConfigurationReader.load(path: file, overrides: overrides)
            } else {
                try ConfigurationReader.parse("", file: "built-in defaults", overrides: overrides)
            }
            return (configuration, try configuration.coreSettings(file: file ?? "built-in defaults"))
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

    /// Opens the sensors, or the simulated rig wearing `simulate` (exits with one line on failure).
    func openSensors(_ configuration: PlumblineConfiguration, simulate wearer: SimulatedWearer?,
                     speed: Double? = nil) throws -> OpenedSensors {
        do {
            return try OpenedSensors.open(configuration, simulate: wearer, speed: speed)
        } catch {
            throw fail(error)
        }
    }
}
