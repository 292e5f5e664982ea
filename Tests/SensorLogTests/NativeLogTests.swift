import Foundation
import SensorLog
import Testing

@Suite("Native log: write and read back")
struct NativeLogRoundTripTests {
    @Test("round-trips two sensors at different rates with annotations, notes and gaps")
    func roundTrip() throws {
        let path = try freshPath()
        let w = try SensorLogWriter(path: path, header: twoSensorHeader)
        var rng = SeededGenerator(seed: 42)
        var expected: [LogRecord] = []
        func value(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &rng) }
        // Trunk at 100 Hz from t = 100 s; head at 25 Hz, 4 ms later, with no data from 102 s to 103 s.
        typealias Event = (time: Double, sensor: Int)
        let trunkTimes: [Event] = (0..<500).map { k -> Event in (100 + Double(k) * 0.01, 0) }
        let allHead: [Event] = (0..<125).map { k -> Event in (100.004 + Double(k) * 0.04, 1) }
        let headTimes = allHead.filter { e in e.time < 102 || e.time >= 103 }
        let events = (trunkTimes + headTimes).sorted { a, b in a.time < b.time }
        for (n, e) in events.enumerated() {
            let a = SIMD3(value(-2...2), value(-2...2), value(-2...2))
            let g: SIMD3<Double>? = e.sensor == 1 ? nil : SIMD3(value(-500...500), value(-500...500), value(-500...500))
            try w.append(SensorFrame(timeSeconds: e.time, accelerationG: a, angularRateDegPerSecond: g), sensor: e.sensor)
            expected.append(.sample(LogSample(
                sensor: e.sensor,
                frame: SensorFrame(
                    timeSeconds: stored(e.time, 6), accelerationG: SIMD3(stored(a.x, 6), stored(a.y, 6), stored(a.z, 6)),
                    angularRateDegPerSecond: g.map { SIMD3(stored($0.x, 4), stored($0.y, 4), stored($0.z, 4)) }))))
            if n == 400 {
                var records: [LogRecord] = AnnotationLabel.known.map {
                    .annotation(LogAnnotation(startSeconds: 100.5, endSeconds: 101, label: $0))
                }
                records += [
                    .annotation(LogAnnotation(startSeconds: 101.25, endSeconds: 101.25, label: .other("reaching for a cup"), note: "left hand, quickly")),
                    .gap(LogGap(startSeconds: 102, endSeconds: 103, sensor: 1)),
                    .gap(LogGap(startSeconds: 102.5, endSeconds: 102.75)),
                    .note(LogNote(timeSeconds: 102.99, text: "wearer stood up, then sat, again")),
                    .note(LogNote(timeSeconds: 102.995, text: "")),
                ]
                for r in records {
                    switch r {
                    case .annotation(let a): try w.annotate(a)
                    case .gap(let g): try w.gap(g)
                    case .note(let n): try w.note(n)
                    case .sample: break
                    }
                    expected.append(r)
                }
            }
        }
        try w.close()

