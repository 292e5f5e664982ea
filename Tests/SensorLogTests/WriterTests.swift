import Foundation
import SensorLog
import Testing

@Suite("Log writer")
struct WriterTests {
    let oneSensor = LogHeader(rateHz: 8, sensors: [SensorDescription(role: "trunk", chip: "MPU-6050", gyroRangeDegPerSecond: 250)])

    func frame(_ t: Double) -> SensorFrame {
        SensorFrame(timeSeconds: t, accelerationG: SIMD3(0, 0, 1), angularRateDegPerSecond: SIMD3(0, 0, 0))
    }

    @Test("creates the file with mode 0600 and refuses to overwrite an existing log")
    func modeAndExisting() throws {
        let path = try freshPath()
        let w = try SensorLogWriter(path: path, header: oneSensor)
        try w.close()
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(throws: SensorLogError(file: path, line: 0, column: 0, kind: .cannotOpen(errno: EEXIST))) {
            _ = try SensorLogWriter(path: path, header: oneSensor)
        }
        let again = try SensorLogWriter(path: path, header: oneSensor, options: .init(replaceExisting: true))
        try again.append(frame(1), sensor: 0)
        try again.close()
        #expect(samples(try readRecords(path).1).count == 1)
    }

    @Test("syncs after each interval of log time, and after a number of rows, whichever comes first")
    func syncInterval() throws {
        let byTime = try SensorLogWriter(path: try freshPath(), header: oneSensor, options: .init(syncIntervalSeconds: 1, syncEveryRows: 1000))
        #expect(byTime.syncCount == 1)  // the header
        for i in 0..<80 { try byTime.append(frame(Double(i) * 0.125), sensor: 0) }  // 0 … 9.875 s at 8 Hz
        #expect(byTime.syncCount == 1 + 9)  // at 1, 2, … 9 s
        try byTime.close()
        #expect(byTime.syncCount == 11)

        let byRows = try SensorLogWriter(path: try freshPath(), header: oneSensor, options: .init(syncIntervalSeconds: 3600, syncEveryRows: 10))
        for i in 0..<95 { try byRows.append(frame(Double(i)), sensor: 0) }
        #expect(byRows.syncCount == 1 + 9)
        try byRows.note(LogNote(timeSeconds: 95, text: "records sync at once"))
        #expect(byRows.syncCount == 1 + 10)
    }

    @Test("refuses rows and records the reader would refuse, and writes nothing for them")
    func refusesBadInput() throws {
        let path = try freshPath()
        let w = try SensorLogWriter(path: path, header: twoSensorHeader)
        let line = 9  // 8 header lines, then the first row
        func refused(_ kind: SensorLogError.Kind, column: Int, _ body: () throws -> Void) {
            #expect(throws: SensorLogError(file: path, line: line, column: column, kind: kind)) { try body() }
        }
        let accel = SIMD3<Double>(0, 0, 1)
        try w.append(SensorFrame(timeSeconds: 1, accelerationG: accel, angularRateDegPerSecond: .zero), sensor: 0)
        refused(.timeNotIncreasing(previous: 1, current: 1), column: 1) {
            try w.append(SensorFrame(timeSeconds: 1, accelerationG: accel, angularRateDegPerSecond: .zero), sensor: 0)
        }
        refused(.timeNotIncreasing(previous: 1, current: 0.5), column: 1) {
            try w.append(SensorFrame(timeSeconds: 0.5, accelerationG: accel, angularRateDegPerSecond: .zero), sensor: 0)
        }
        refused(.expectedEmpty(column: "gx_dps"), column: 6) {
            try w.append(SensorFrame(timeSeconds: 2, accelerationG: accel, angularRateDegPerSecond: .zero), sensor: 1)
        }
        refused(.missingField(column: "gx_dps"), column: 6) {
            try w.append(SensorFrame(timeSeconds: 2, accelerationG: accel, angularRateDegPerSecond: nil), sensor: 0)
        }
        refused(.invalidValue(column: "ay_g", value: .infinity), column: 4) {
            try w.append(SensorFrame(timeSeconds: 2, accelerationG: SIMD3(0, .infinity, 1), angularRateDegPerSecond: nil), sensor: 1)
        }
        refused(.unknownSensor("2"), column: 2) { try w.append(SensorFrame(timeSeconds: 2, accelerationG: accel, angularRateDegPerSecond: nil), sensor: 2) }
        refused(.invalidText("two\nlines"), column: 3) { try w.note(LogNote(timeSeconds: 2, text: "two\nlines")) }
        refused(.invalidText("a,b"), column: 4) { try w.annotate(LogAnnotation(startSeconds: 0, endSeconds: 1, label: .other("a,b"))) }
        refused(.badInterval(start: 2, end: 1), column: 3) { try w.annotate(LogAnnotation(startSeconds: 2, endSeconds: 1, label: .slump)) }
        refused(.badInterval(start: 2, end: 2), column: 3) { try w.gap(LogGap(startSeconds: 2, endSeconds: 2)) }
        try w.close()
        #expect(throws: SensorLogError(file: path, line: line, column: 0, kind: .writerClosed)) { try w.append(frame(3), sensor: 0) }
        let (_, records) = try readRecords(path)
        #expect(records.count == 1)
    }

