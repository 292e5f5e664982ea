// Reading and writing the `#` lines of a native log. Header lines are few, so this side uses
// Strings; the per-row path does not come through here.

/// Builds a `LogHeader` from its lines, one at a time, with errors naming line and field.
struct HeaderParser {
    let file: String
    private(set) var version = 0
    private var rateHz: Double?
    private var sensors: [SensorDescription] = []
    private var metadata: [String: String] = [:]
    private var lines = 0

    init(file: String) { self.file = file }

    private func error(_ line: Int, _ column: Int, _ kind: SensorLogError.Kind) -> SensorLogError {
        SensorLogError(file: file, line: line, column: column, kind: kind)
    }

    /// Words of a `#` line after the `#`, split on spaces and tabs.
    private static func words(_ text: String) -> [Substring] {
        text.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    /// Checks the first line, `# plumbline-log VERSION`.
    mutating func signature(_ text: String, line: Int) throws(SensorLogError) {
        let w = Self.words(text)
        guard w.count == 2, w[0] == Substring(LogHeader.signatureWord) else {
            throw error(line, 1, .notALog(Self.clip(text)))
        }
        guard let v = Int(w[1]), LogHeader.supportedVersions.contains(v) else {
            throw error(line, 2, .unsupportedVersion(Self.clip(String(w[1]))))
        }
        version = v
    }

    /// Adds one `#` line between the signature and the column line.
    mutating func add(_ text: String, line: Int) throws(SensorLogError) {
        lines += 1
        guard lines <= LogHeader.maxHeaderLines else {
            throw error(line, 0, .tooManyHeaderLines(limit: LogHeader.maxHeaderLines))
        }
        let w = Self.words(text)
        if w.isEmpty { return }  // a bare "#"
        if w[0] == "sensor" {
            try addSensor(w, line: line)
            return
        }
        let body = text.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
        guard let eq = body.firstIndex(of: "=") else { throw error(line, 1, .badHeaderLine(Self.clip(text))) }
        let key = String(body[..<eq])
        let value = Self.trimmed(body[body.index(after: eq)...])
        guard Self.isKey(key), key != "sensor" else { throw error(line, 1, .badHeaderLine(Self.clip(text))) }
        if key == "rate_hz" {
            guard rateHz == nil else { throw error(line, 1, .duplicateHeaderKey(key)) }
            rateHz = try rate(value, key: key, line: line, column: 1)
        } else {
            guard metadata[key] == nil else { throw error(line, 1, .duplicateHeaderKey(key)) }
            guard !value.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) else {
                throw error(line, 1, .badHeaderValue(key: key, value: Self.clip(value), expected: "text without control characters"))
            }
            metadata[key] = value
        }
    }