        let (reader, records) = try readRecords(path)
        #expect(reader.header == w.header)
        #expect(reader.header.sensors == twoSensorHeader.sensors)
        #expect(reader.header.metadata == twoSensorHeader.metadata)
        #expect(reader.header.rateHz == 100)
        #expect(reader.truncatedTail == nil)
        #expect(records.count == expected.count)
        #expect(records == expected)
        let heads = samples(records).filter { $0.sensor == 1 }
        #expect(heads.allSatisfy { $0.frame.angularRateDegPerSecond == nil })
        #expect(heads.count == 100)
        #expect(!heads.contains { $0.frame.timeSeconds >= 102 && $0.frame.timeSeconds < 103 })
    }

    @Test("reads the example of FORMAT.md, which is the fixture format-example.log")
    func formatExample() throws {
        let fixture = fixturesDirectory.appendingPathComponent("logs/format-example.log").path
        let doc = try String(contentsOf: fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/SensorLog/FORMAT.md"), encoding: .utf8)
        let example = try #require(doc.components(separatedBy: "## Example\n\n```\n").dropFirst().first?
            .components(separatedBy: "```").first)
        #expect(try String(contentsOfFile: fixture, encoding: .utf8) == example)

        let (reader, records) = try readRecords(fixture)
        #expect(reader.header.metadata == ["started": "2026-11-25T09:00:00Z"])
        #expect(reader.header.sensors.map(\.role) == ["trunk", "head"])
        #expect(reader.header.sensors[0] == SensorDescription(
            role: "trunk", chip: "MPU-6050", bus: "/dev/i2c-1", address: 0x68, accelRangeG: 2, gyroRangeDegPerSecond: 250, rateHz: 100))
        #expect(reader.header.sensors[1].hasGyroscope == false)
        #expect(reader.header.sensors[1].rateHz == 50)
        #expect(records.count == 9)
        #expect(records[1] == .sample(LogSample(sensor: 1, frame: SensorFrame(timeSeconds: 12, accelerationG: SIMD3(0.101, 0.002, 0.994), angularRateDegPerSecond: nil))))
        #expect(records[5] == .note(LogNote(timeSeconds: 12.02, text: "wearer sat down, chair 2")))
        #expect(records[6] == .gap(LogGap(startSeconds: 12.02, endSeconds: 14.5, sensor: 1)))
        #expect(records[7] == .annotation(LogAnnotation(startSeconds: 3, endSeconds: 12, label: .slump, note: "rounded upper back; phone in hand")))
        #expect(samples(records).last?.frame.angularRateDegPerSecond == SIMD3(0.1, -0.03, 0.02))
    }

    @Test("ignores comments and blank lines after the header and accepts CRLF and spaces around numbers")
    func commentsAndSpaces() throws {
        let text = nativeHeaderText.replacingOccurrences(of: "\n", with: "\r\n")
            + "# a comment\r\n\r\n 0.5 ,trunk, 0.1,0.2 ,1,0,0,0\r\n0.5,head,0,0,1, , ,\r\n"
        let path = try temporaryLog(text)
        let (_, records) = try readRecords(path)
        #expect(records == [
            .sample(LogSample(sensor: 0, frame: SensorFrame(timeSeconds: 0.5, accelerationG: SIMD3(0.1, 0.2, 1), angularRateDegPerSecond: .zero))),
            .sample(LogSample(sensor: 1, frame: SensorFrame(timeSeconds: 0.5, accelerationG: SIMD3(0, 0, 1), angularRateDegPerSecond: nil))),
        ])
    }

    @Test("a log whose header is complete but has no rows reads as empty")
    func headerOnly() throws {
        let (reader, records) = try readRecords(try temporaryLog(nativeHeaderText))
        #expect(records.isEmpty)
        #expect(reader.truncatedTail == nil)
        #expect(reader.header.sensors.count == 2)
    }
}

