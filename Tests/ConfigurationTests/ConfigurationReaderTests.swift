import Coach
import Configuration
import Foundation
import IMU
import Posture
import Testing
import Tilt

/// The example file shipped at the repository root.
private let exampleURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("plumbline.example.yaml")

@Suite("Configuration file")
struct ConfigurationReaderTests {
    @Test("the example file is valid and says what it appears to say")
    func exampleIsValid() throws {
        let config = try ConfigurationReader.load(path: exampleURL.path)
        #expect(config.sensors[.trunk] == .init(bus: "/dev/i2c-1", address: 0x68, chip: nil, mounting: .backYUp))
        #expect(config.sensors[.head]?.address == 0x69)
        #expect(config.sensors[.head]?.mounting == .zUpXForward)
        #expect(config.sampling.rateHz == 100 && config.sampling.accelRange == .g2)
        #expect(config.coach.delaySeconds == 15 && config.coach.mode == .training)
        #expect(config.coach.quietHours?.startSeconds == 22 * 3600 && config.coach.quietHours?.endSeconds == 7 * 3600)
        #expect(config.alerts.haptic?.address == 0x5a && config.alerts.hook == nil)
        #expect(config.storage.directory == "/var/lib/plumbline")
        #expect(config.storage.historyResolutionSeconds == 60 && config.storage.historyDays == 365)
    }

    @Test("the history's retention is days from 1 to 3650; beyond that it is refused by name", arguments: [
        ("30", 30.0), ("0", nil), ("3651", nil), ("a year", nil), ("1", 1.0), ("3650", 3650.0),
    ] as [(String, Double?)])
    func historyDays(value: String, accepted: Double?) throws {
        do {
            let config = try ConfigurationReader.parse("storage:\n  history_days: \(value)\n", file: "p.yaml")
            #expect(config.storage.historyDays == accepted)
        } catch {
            #expect(accepted == nil)
            #expect(error.key == "storage.history_days" && error.message.contains("3650") && error.message.contains("days"), "\(error)")
        }
    }