    private mutating func addSensor(_ w: [Substring], line: Int) throws(SensorLogError) {
        guard w.count >= 2 else { throw error(line, 1, .missingHeaderKey("the role after `sensor`")) }
        let role = String(w[1])
        guard Self.isName(role, extra: "-_") else {
            throw error(line, 2, .badHeaderValue(
                key: "sensor", value: Self.clip(role), expected: "a role of letters, digits, '-' and '_' such as trunk or head"))
        }
        guard !sensors.contains(where: { $0.role == role }) else {
            throw error(line, 2, .duplicateHeaderKey("sensor \(role)"))
        }
        guard sensors.count < LogHeader.maxSensors else {
            throw error(line, 2, .badHeaderValue(key: "sensor", value: role, expected: "at most \(LogHeader.maxSensors) sensors"))
        }
        var s = SensorDescription(role: role, chip: nil)
        var seen: Set<Substring> = []
        for i in 2..<w.count {
            let column = i + 1
            let word = w[i]
            guard let eq = word.firstIndex(of: "=") else { throw error(line, column, .badHeaderLine(Self.clip(String(word)))) }
            let key = word[..<eq]
            let value = String(word[word.index(after: eq)...])
            guard LogHeader.sensorKeys.contains(String(key)) else {
                throw error(line, column, .unknownHeaderKey(Self.clip(String(key))))
            }
            guard seen.insert(key).inserted else { throw error(line, column, .duplicateHeaderKey(String(key))) }
            switch key {
            case "chip":
                guard Self.isName(value, extra: "-_.") else {
                    throw error(line, column, .badHeaderValue(
                        key: "chip", value: Self.clip(value), expected: "a chip name of letters, digits, '-', '_' and '.'"))
                }
                s.chip = value
            case "bus":
                guard !value.isEmpty, !value.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 || $0 == "," }) else {
                    throw error(line, column, .badHeaderValue(key: "bus", value: Self.clip(value), expected: "a device path such as /dev/i2c-1"))
                }
                s.bus = value
            case "address":
                let hex = value.hasPrefix("0x") ? value.dropFirst(2) : ""
                guard (1...2).contains(hex.count), let a = UInt8(hex, radix: 16), a <= 0x7F else {
                    throw error(line, column, .badHeaderValue(key: "address", value: Self.clip(value), expected: "a 7-bit I2C address such as 0x68"))
                }
                s.address = a
            case "accel_range_g":
                s.accelRangeG = try positive(value, key: "accel_range_g", limit: 1000, unit: "g", line: line, column: column)
            case "gyro_range_dps":
                s.gyroRangeDegPerSecond = try positive(value, key: "gyro_range_dps", limit: 100_000, unit: "deg/s", line: line, column: column)
                s.hasGyroscope = true
            default:  // rate_hz
                s.rateHz = try rate(value, key: "rate_hz", line: line, column: column)
            }
        }
        guard s.chip != nil else { throw error(line, 2, .missingHeaderKey("chip= for sensor \(role)")) }
        sensors.append(s)
    }

    /// Checks the column line and returns the finished header.
    func finish(columns text: String, line: Int) throws(SensorLogError) -> LogHeader {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        for (i, name) in LogHeader.columns.enumerated() where i >= fields.count || fields[i] != Substring(name) {
            throw error(line, i + 1, .badColumnLine(Self.clip(text)))
        }
        if fields.count > LogHeader.columns.count {
            throw error(line, LogHeader.columns.count + 1, .badColumnLine(Self.clip(text)))
        }
        guard let rate = rateHz else { throw error(line, 0, .missingHeaderKey("rate_hz")) }
        guard !sensors.isEmpty else { throw error(line, 0, .missingHeaderKey("a `# sensor` line")) }
        return LogHeader(layout: .native, version: version, rateHz: rate, sensors: sensors, metadata: metadata)
    }

    private func rate(_ text: String, key: String, line: Int, column: Int) throws(SensorLogError) -> Double {
        try positive(text, key: key, limit: 100_000, unit: "Hz", line: line, column: column)
    }

    private func positive(
        _ text: String, key: String, limit: Double, unit: String, line: Int, column: Int
    ) throws(SensorLogError) -> Double {
        guard let v = Self.decimal(text), v > 0, v <= limit else {
            throw error(line, column, .badHeaderValue(
                key: key, value: Self.clip(text), expected: "a number in \(unit) above 0 and at most \(Self.render(limit))"))
        }
        return v
    }

    /// A finite decimal number written with digits, sign, point and exponent only.
    static func decimal(_ text: String) -> Double? {
        guard !text.isEmpty, text.utf8.allSatisfy(isNumberByte) else { return nil }
        guard let v = Double(text), v.isFinite else { return nil }
        return v
    }

    static func isNumberByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || b == 43 || b == 45 || b == 46 || b == 69 || b == 101  // 0-9 + - . E e
    }

    private static func isKey(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }

    static func isName(_ s: String, extra: String) -> Bool {
        let extraBytes = Array(extra.utf8)
        return !s.isEmpty && s.utf8.count <= 64
            && s.utf8.allSatisfy {
                ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || extraBytes.contains($0)
            }
    }

    private static func trimmed(_ s: Substring) -> String {
        var t = s[...]
        while let c = t.first, c == " " || c == "\t" { t = t.dropFirst() }
        while let c = t.last, c == " " || c == "\t" { t = t.dropLast() }
        return String(t)
    }

    /// Text for an error message: at most 64 characters.
    static func clip(_ s: String) -> String { s.count <= 64 ? s : String(s.prefix(64)) + "…" }

    /// A header number: integers without a fraction, others in Swift's shortest round-trip form.
    static func render(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

extension LogHeader {
    /// The header's lines as a writer puts them, each ending in a newline, including the column line.
    func renderedLines() -> [String] {
        var out = ["# \(LogHeader.signatureWord) \(version)\n"]
        out.append("# rate_hz=\(HeaderParser.render(rateHz ?? 0))\n")
        for key in metadata.keys.sorted() { out.append("# \(key)=\(metadata[key] ?? "")\n") }
        for s in sensors {
            var line = "# sensor \(s.role)"
            if let c = s.chip { line += " chip=\(c)" }
            if let b = s.bus { line += " bus=\(b)" }
            if let a = s.address { line += " address=0x" + (a < 16 ? "0" : "") + String(a, radix: 16) }
            if let r = s.accelRangeG { line += " accel_range_g=\(HeaderParser.render(r))" }
            if let r = s.gyroRangeDegPerSecond { line += " gyro_range_dps=\(HeaderParser.render(r))" }
            if let r = s.rateHz { line += " rate_hz=\(HeaderParser.render(r))" }
            out.append(line + "\n")
        }
        out.append(LogHeader.columnLine + "\n")
        return out
    }
}
