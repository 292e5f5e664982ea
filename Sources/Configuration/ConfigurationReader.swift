import Coach
import Foundation
import IMU
import Posture
import Tilt
import Yams

/// Reads `plumbline.yaml`: YAML parsed by Yams, then every key checked
/// against the schema, so a typo or a bad value is an error that names the
/// file, line, column, key and what is allowed — never a silent default.
///
/// Command-line overrides (`--set coach.delaySeconds=30`) go through the same
/// per-key checks after the file.
public enum ConfigurationReader {
    /// Reads and validates a file; `overrides` are `key.path=value` strings.
    public static func load(path: String, overrides: [String] = []) throws(ConfigurationError) -> PlumblineConfiguration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigurationError(.file, file: path, message: "no such file; copy plumbline.example.yaml there, or give another path with --config")
        }
        guard !isDirectory.boolValue else {
            throw ConfigurationError(.file, file: path, message: "is a directory; give the path of the configuration file itself")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(.file, file: path, message: "cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        return try parse(text, file: path, overrides: overrides)
    }

    /// Validates configuration text; `file` names it in errors.
    public static func parse(_ text: String, file: String, overrides: [String] = []) throws(ConfigurationError) -> PlumblineConfiguration {
        var configuration = PlumblineConfiguration.default
        // Anchors and aliases (&name, *name) let a tiny file expand into an enormous document; no
        // Plumbline setting needs them, so they are refused before the YAML is composed.
        if let (line, column) = anchorOrAlias(in: text) {
            throw ConfigurationError(.syntax, file: file, line: line, column: column,
                                     message: "YAML anchors and aliases (&name, *name) are not used in Plumbline's configuration; write the value out, or quote it if it starts with & or *")
        }
        let root: Node?
        do {
            // Every value is read as its text and checked key by key, so Yams' tags play no part:
            // the basic resolver spares the default one's regular expressions, whose first use
            // loads ICU's regex code and Unicode tables into every command (1.7 MB resident).
            root = try compose(yaml: text, Resolver.basic)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ConfigurationError(.syntax, file: file, message: "\(error)")
        }
        if let root {
            guard let mapping = root.mapping else {
                throw ConfigurationError(.invalidValue, file: file, line: root.mark?.line, column: root.mark?.column,
                                         message: "the file must be a mapping of sections (sensors, sampling, coach, alerts, storage)")
            }
            // A file that names sensors replaces the default sensor list.
            if mapping["sensors"] != nil { configuration.sensors = [:] }
            try walk(mapping, path: [], file: file, into: &configuration)
        }
        for override in overrides {
            try apply(override, into: &configuration)
        }
        guard configuration.sensors[.trunk] != nil else {
            throw ConfigurationError(.missingKey, file: file, key: "sensors.trunk",
                                     message: "a trunk sensor is required (the head sensor is optional)")
        }
        // Keys that each pass their own check may still not work together: check them as a whole,
        // so that every command (and `doctor`) refuses such a set with the keys named.
        _ = try configuration.coreSettings(file: overrides.isEmpty ? file : "\(file) with --set")
        return configuration
    }

    /// The line and column of the first anchor or alias outside quotes and comments, if any.
    static func anchorOrAlias(in text: String) -> (line: Int, column: Int)? { YAMLAnchorScan.first(in: text) }

    /// Applies one `key.path=value` override.
    public static func apply(_ override: String, into configuration: inout PlumblineConfiguration) throws(ConfigurationError) {
        guard let equals = override.firstIndex(of: "="), equals != override.startIndex else {
            throw ConfigurationError(.invalidValue, file: "--set", message: "`\(override)` is not KEY=VALUE, e.g. coach.delay_s=30")
        }
        let path = override[..<equals].split(separator: ".").map(String.init)
        let valueText = String(override[override.index(after: equals)...])
        if anchorOrAlias(in: valueText) != nil {
            throw ConfigurationError(.invalidValue, file: "--set", key: path.joined(separator: "."),
                                     message: "YAML anchors and aliases (&name, *name) are not used here; quote a value that starts with & or *")
        }
        let value: Node
        do {
            value = try compose(yaml: valueText, Resolver.basic) ?? Node("")
        } catch {
            throw ConfigurationError(.invalidValue, file: "--set", key: path.joined(separator: "."), message: "cannot read the value `\(valueText)`")
        }
        try assign(value, path: path, file: "--set", into: &configuration)
    }

    // MARK: Walking the document

    private static func walk(_ mapping: Node.Mapping, path: [String], file: String,
                             into configuration: inout PlumblineConfiguration) throws(ConfigurationError) {
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                throw ConfigurationError(.invalidValue, file: file, line: keyNode.mark?.line, column: keyNode.mark?.column,
                                         message: "keys must be plain words")
            }
            let full = path + [key]
            if let nested = value.mapping, Schema.isSection(full) {
                try walk(nested, path: full, file: file, into: &configuration)
            } else {
                try assign(value, path: full, file: file, keyMark: keyNode.mark, into: &configuration)
            }
        }
    }

    private static func assign(_ value: Node, path: [String], file: String, keyMark: Mark? = nil,
                               into configuration: inout PlumblineConfiguration) throws(ConfigurationError) {
        let key = path.joined(separator: ".")
        let mark = value.mark ?? keyMark
        func fail(_ message: String) -> ConfigurationError {
            ConfigurationError(.invalidValue, file: file, line: mark?.line, column: mark?.column, key: key, message: message)
        }
        guard let setter = Schema.setter(for: path) else {
            let suggestion = Schema.closest(to: key).map { " Did you mean `\($0)`?" } ?? ""
            throw ConfigurationError(.unknownKey, file: file, line: keyMark?.line ?? mark?.line,
                                     column: keyMark?.column ?? mark?.column, key: key,
                                     message: "is not a Plumbline setting.\(suggestion) The example file plumbline.example.yaml lists them all.")
        }
        do {
            try setter(value, &configuration)
        } catch let problem {
            throw fail(problem.message)
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _):
            return ConfigurationError(.syntax, file: file, line: mark.line, column: mark.column,
                                      message: "YAML syntax: \(problem) (check the indentation and the `key: value` form)")
        default:
            return ConfigurationError(.syntax, file: file, message: "YAML syntax: \(error)")
        }
    }
}