@Suite("Native log: damaged files")
struct DamagedLogTests {
    /// A log written by the writer: header, 40 trunk rows, 20 head rows and a few records.
    func writtenLog() throws -> (path: String, data: [UInt8]) {
        let path = try freshPath()
        let w = try SensorLogWriter(path: path, header: twoSensorHeader)
        for i in 0..<40 {
            let t = Double(i) * 0.01
            try w.append(SensorFrame(timeSeconds: t, accelerationG: SIMD3(0.001 * Double(i), -0.5, 0.866), angularRateDegPerSecond: SIMD3(1, -2, Double(i))), sensor: 0)
            if i % 2 == 1 { try w.append(SensorFrame(timeSeconds: t, accelerationG: SIMD3(0, 0, -1), angularRateDegPerSecond: nil), sensor: 1) }
            if i == 35 { try w.note(LogNote(timeSeconds: t, text: "near the end, with a comma")) }
        }
        try w.annotate(LogAnnotation(startSeconds: 0.1, endSeconds: 0.3, label: .bending))
        try w.close()
        return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test("a log cut at any byte of its last rows replays every whole row and reports the partial one")
    func cutAnywhere() throws {
        let (path, data) = try writtenLog()
        let (_, all) = try readRecords(path)
        let headerLines = 7  // signature, rate, 2 metadata, 2 sensors, columns
        let lastHeaderByte = data.indices.filter { data[$0] == 10 }[headerLines - 1]
        var rng = SeededGenerator(seed: 7)
        var cuts = Array((data.count - 400)..<data.count)
        cuts += (0..<40).map { _ in Int.random(in: (lastHeaderByte + 1)..<data.count, using: &rng) }
        for cut in cuts {
            let prefix = Array(data[0..<cut])
            let cutPath = try freshPath()
            try Data(prefix).write(to: URL(fileURLWithPath: cutPath))
            let (reader, records) = try readRecords(cutPath)
            let wholeLines = prefix.filter { $0 == 10 }.count - headerLines
            #expect(records == Array(all.prefix(wholeLines)), "cut at byte \(cut)")
            let lastNewline = prefix.lastIndex(of: 10) ?? -1
            if lastNewline == cut - 1 {
                #expect(reader.truncatedTail == nil, "cut at byte \(cut)")
            } else {
                #expect(reader.truncatedTail == LogReader.TruncatedTail(line: headerLines + wholeLines + 1, bytes: cut - lastNewline - 1), "cut at byte \(cut)")
            }
        }
    }

    @Test("a tail of zero bytes after the last row, short or longer than the buffer, is a truncated tail")
    func zeroTail() throws {
        let rows = "0,trunk,0,0,1,0,0,0\n0.01,trunk,0,0,1,0,0,0\n"
        for zeros in [200, 100_000] {
            let path = try freshPath()
            try Data(Array((nativeHeaderText + rows).utf8) + Array(repeating: 0, count: zeros)).write(to: URL(fileURLWithPath: path))
            let (reader, records) = try readRecords(path)
            #expect(records.count == 2)
            #expect(reader.truncatedTail == LogReader.TruncatedTail(line: 8, bytes: zeros))
        }
    }

    @Test("lenient mode skips bad rows, counts them and keeps the first error")
    func lenient() throws {
        let rows = [
            "0.00,trunk,0,0,1,0,0,0",
            "0.01,trunk,0,x,1,0,0,0",  // line 7: not a number
            "0.02,trunk,0,0,1,0,0,0",
            "0.02,trunk,0,0,1,0,0,0",  // line 9: time stands still
            "0.03,knee,0,0,1,,,",  // line 10: unknown sensor
            "@annotation,1,0,slump",  // line 11: interval backwards
            "0.03,head,0,0,1,,,",
            "0.04,trunk,0,0,1,0,0",  // line 13: short
            "0.05,trunk,0,0,1,0,0,0",
        ]
        let path = try temporaryLog(nativeHeaderText + rows.joined(separator: "\n") + "\n")
        let (reader, records) = try readRecords(path, lenient: true)
        #expect(samples(records).map(\.frame.timeSeconds) == [0, 0.02, 0.03, 0.05])
        #expect(reader.skippedRows == 5)
        #expect(reader.firstSkipped == SensorLogError(file: path, line: 7, column: 4, kind: .notANumber("x")))
        #expect(throws: SensorLogError(file: path, line: 7, column: 4, kind: .notANumber("x"))) {
            _ = try readRecords(path)
        }
    }

    @Test("lenient mode skips a line longer than the buffer and does not skip header errors")
    func lenientLongLineAndHeader() throws {
        let long = String(repeating: "1", count: 70_000)
        let path = try temporaryLog(nativeHeaderText + "0,trunk,0,0,1,0,0,0\n\(long),trunk\n0.1,trunk,0,0,1,0,0,0\n")
        let (reader, records) = try readRecords(path, lenient: true)
        #expect(samples(records).count == 2)
        #expect(reader.skippedRows == 1)
        #expect(reader.firstSkipped?.kind == .lineTooLong(limit: 65536))
        let badHeader = try temporaryLog("# plumbline-log 1\n# rate_hz=fast\n")
        #expect(throws: SensorLogError.self) { _ = try readRecords(badHeader, lenient: true) }
    }