    @Test("accepts a row of one sensor slightly before the previous row of another, as two FIFO drains give")
    func crossSensorOrder() throws {
        let path = try freshPath()
        let w = try SensorLogWriter(path: path, header: twoSensorHeader)
        let rows: [(Double, Int)] = [(1.00, 0), (1.01, 0), (1.02, 0), (0.99, 1), (1.03, 1), (1.03, 0)]
        for (t, s) in rows {
            try w.append(SensorFrame(timeSeconds: t, accelerationG: SIMD3(0, 0, 1), angularRateDegPerSecond: s == 0 ? .zero : nil), sensor: s)
        }
        try w.close()
        let read = samples(try readRecords(path).1)
        #expect(read.map(\.frame.timeSeconds) == rows.map(\.0))
        #expect(read.map(\.sensor) == rows.map(\.1))
    }

    @Test("refuses a header the reader would refuse")
    func refusesBadHeader() throws {
        let spaced = LogHeader(rateHz: 100, sensors: [SensorDescription(role: "left hand", chip: "X")])
        #expect(throws: SensorLogError.self) { _ = try SensorLogWriter(path: try freshPath(), header: spaced) }
        let gyroWithoutRange = LogHeader(rateHz: 100, sensors: [SensorDescription(role: "trunk", chip: "X", hasGyroscope: true)])
        let path = try freshPath()
        #expect(throws: SensorLogError(file: path, line: 0, column: 0, kind: .missingHeaderKey("gyro_range_dps= for sensor trunk"))) {
            _ = try SensorLogWriter(path: path, header: gyroWithoutRange)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        let noSensor = LogHeader(rateHz: 100, sensors: [])
        #expect(throws: SensorLogError.self) { _ = try SensorLogWriter(path: try freshPath(), header: noSensor) }
        let newline = LogHeader(rateHz: 100, sensors: oneSensor.sensors, metadata: ["subject": "a\nb"])
        #expect(throws: SensorLogError.self) { _ = try SensorLogWriter(path: try freshPath(), header: newline) }
    }

    @Test("writes values with fixed decimals that read back as the nearest stored number")
    func rounding() throws {
        let path = try freshPath()
        let w = try SensorLogWriter(path: path, header: oneSensor)
        let values: [Double] = [0, -0.0000004, 0.0000005, -1.23456789, 999_999_999.9999994, -0.5, 1e-7, 123.4567895]
        for (i, v) in values.enumerated() {
            try w.append(SensorFrame(timeSeconds: Double(i), accelerationG: SIMD3(v, -v, 1), angularRateDegPerSecond: SIMD3(v, 0, -v)), sensor: 0)
        }
        try w.close()
        let read = samples(try readRecords(path).1)
        #expect(read.map(\.frame.accelerationG.x) == values.map { stored($0, 6) })
        #expect(read.map(\.frame.accelerationG.y) == values.map { stored(-$0, 6) })
        #expect(read.map { $0.frame.angularRateDegPerSecond!.z } == values.map { stored(-$0, 4) })
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\n1.000000,trunk,-0.000000,0.000000,1.000000,-0.0000,0.0000,0.0000\n") == false)
        #expect(text.contains("\n1.000000,trunk,0.000000,0.000000,1.000000,0.0000,0.0000,0.0000\n"))
        #expect(text.contains("\n3.000000,trunk,-1.234568,1.234568,1.000000,-1.2346,0.0000,1.2346\n"))
    }
}

@Suite("Log writer failures")
struct WriterFailureTests {
    @Test("a write that fails part-way through a row leaves only whole rows in the file")
    func failedWriteLeavesWholeRows() throws {
        let path = try freshPath()
        let run = try runProbe(["write", path, "--max-file-bytes", "50000"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("write failed: File too large (errno \(EFBIG))"))
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count <= 50000 && data.count > 49000)
        #expect(data.last == 10)
        let (rows, truncated) = try checkProbeLog(path)
        #expect(rows > 500)
        #expect(!truncated)
    }

    @Test("a full disk is a write error naming the file")
    func diskFull() throws {
        let header = LogHeader(rateHz: 1, sensors: [SensorDescription(role: "trunk", chip: "X")])
        #expect(throws: SensorLogError(file: "/dev/full", line: 1, column: 0, kind: .writeFailed(errno: ENOSPC))) {
            _ = try SensorLogWriter(path: "/dev/full", header: header, options: .init(replaceExisting: true))
        }
    }

    @Test("accepts a line of 65536 bytes and refuses one of 65537")
    func longestLine() throws {
        let prefix = "@note,1,"
        let fits = prefix + String(repeating: "n", count: 65536 - prefix.utf8.count)
        let path = try temporaryLog(nativeHeaderText + fits + "\n" + fits + "n\n@note,2,short\n")
        let (reader, records) = try readRecords(path, lenient: true)
        #expect(records.count == 2)
        #expect(records.first == .note(LogNote(timeSeconds: 1, text: String(fits.dropFirst(prefix.count)))))
        #expect(reader.firstSkipped == SensorLogError(file: path, line: 7, column: 0, kind: .lineTooLong(limit: 65536)))
    }
}