/// A value problem, before it is located.
struct ValueProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// The keys Plumbline knows, each with the check and the assignment of its value.
enum Schema {
    typealias Setter = @Sendable (Node, inout PlumblineConfiguration) throws(ValueProblem) -> Void

    static let sections: Set<String> = ["sensors", "sensors.trunk", "sensors.head", "sensors.trunk.mounting",
                                        "sensors.head.mounting", "sampling", "coach", "alerts", "alerts.haptic", "storage"]

    static func isSection(_ path: [String]) -> Bool { sections.contains(path.joined(separator: ".")) }

    static func setter(for path: [String]) -> Setter? {
        let key = path.joined(separator: ".")
        if let fixed = leaves[key] { return fixed }
        if path.count >= 3, path[0] == "sensors", let role = SensorRole(rawValue: path[1]) {
            return sensorSetter(role: role, field: path[2...].joined(separator: "."))
        }
        return nil
    }

    static var allKeys: [String] {
        Array(leaves.keys) + SensorRole.allCases.flatMap { role in
            sensorFields.map { "sensors.\(role.rawValue).\($0)" }
        }
    }

    /// The known key nearest to `key` by edit distance, if it is close.
    static func closest(to key: String) -> String? {
        let scored = allKeys.map { ($0, editDistance($0, key)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, key.count / 4) else { return nil }
        return best
    }

    // MARK: Leaf keys

    static let leaves: [String: Setter] = [
        "sampling.rate_hz": { v, c throws(ValueProblem) in c.sampling.rateHz = try number(v, in: 12.5...1000, unit: "Hz") },
        "sampling.accel_range_g": { v, c throws(ValueProblem) in
            c.sampling.accelRange = try choice(v, AccelRange.allCases.map { ($0.rawValue, $0) }, unit: "g")
        },
        "sampling.gyro_range_dps": { v, c throws(ValueProblem) in
            c.sampling.gyroRange = try choice(v, GyroRange.allCases.map { ($0.rawValue, $0) }, unit: "°/s")
        },
        "sampling.drain_interval_s": { v, c throws(ValueProblem) in c.sampling.drainIntervalSeconds = try number(v, in: 0.02...2, unit: "s") },
        "coach.mode": { v, c throws(ValueProblem) in
            c.coach.mode = try word(v, CoachMode.allCases.map { ($0.rawValue, $0) })
        },
        "coach.delay_s": { v, c throws(ValueProblem) in c.coach.delaySeconds = try number(v, in: 1...3600, unit: "s", hint: "presets: 5, 15, 30, 60") },
        "coach.thoracic_limit_deg": { v, c throws(ValueProblem) in c.coach.thoracicLimitDeg = try number(v, in: 5...60, unit: "°") },
        "coach.head_forward_limit_deg": { v, c throws(ValueProblem) in c.coach.headForwardLimitDeg = try number(v, in: 5...60, unit: "°") },
        "coach.lean_back_limit_deg": { v, c throws(ValueProblem) in c.coach.leanBackLimitDeg = try number(v, in: 3...45, unit: "°") },
        "coach.hysteresis_deg": { v, c throws(ValueProblem) in c.coach.hysteresisDeg = try number(v, in: 0...15, unit: "°") },
        "coach.repeat_after_s": { v, c throws(ValueProblem) in c.coach.repeatAfterSeconds = try number(v, in: 10...3600, unit: "s") },
        "coach.sitting_break_after_min": { v, c throws(ValueProblem) in c.coach.sittingBreakAfterMinutes = try number(v, in: 5...480, unit: "min") },
        "coach.quiet_hours": { v, c throws(ValueProblem) in c.coach.quietHours = try quietHours(v) },
        "coach.training_plan": { v, c throws(ValueProblem) in c.coach.trainingPlan = try flag(v) },
        "coach.training_start_min": { v, c throws(ValueProblem) in c.coach.trainingStartMinutes = try number(v, in: 1...480, unit: "min") },
        "coach.training_step_min": { v, c throws(ValueProblem) in c.coach.trainingStepMinutes = try number(v, in: 0...120, unit: "min") },
        "coach.training_cap_min": { v, c throws(ValueProblem) in c.coach.trainingCapMinutes = try number(v, in: 1...960, unit: "min") },
        "alerts.terminal": { v, c throws(ValueProblem) in c.alerts.terminal = try flag(v) },
        "alerts.json_lines": { v, c throws(ValueProblem) in c.alerts.jsonLines = try flag(v) },
        "alerts.hook": { v, c throws(ValueProblem) in c.alerts.hook = try command(v) },
        "alerts.haptic.bus": { v, c throws(ValueProblem) in
            var h = c.alerts.haptic ?? .init(); h.bus = try busPath(v); c.alerts.haptic = h
        },
        "alerts.haptic.address": { v, c throws(ValueProblem) in
            var h = c.alerts.haptic ?? .init(); h.address = try address(v); c.alerts.haptic = h
        },
        "alerts.haptic.actuator": { v, c throws(ValueProblem) in
            var h = c.alerts.haptic ?? .init()
            h.actuator = try word(v, PlumblineConfiguration.Haptic.Actuator.allCases.map { ($0.rawValue, $0) })
            c.alerts.haptic = h
        },
        "storage.directory": { v, c throws(ValueProblem) in c.storage.directory = try absolutePath(v) },
        "storage.record_raw": { v, c throws(ValueProblem) in c.storage.recordRaw = try flag(v) },
        "storage.history_resolution_s": { v, c throws(ValueProblem) in
            c.storage.historyResolutionSeconds = try number(v, in: 1...60, unit: "s")
        },
        "storage.history_days": { v, c throws(ValueProblem) in c.storage.historyDays = try number(v, in: 1...3650, unit: "days") },
    ]

    static let sensorFields = ["bus", "address", "chip", "mounting.up", "mounting.forward"]

    static func sensorSetter(role: SensorRole, field: String) -> Setter? {
        @Sendable func update(_ c: inout PlumblineConfiguration, _ change: (inout PlumblineConfiguration.Sensor) -> Void) {
            var sensor = c.sensors[role] ?? .init(address: role == .trunk ? 0x68 : 0x69)
            change(&sensor)
            c.sensors[role] = sensor
        }
        switch field {
        case "bus": return { v, c throws(ValueProblem) in let p = try busPath(v); update(&c) { $0.bus = p } }
        case "address": return { v, c throws(ValueProblem) in let a = try address(v); update(&c) { $0.address = a } }
        case "chip":
            return { v, c throws(ValueProblem) in
                let options = [("auto", ChipModel?.none)] + ChipModel.allCases.filter(\.isIMU).map { ($0.rawValue, Optional($0)) }
                let chip = try word(v, options)
                update(&c) { $0.chip = chip }
            }
        case "mounting.up", "mounting.forward":
            let isUp = field == "mounting.up"
            return { v, c throws(ValueProblem) in
                let axis = try axisVector(v)
                update(&c) { sensor in
                    var m = sensor.mounting ?? Mounting(up: .unitZ, forward: .unitX)
                    if isUp { m.up = axis } else { m.forward = axis }
                    sensor.mounting = m
                }
            }
        default: return nil
        }
    }

    // MARK: Value checks

    static func describe(_ v: Node) -> String { v.string.map { "`\($0)`" } ?? "a \(v.mapping != nil ? "section" : "list")" }

    static func number(_ v: Node, in range: ClosedRange<Double>, unit: String, hint: String? = nil) throws(ValueProblem) -> Double {
        guard let text = v.scalar?.string, let x = Double(text), x.isFinite else {
            throw ValueProblem("must be a number of \(unit) from \(format(range.lowerBound)) to \(format(range.upperBound)) (got \(describe(v)))")
        }
        guard range.contains(x) else {
            let extra = hint.map { "; \($0)" } ?? ""
            throw ValueProblem("must be from \(format(range.lowerBound)) to \(format(range.upperBound)) \(unit) (got \(format(x)))\(extra)")
        }
        return x
    }

    /// Whole numbers without ".0"; a number beyond `Int` (such as 1e300) as `String(x)`, not a trap.
    static func format(_ x: Double) -> String { Int(exactly: x).map { String($0) } ?? String(x) }

    static func choice<T>(_ v: Node, _ options: [(Int, T)], unit: String) throws(ValueProblem) -> T {
        if let text = v.scalar?.string, let n = Int(text), let hit = options.first(where: { $0.0 == n }) { return hit.1 }
        throw ValueProblem("must be one of \(options.map { String($0.0) }.joined(separator: ", ")) \(unit) (got \(describe(v)))")
    }

    static func word<T>(_ v: Node, _ options: [(String, T)]) throws(ValueProblem) -> T {
        if let text = v.scalar.map({ $0.string.lowercased() }), let hit = options.first(where: { $0.0 == text }) { return hit.1 }
        throw ValueProblem("must be one of \(options.map(\.0).joined(separator: ", ")) (got \(describe(v)))")
    }

    static func flag(_ v: Node) throws(ValueProblem) -> Bool {
        switch v.scalar.map({ $0.string.lowercased() }) {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ValueProblem("must be true or false (got \(describe(v)))")
        }
    }

    static func address(_ v: Node) throws(ValueProblem) -> UInt8 {
        // YAML reads 0x68 as the integer 104, which is what we want.
        if let text = v.scalar?.string {
            let lower = text.lowercased()
            let n = lower.hasPrefix("0x") ? Int(lower.dropFirst(2), radix: 16) : Int(lower)
            if let n, (0x08...0x77).contains(n) { return UInt8(n) }
        }
        throw ValueProblem("must be a 7-bit I2C address from 0x08 to 0x77, e.g. 0x68 (got \(describe(v)))")
    }

    static func busPath(_ v: Node) throws(ValueProblem) -> String {
        if let text = v.scalar?.string {
            if let n = Int(text), n >= 0 { return "/dev/i2c-\(n)" }
            if text.hasPrefix("/dev/i2c-"), Int(text.dropFirst(9)) != nil { return text }
        }
        throw ValueProblem("must be a bus number (1 for the Raspberry Pi header) or a path /dev/i2c-N (got \(describe(v)))")
    }

    static func absolutePath(_ v: Node) throws(ValueProblem) -> String {
        guard let text = v.scalar?.string, text.hasPrefix("/"), !text.split(separator: "/").contains(".."),
              !text.contains("\0") else {
            throw ValueProblem("must be an absolute path without `..` (got \(describe(v)))")
        }
        return text
    }

    static func command(_ v: Node) throws(ValueProblem) -> [String] {
        let parts: [String]
        if let list = v.sequence {
            parts = list.compactMap { $0.scalar?.string }
            guard parts.count == list.count else { throw ValueProblem("must be a list of words: [program, arg, …]") }
        } else {
            throw ValueProblem("must be a list: [/absolute/program, arg, …]; it runs without a shell, so write each argument separately (got \(describe(v)))")
        }
        guard let program = parts.first, program.hasPrefix("/"), !program.split(separator: "/").contains("..") else {
            throw ValueProblem("the program must be an absolute path, e.g. [/usr/local/bin/notify-posture]")
        }
        return parts
    }

    static func axisVector(_ v: Node) throws(ValueProblem) -> Vector3 {
        let named: [String: Vector3] = ["+x": .unitX, "x": .unitX, "-x": -Vector3.unitX, "+y": .unitY, "y": .unitY,
                                        "-y": -Vector3.unitY, "+z": .unitZ, "z": .unitZ, "-z": -Vector3.unitZ]
        if let text = v.scalar.map({ $0.string.lowercased() }), let axis = named[text] { return axis }
        if let list = v.sequence, list.count == 3 {
            let xs = list.compactMap { $0.scalar.flatMap { Double($0.string) } }
            if xs.count == 3, let unit = Vector3(xs[0], xs[1], xs[2]).normalized { return unit }
        }
        throw ValueProblem("must be a sensor axis +x, -x, +y, -y, +z, -z or a vector [x, y, z] (got \(describe(v)))")
    }

    static func quietHours(_ v: Node) throws(ValueProblem) -> (startSeconds: Double, endSeconds: Double)? {
        guard let text = v.scalar?.string else { throw ValueProblem("must be HH:MM-HH:MM, e.g. 22:00-07:00, or off") }
        if ["off", "none", ""].contains(text.lowercased()) { return nil }
        let ends = text.split(separator: "-")
        func seconds(_ s: Substring) -> Double? {
            let parts = s.trimmingCharacters(in: .whitespaces).split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
            else { return nil }
            return Double(h * 3600 + m * 60)
        }
        guard ends.count == 2, let start = seconds(ends[0]), let end = seconds(ends[1]), start != end else {
            throw ValueProblem("must be HH:MM-HH:MM with two different times, e.g. 22:00-07:00, or off (got `\(text)`)")
        }
        return (start, end)
    }
}

/// Levenshtein distance, for "did you mean".
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var previous = row[0]
        row[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let current = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
            previous = current
        }
    }
    return a.isEmpty ? b.count : row[b.count]
}