    @Test("a partial Fusion row at the end is reported as a truncated tail")
    func fusionTail() throws {
        let path = try temporaryLog(header + "\n0,0,0,0,0,0,1\n0.01,1,2")
        let (reader, records) = try readRecords(path)
        #expect(records.count == 1)
        #expect(reader.truncatedTail == LogReader.TruncatedTail(line: 3, bytes: 8))
    }
}

@Suite("Fusion CSV through LogReader")
struct FusionThroughLogReaderTests {
    @Test("detects the Fusion layout by its first line and reads the fixture as sensor imu")
    func fixtureThroughLogReader() throws {
        let (reader, records) = try readRecords(fixture)
        #expect(reader.header.layout == .fusionCSV)
        #expect(reader.header.version == 0)
        #expect(reader.header.sensors == [SensorDescription(role: "imu", chip: nil, hasGyroscope: true)])
        let s = samples(records)
        #expect(s.count == 300 && records.count == 300)
        #expect(s[0] == LogSample(sensor: 0, frame: SensorFrame(
            timeSeconds: 0, accelerationG: SIMD3(0.001015204, -0.02045836, 0.9970807), angularRateDegPerSecond: SIMD3(0.01644619, -0.1517251, 0.1080897))))
        // The same frames as the Fusion-only reader.
        #expect(s.map(\.frame) == (try readAll(fixture)))
    }

    @Test("lenient mode works on the Fusion layout too")
    func fusionLenient() throws {
        let path = try temporaryLog(header + "\n0,0,0,0,0,0,1\n0.01,0,0,zz,0,0,1\n0.02,0,0,0,0,0,1\n")
        let (reader, records) = try readRecords(path, lenient: true)
        #expect(records.count == 2)
        #expect(reader.skippedRows == 1)
        #expect(reader.firstSkipped == SensorLogError(file: path, line: 3, column: 4, kind: .notANumber("zz")))
    }

    @Test("the Fusion-only reader refuses a native log")
    func fusionReaderRefusesNative() throws {
        let path = try temporaryLog(nativeHeaderText)
        #expect(throws: SensorLogError(file: path, line: 1, column: 0, kind: .missingColumn("Time (s)"))) {
            _ = try FusionCSVReader(path: path)
        }
    }
}

@Suite("Number parsing")
struct NumberParsingTests {
    @Test("reads every decimal form as the correctly rounded double, like Double(String)")
    func decimals() throws {
        var rng = SeededGenerator(seed: 99)
        var texts = [
            "0", "-0", "+1", "0.1", "1.", ".5", "-.5", "1e22", "1e23", "1E-22", "4.9e-324", "9007199254740992", "9007199254740993",
            "123456789012345678e-5", "0.000000000000000000000000001", "00012.5000", "1.7976931348623157e308", "2.2250738585072014e-308",
        ]
        for _ in 0..<3000 {
            var t = Bool.random(using: &rng) ? "-" : ""
            t += String((0..<Int.random(in: 0...12, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! })
            if Bool.random(using: &rng) || t.isEmpty || t == "-" {
                t += "." + String((0..<Int.random(in: 1...12, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! })
            }
            if Int.random(in: 0..<4, using: &rng) == 0 { t += "e\(Int.random(in: -40...40, using: &rng))" }
            texts.append(t)
        }
        var text = nativeHeaderText
        for (i, t) in texts.enumerated() { text += "\(i),head,\(t),0,1,,,\n" }
        let (_, records) = try readRecords(try temporaryLog(text))
        let read = samples(records).map(\.frame.accelerationG.x)
        #expect(read.count == texts.count)
        for (t, v) in zip(texts, read) {
            let expected = try #require(Double(t))
            #expect(v.bitPattern == expected.bitPattern, "\(t)")
        }
    }
}
