import ArgumentParser
import Configuration
import Foundation
import I2C
import IMU
import Monitor
import Posture

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the set-up step by step and say what to fix.",
        discussion: """
        Checks, in order: the I2C bus is enabled, this user may open it, each configured sensor \
        answers with the right chip ID, the haptic driver is there, a calibration exists and matches \
        the sensors, the configuration is valid, and there is disk space for recordings. Exit status \
        0 when every check passes, 1 otherwise.
        """
    )

    @OptionGroup var options: RunOptions

    /// Free space below which recordings are at risk.
    static let minimumFreeMegabytes = 500.0

    struct Check {
        var passed: Bool
        var title: String
        var advice: String?
    }

    func run() throws {
        // The configuration is read first (everything depends on it) but reported in its place.
        let (configuration, configurationCheck) = readConfiguration()
        let (opened, busChecks) = openBuses(configuration)
        let (chips, sensorChecks) = identifySensors(configuration, opened: opened)
        let state = options.stateDirectory(configuration)
        let checks = busChecks + sensorChecks + [hapticCheck(configuration, opened: opened),
                                                 calibrationCheck(state + "/calibration.json", configuration: configuration, chips: chips),
                                                 configurationCheck, diskCheck(state)]
        for check in checks {
            print("\(check.passed ? "ok  " : "FAIL") \(check.title)")
            if !check.passed, let advice = check.advice { print("      → \(advice)") }
        }
        let failed = checks.filter { !$0.passed }.count
        print(failed == 0 ? "All \(checks.count) checks passed." : "\(failed) of \(checks.count) checks failed.")
        if failed > 0 { throw ExitCode(1) }
    }

    /// The configuration, checked key by key and as a whole by the reader (the same checks every
    /// command makes).
    private func readConfiguration() -> (PlumblineConfiguration, Check) {
        let path = options.configurationPath()
        do throws(ConfigurationError) {
            let configuration = if let path {
                try ConfigurationReader.load(path: path, overrides: options.overrides)
            } else {
                try ConfigurationReader.parse("", file: "built-in defaults", overrides: options.overrides)
            }
            let title = path.map { "configuration \($0) is valid" }
                ?? "no configuration file: using the built-in defaults (one MPU-family trunk sensor at 0x68 on /dev/i2c-1)"
            return (configuration, Check(passed: true, title: title))
        } catch {
            return (.default, Check(passed: false, title: "configuration is invalid: \(error)",
                                    advice: "Fix that line; plumbline.example.yaml documents every key."))
        }
    }

    private func openBuses(_ configuration: PlumblineConfiguration) -> ([String: LinuxI2CBus], [Check]) {
        let buses = Set(configuration.sensors.values.map(\.bus) + (configuration.alerts.haptic.map { [$0.bus] } ?? [])).sorted()
        var opened: [String: LinuxI2CBus] = [:]
        var errors: [String: I2CError] = [:]
        for path in buses {
            do { opened[path] = try LinuxI2CBus(path: path) } catch { errors[path] = error }
        }
        var checks: [Check] = []
        for path in buses {
            if let error = errors[path], error.kind == .busMissing {
                let present = listI2CBuses()
                checks.append(Check(passed: false, title: "I2C bus \(path) does not exist"
                                    + (present.isEmpty ? " (no I2C bus on this machine)" : " (present: \(present.joined(separator: ", ")))"),
                                    advice: error.advice))
            } else {
                checks.append(Check(passed: true, title: "I2C bus \(path) exists"))
            }
        }
        for path in buses where errors[path]?.kind != .busMissing {
            if let error = errors[path] {
                checks.append(Check(passed: false, title: "cannot open \(path): \(error.summary)", advice: error.advice))
            } else {
                checks.append(Check(passed: true, title: "this user may read and write \(path)"))
            }
        }
        return (opened, checks)
    }

    private func identifySensors(_ configuration: PlumblineConfiguration,
                                 opened: [String: LinuxI2CBus]) -> ([SensorRole: ChipModel], [Check]) {
        var chips: [SensorRole: ChipModel] = [:]
        var checks: [Check] = []
        for role in SensorRole.allCases {
            guard let sensor = configuration.sensors[role] else { continue }
            let name = "\(role.rawValue) sensor at \(hex(sensor.address)) on \(sensor.bus)"
            guard let bus = opened[sensor.bus] else {
                checks.append(Check(passed: false, title: "\(name): not checked, its bus is not usable", advice: nil))
                continue
            }
            do {
                let chip = try ChipModel.identify(on: bus, at: sensor.address)
                if let expected = sensor.chip, expected != chip {
                    checks.append(Check(passed: false, title: "\(name) is a \(chip.displayName), configured as \(expected.displayName)",
                                        advice: "Set sensors.\(role.rawValue).chip to \(chip.rawValue) or auto."))
                } else {
                    chips[role] = chip
                    checks.append(Check(passed: true, title: "\(name) answers: \(chip.displayName)"))
                }
            } catch {
                checks.append(Check(passed: false, title: "\(name) does not answer as a supported chip: \(error.kind)",
                                    advice: "\(error)"))
            }
        }
        return (chips, checks)
    }

    private func hapticCheck(_ configuration: PlumblineConfiguration, opened: [String: LinuxI2CBus]) -> Check {
        guard let haptic = configuration.alerts.haptic else {
            return Check(passed: true, title: "no haptic driver configured (alerts stay on screen and in hooks)")
        }
        let name = "haptic driver at \(hex(haptic.address)) on \(haptic.bus)"
        guard let bus = opened[haptic.bus] else { return Check(passed: false, title: "\(name): not checked, its bus is not usable") }
        do {
            let chip = try ChipModel.identify(on: bus, at: haptic.address)
            return Check(passed: chip == .drv2605l, title: "\(name): \(chip.displayName)",
                         advice: chip == .drv2605l ? nil : "Only the DRV2605L is supported.")
        } catch {
            return Check(passed: false, title: "\(name) does not answer",
                         advice: "Check its wiring, or remove alerts.haptic from the configuration if you have no motor.")
        }
    }

    private func calibrationCheck(_ path: String, configuration: PlumblineConfiguration, chips: [SensorRole: ChipModel]) -> Check {
        guard FileManager.default.fileExists(atPath: path) else {
            return Check(passed: false, title: "no calibration at \(path)", advice: "Put the sensors on and run `plumbline calibrate --lean`.")
        }
        do {
            let byRole = try StateFiles.loadCalibrations(path)
            var problems: [String] = []
            for role in configuration.sensors.keys.sorted(by: { $0.rawValue > $1.rawValue }) {
                guard let calibration = byRole[role] else { problems.append("no \(role.rawValue) sensor"); continue }
                if let chip = chips[role], chip.displayName != calibration.chip {
                    problems.append("the \(role.rawValue) sensor is now a \(chip.displayName), calibrated as \(calibration.chip)")
                }
            }
            return Check(passed: problems.isEmpty,
                         title: problems.isEmpty ? "calibration \(path) matches the sensors" : "calibration \(path): \(problems.joined(separator: "; "))",
                         advice: problems.isEmpty ? nil : "Run `plumbline calibrate --lean`.")
        } catch {
            return Check(passed: false, title: "calibration \(path) cannot be read: \(error)",
                         advice: "Run `plumbline calibrate --lean` to make a new one.")
        }
    }

    /// Free space where recordings go (the nearest existing parent of the state directory).
    private func diskCheck(_ directory: String) -> Check {
        var path = directory
        while !FileManager.default.fileExists(atPath: path), path != "/" {
            path = (path as NSString).deletingLastPathComponent
            if path.isEmpty { path = "/" }
        }
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else {
            return Check(passed: false, title: "cannot read the free space of \(path)", advice: nil)
        }
        let freeMegabytes = Double(stats.f_bavail) * Double(stats.f_frsize) / 1_048_576
        let enough = freeMegabytes >= Self.minimumFreeMegabytes
        return Check(passed: enough, title: String(format: "%.0f MB free for recordings in %@", freeMegabytes, path),
                     advice: enough ? nil : "Free some space (at least \(Int(Self.minimumFreeMegabytes)) MB), or set storage.record_raw: false.")
    }
}
