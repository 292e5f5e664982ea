// Fuzz check of the configuration parser and the `--set` overrides.
import Configuration
import Posture

enum ConfigurationCheck {
    static let file = "fuzz.yaml"
    /// How many leading lines are also tried as `--set` overrides.
    static let overrideLines = 8

    static func run(_ input: UnsafeRawBufferPointer) -> FuzzOutcome {
        let text = String(decoding: input, as: UTF8.self)
        let outcome: FuzzOutcome
        do {
            let configuration = try ConfigurationReader.parse(text, file: file)
            checkInvariants(configuration)
            outcome = .accepted("\(configuration.sensors.count) sensor(s), \(configuration.sampling.rateHz) Hz")
        } catch {
            precondition(error.description.hasPrefix(file) && !error.message.isEmpty,
                         "configuration error without the file or a message: \(error)")
            outcome = .rejected(error.description)
        }
        var configuration = PlumblineConfiguration.default
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(overrideLines) {
            do {
                try ConfigurationReader.apply(String(line), into: &configuration)
                checkInvariants(configuration)
            } catch {
                precondition(!error.message.isEmpty, "override error without a message: \(error)")
            }
        }
        return outcome
    }

    /// What every accepted configuration promises, whatever the input.
    static func checkInvariants(_ c: PlumblineConfiguration) {
        precondition((12.5...1000).contains(c.sampling.rateHz), "rate out of range: \(c.sampling.rateHz)")
        precondition((0.02...2).contains(c.sampling.drainIntervalSeconds), "drain interval out of range")
        precondition(c.coach.delaySeconds.map { (1...3600).contains($0) } ?? true, "delay out of range: \(c.coach.delaySeconds!)")
        precondition(c.coach.hysteresisDeg.map { (0...15).contains($0) } ?? true, "hysteresis out of range")
        if let q = c.coach.quietHours {
            precondition(q.startSeconds != q.endSeconds && (0..<86400).contains(q.startSeconds) && (0..<86400).contains(q.endSeconds),
                         "quiet hours out of a day: \(q)")
        }
        for (_, sensor) in c.sensors {
            precondition((0x08...0x77).contains(sensor.address), "address out of range: \(sensor.address)")
            precondition(sensor.bus.hasPrefix("/dev/i2c-"), "bus is not an I2C device: \(sensor.bus)")
        }
        if let hook = c.alerts.hook {
            precondition(hook.first?.hasPrefix("/") == true, "hook program is not absolute: \(hook)")
        }
        precondition(c.storage.directory.hasPrefix("/") && !c.storage.directory.contains("\0"),
                     "storage directory not absolute: \(c.storage.directory)")
    }
}