    @Test("a misspelt key is an error naming the line, the key and the likely intended key")
    func typoIsNamed() {
        let text = "coach:\n  mode: training\n  dealy_s: 30\n"
        #expect {
            try ConfigurationReader.parse(text, file: "p.yaml")
        } throws: { error in
            let e = error as! ConfigurationError
            return e.kind == .unknownKey && e.line == 3 && e.key == "coach.dealy_s"
                && e.description.hasPrefix("p.yaml:3:3: coach.dealy_s: is not a Plumbline setting. Did you mean `coach.delay_s`?")
        }
    }

    @Test("a value out of range names the key and the allowed range")
    func outOfRange() {
        #expect {
            try ConfigurationReader.parse("coach:\n  delay_s: -5\n", file: "p.yaml")
        } throws: { error in
            let e = error as! ConfigurationError
            return e.kind == .invalidValue && e.key == "coach.delay_s" && e.line == 2
                && e.message == "must be from 1 to 3600 s (got -5); presets: 5, 15, 30, 60"
        }
    }

    /// Found by fuzzing (fuzz/configuration/corpus/huge-number-override.txt): a whole number
    /// beyond Int.max trapped while the error message was being written.
    @Test("a number far beyond any range is refused with the range, in a file and in an override")
    func hugeNumber() {
        #expect {
            try ConfigurationReader.parse("sampling:\n  rate_hz: 1e300\n", file: "p.yaml")
        } throws: { error in
            let e = error as! ConfigurationError
            return e.kind == .invalidValue && e.key == "sampling.rate_hz" && e.line == 2
                && e.message == "must be from 12.5 to 1000 Hz (got 1e+300)"
        }
        var config = PlumblineConfiguration.default
        #expect {
            try ConfigurationReader.apply("coach.delay_s=-4e19", into: &config)
        } throws: { error in
            let e = error as! ConfigurationError
            return e.key == "coach.delay_s" && e.message == "must be from 1 to 3600 s (got -4e+19); presets: 5, 15, 30, 60"
        }
    }

    /// Found by fuzzing (fuzz/configuration/corpus/alias-bomb-key.yaml): a mapping key made of
    /// nested aliases hung the reader, as Yams hashes each key's full expansion to find duplicates.
    /// The CRLF case: a scan by `Character` reads "\r\n" as one character, so a comment never ended
    /// and every alias after it went through.
    @Test("anchors and aliases are refused with their position, also as a key and after a CRLF comment line", arguments: ["\n", "\r\n"])
    func aliasRefused(lineEnd: String) {
        var bomb = "# an alias bomb used as a key" + lineEnd + "coach:" + lineEnd + "  x: [&a0 [x, x, x, x, x, x, x, x, x, x]"
        for i in 1..<40 { bomb += ", &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]" }
        bomb += ", {*a39: 1}]" + lineEnd
        #expect {
            try ConfigurationReader.parse(bomb, file: "p.yaml")
        } throws: { error in
            let e = error as! ConfigurationError
            return e.kind == .syntax && e.line == 3 && e.column == 7 && e.message.hasPrefix("YAML anchors and aliases")
        }
        var config = PlumblineConfiguration.default
        #expect {
            try ConfigurationReader.apply("alerts.hook=[/bin/true, &a [x], *a]", into: &config)
        } throws: { error in
            (error as! ConfigurationError).key == "alerts.hook"
        }
    }

    @Test("asterisks in quotes, comments and words are not aliases, CRLF or not")
    func asterisksThatAreNotAliases() throws {
        let text = """
            sensors:
              trunk: {bus: 1}  # see *note
            alerts:
              hook: ["/usr/local/bin/notify", "*sit up*", 'it''s *fine*', "a \\"*quoted*\\"", pl*ain, "*"]
            storage:
              directory: /var/lib/a*b
            """
        for lineEnd in ["\n", "\r\n"] {
            let config = try ConfigurationReader.parse(text.replacing("\n", with: lineEnd), file: "p.yaml")
            #expect(config.alerts.hook == ["/usr/local/bin/notify", "*sit up*", "it's *fine*", "a \"*quoted*\"", "pl*ain", "*"])
            #expect(config.storage.directory == "/var/lib/a*b")
        }
    }

    @Test("a word outside its choices lists the allowed values", arguments: [
        ("coach:\n  mode: nag\n", "coach.mode", "must be one of training, tracking (got `nag`)"),
        ("sampling:\n  accel_range_g: 3\n", "sampling.accel_range_g", "must be one of 2, 4, 8, 16 g (got `3`)"),
        ("sensors:\n  trunk:\n    address: 0x99\n", "sensors.trunk.address", "must be a 7-bit I2C address from 0x08 to 0x77, e.g. 0x68 (got `0x99`)"),
        ("sensors:\n  trunk:\n    chip: mpu6000\n", "sensors.trunk.chip", nil),
        ("alerts:\n  hook: notify-send posture\n", "alerts.hook", nil),
        ("storage:\n  directory: ../state\n", "storage.directory", "must be an absolute path without `..` (got `../state`)"),
        ("coach:\n  quiet_hours: 25:00-07:00\n", "coach.quiet_hours", nil),
        ("coach:\n  training_plan: sometimes\n", "coach.training_plan", "must be true or false (got `sometimes`)"),
        ("coach:\n  training_start_min: 30\n  training_cap_min: 20\n", "coach.training_cap_min",
         "the daily target would start at 30 min but stop growing at 20 min: set coach.training_cap_min to at least coach.training_start_min"),
        ("coach:\n  training_start_min: 90\n", "coach.training_start_min", nil),
    ])
    func invalidValues(text: String, key: String, message: String?) {
        #expect {
            try ConfigurationReader.parse(text, file: "p.yaml")
        } throws: { error in
            let e = error as! ConfigurationError
            return e.kind == .invalidValue && e.key == key && (message == nil || e.message == message)
        }
    }

    @Test("broken YAML is a syntax error with its position")
    func syntax() {
        #expect {
            try ConfigurationReader.parse("coach:\n  delay_s: [1, 2\n", file: "p.yaml")
        } throws: { error in
            let e = error as! ConfigurationError
            return e.kind == .syntax && e.line != nil && e.description.contains("YAML syntax")
        }
    }

    @Test("a file without a trunk sensor is refused; an empty file gets the defaults")
    func trunkRequired() throws {
        #expect {
            try ConfigurationReader.parse("sensors:\n  head:\n    address: 0x69\n", file: "p.yaml")
        } throws: { ($0 as! ConfigurationError).key == "sensors.trunk" }
        #expect(try ConfigurationReader.parse("", file: "p.yaml") == .default)
    }

    @Test("command-line overrides go through the same checks")
    func overrides() throws {
        let config = try ConfigurationReader.parse("coach:\n  delay_s: 15\n", file: "p.yaml",
                                                   overrides: ["coach.delay_s=60", "sensors.head.address=0x69", "alerts.hook=[/bin/echo, hi]"])
        #expect(config.coach.delaySeconds == 60)
        #expect(config.sensors[.head]?.address == 0x69)
        #expect(config.alerts.hook == ["/bin/echo", "hi"])
        #expect { try ConfigurationReader.parse("", file: "p.yaml", overrides: ["coach.delay=60"]) } throws: {
            ($0 as! ConfigurationError).kind == .unknownKey
        }
        #expect { try ConfigurationReader.parse("", file: "p.yaml", overrides: ["coach.delay_s"]) } throws: {
            ($0 as! ConfigurationError).file == "--set"
        }
    }

    @Test("a missing file and a directory get errors that say what to do")
    func fileProblems() throws {
        #expect { try ConfigurationReader.load(path: "/nonexistent/plumbline.yaml") } throws: {
            ($0 as! ConfigurationError).message.contains("plumbline.example.yaml")
        }
        #expect { try ConfigurationReader.load(path: NSTemporaryDirectory()) } throws: {
            ($0 as! ConfigurationError).message.hasPrefix("is a directory")
        }
    }

    @Test("a mounting can be a vector, and is normalised")
    func vectorMounting() throws {
        let config = try ConfigurationReader.parse("sensors:\n  trunk:\n    mounting:\n      up: [0, 3, 4]\n      forward: -x\n", file: "p.yaml")
        let up = try #require(config.sensors[.trunk]?.mounting?.up)
        #expect(abs(up.y - 0.6) < 1e-12 && abs(up.z - 0.8) < 1e-12)
        #expect(config.sensors[.trunk]?.mounting?.forward == -Vector3.unitX)
    }
}

@Suite("Training plan keys")
struct TrainingPlanKeyTests {
    @Test("the plan is on by default from 10 minutes, set by its keys, and off when coach.training_plan is off or the coach only tracks")
    func keys() throws {
        #expect(try ConfigurationReader.parse("", file: "p.yaml").coreSettings().training == TrainingPlan(startMinutes: 10, stepMinutes: 5, capMinutes: 60))
        let set = try ConfigurationReader.parse("coach:\n  training_start_min: 20\n  training_step_min: 10\n  training_cap_min: 120\n", file: "p.yaml")
        #expect(try set.coreSettings().training == TrainingPlan(startMinutes: 20, stepMinutes: 10, capMinutes: 120))
        #expect(try ConfigurationReader.parse("coach:\n  training_plan: off\n", file: "p.yaml").coreSettings().training == nil)
        #expect(try ConfigurationReader.parse("coach:\n  mode: tracking\n", file: "p.yaml").coreSettings().training == nil)
    }
}
