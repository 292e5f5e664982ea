import Foundation
import SensorLog
import Testing

/// One bad input and the error it must give.
struct BadLog: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var line: Int
    var column: Int
    var kind: SensorLogError.Kind
    var testDescription: String { name }
}

private let h = nativeHeaderText  // rows start on line 6
private let sig = "# plumbline-log 1\n"
private let cols = "time_s,sensor,ax_g,ay_g,az_g,gx_dps,gy_dps,gz_dps\n"

private let badRows: [BadLog] = [
    BadLog(name: "not a number", text: h + "0,trunk,0.1,abc,1,0,0,0\n", line: 6, column: 4, kind: .notANumber("abc")),
    BadLog(name: "empty gyro cell of a gyro sensor", text: h + "0,trunk,0,0,1,,,\n", line: 6, column: 6, kind: .notANumber("")),
    BadLog(name: "nan", text: h + "0,trunk,nan,0,1,0,0,0\n", line: 6, column: 3, kind: .notANumber("nan")),
    BadLog(name: "infinity by overflow", text: h + "0,trunk,1e400,0,1,0,0,0\n", line: 6, column: 3, kind: .notANumber("1e400")),
    BadLog(name: "hex", text: h + "0x1p3,trunk,0,0,1,0,0,0\n", line: 6, column: 1, kind: .notANumber("0x1p3")),
    BadLog(name: "short row", text: h + "0,trunk,0,0,1,0,0\n", line: 6, column: 8, kind: .missingField(column: "gz_dps")),
    BadLog(name: "row of one field", text: h + "0\n", line: 6, column: 2, kind: .missingField(column: "sensor")),
    BadLog(name: "long row", text: h + "0,trunk,0,0,1,0,0,0,9\n", line: 6, column: 9, kind: .tooManyFields(expected: 8)),
    BadLog(name: "undeclared sensor", text: h + "0,knee,0,0,1,,,\n", line: 6, column: 2, kind: .unknownSensor("knee")),
    BadLog(name: "gyro value for an accelerometer-only sensor", text: h + "0,head,0,0,1,0.5,,\n", line: 6, column: 6, kind: .expectedEmpty(column: "gx_dps")),
    BadLog(
        name: "time standing still for one sensor", text: h + "1,trunk,0,0,1,0,0,0\n1,trunk,0,0,1,0,0,0\n", line: 7, column: 1,
        kind: .timeNotIncreasing(previous: 1, current: 1)),
    BadLog(
        name: "time going back for one sensor, after another sensor's row",
        text: h + "1,trunk,0,0,1,0,0,0\n0.5,head,0,0,1,,,\n0.9,trunk,0,0,1,0,0,0\n", line: 8, column: 1,
        kind: .timeNotIncreasing(previous: 1, current: 0.9)),
    BadLog(name: "unknown record", text: h + "@label,1,2,slump\n", line: 6, column: 1, kind: .unknownRecord("@label")),
    BadLog(name: "annotation ending before it starts", text: h + "@annotation,5,4,slump\n", line: 6, column: 3, kind: .badInterval(start: 5, end: 4)),
    BadLog(name: "annotation without a label", text: h + "@annotation,1,2\n", line: 6, column: 4, kind: .missingField(column: "label")),
    BadLog(name: "annotation with a blank label", text: h + "@annotation,1,2,  \n", line: 6, column: 4, kind: .missingField(column: "label")),
    BadLog(name: "annotation with a bad start", text: h + "@annotation,one,2,slump\n", line: 6, column: 2, kind: .notANumber("one")),
    BadLog(name: "note without text", text: h + "@note,3\n", line: 6, column: 3, kind: .missingField(column: "text")),
    BadLog(name: "empty gap", text: h + "@gap,4,4\n", line: 6, column: 3, kind: .badInterval(start: 4, end: 4)),
    BadLog(name: "gap of an undeclared sensor", text: h + "@gap,1,2,knee\n", line: 6, column: 4, kind: .unknownSensor("knee")),
    BadLog(name: "gap with extra fields", text: h + "@gap,1,2,head,x\n", line: 6, column: 5, kind: .tooManyFields(expected: 4)),
    BadLog(
        name: "line longer than the buffer", text: h + String(repeating: "7", count: 70_000) + "\n", line: 6, column: 0,
        kind: .lineTooLong(limit: 65536)),
]

private let badHeaders: [BadLog] = [
    BadLog(name: "empty file", text: "", line: 1, column: 0, kind: .emptyFile),
    BadLog(name: "not a signature", text: "# plumbline-logs 1\n", line: 1, column: 1, kind: .notALog("# plumbline-logs 1")),
    BadLog(name: "signature without version", text: "# plumbline-log\n", line: 1, column: 1, kind: .notALog("# plumbline-log")),
    BadLog(name: "unknown version", text: "# plumbline-log 2\n# rate_hz=100\n", line: 1, column: 2, kind: .unsupportedVersion("2")),
    BadLog(name: "version that is not a number", text: "# plumbline-log one\n", line: 1, column: 2, kind: .unsupportedVersion("one")),
    BadLog(name: "header line without =", text: sig + "# rate 100\n", line: 2, column: 1, kind: .badHeaderLine("# rate 100")),
    BadLog(
        name: "negative rate", text: sig + "# rate_hz=-5\n", line: 2, column: 1,
        kind: .badHeaderValue(key: "rate_hz", value: "-5", expected: "a number in Hz above 0 and at most 100000")),
    BadLog(name: "rate given twice", text: sig + "# rate_hz=5\n# rate_hz=5\n", line: 3, column: 1, kind: .duplicateHeaderKey("rate_hz")),
    BadLog(name: "metadata given twice", text: sig + "# who=a\n# who=b\n", line: 3, column: 1, kind: .duplicateHeaderKey("who")),
    BadLog(
        name: "address beyond 7 bits", text: sig + "# sensor trunk chip=X address=0x80\n", line: 2, column: 4,
        kind: .badHeaderValue(key: "address", value: "0x80", expected: "a 7-bit I2C address such as 0x68")),
    BadLog(
        name: "range that is not a number", text: sig + "# sensor trunk chip=X accel_range_g=big\n", line: 2, column: 4,
        kind: .badHeaderValue(key: "accel_range_g", value: "big", expected: "a number in g above 0 and at most 1000")),
    BadLog(
        name: "role with a comma", text: sig + "# sensor tr,unk chip=X\n", line: 2, column: 2,
        kind: .badHeaderValue(key: "sensor", value: "tr,unk", expected: "a role of letters, digits, '-' and '_' such as trunk or head")),
    BadLog(name: "unknown sensor key", text: sig + "# sensor trunk chip=X range=2\n", line: 2, column: 4, kind: .unknownHeaderKey("range")),
    BadLog(name: "sensor key twice", text: sig + "# sensor trunk chip=X chip=Y\n", line: 2, column: 4, kind: .duplicateHeaderKey("chip")),
    BadLog(name: "sensor without chip", text: sig + "# sensor trunk bus=/dev/i2c-1\n", line: 2, column: 2, kind: .missingHeaderKey("chip= for sensor trunk")),
    BadLog(
        name: "sensor role twice", text: sig + "# sensor trunk chip=X\n# sensor trunk chip=Y\n", line: 3, column: 2,
        kind: .duplicateHeaderKey("sensor trunk")),
    BadLog(name: "no rate", text: sig + "# sensor trunk chip=X\n" + cols, line: 3, column: 0, kind: .missingHeaderKey("rate_hz")),
    BadLog(name: "no sensor", text: sig + "# rate_hz=100\n" + cols, line: 3, column: 0, kind: .missingHeaderKey("a `# sensor` line")),
    BadLog(
        name: "other column names", text: sig + "# rate_hz=100\ntime_s,sensor,ax,ay,az,gx,gy,gz\n", line: 3, column: 3,
        kind: .badColumnLine("time_s,sensor,ax,ay,az,gx,gy,gz")),
    BadLog(name: "file ending in the header", text: sig + "# rate_hz=100\n# sensor trunk chip=X\n", line: 4, column: 0, kind: .incompleteHeader),
    BadLog(
        name: "header cut before the column line ends", text: sig + "# rate_hz=100\n# sensor trunk chip=X\ntime_s,sen", line: 4,
        column: 0, kind: .incompleteHeader),
    BadLog(
        name: "too many header lines", text: sig + (0..<300).map { "# k\($0)=v\n" }.joined(), line: 258, column: 0,
        kind: .tooManyHeaderLines(limit: 256)),
    BadLog(name: "Fusion header without accelerometer", text: "Time (s),Gyroscope X (deg/s)\n0,1\n", line: 1, column: 0, kind: .missingColumn("Accelerometer X (g)")),
    BadLog(
        name: "Fusion header with part of the gyroscope",
        text: "Time (s),Gyroscope X (deg/s),Accelerometer X (g),Accelerometer Y (g),Accelerometer Z (g)\n", line: 1, column: 0,
        kind: .partialGyroscope),
]

@Suite("Log reader errors")
struct LogErrorTests {
    @Test("a bad row or record gives file, line, column and what was expected", arguments: badRows)
    func badRow(_ bad: BadLog) throws {
        let path = try temporaryLog(bad.text)
        let expected = SensorLogError(file: path, line: bad.line, column: bad.column, kind: bad.kind)
        #expect(throws: expected) { _ = try readRecords(path) }
        // Lenient mode skips the same row and counts it.
        let (reader, _) = try readRecords(path, lenient: true)
        #expect(reader.skippedRows == 1)
        #expect(reader.firstSkipped == expected)
    }

    @Test("a bad header gives file, line, column and what was expected", arguments: badHeaders)
    func badHeader(_ bad: BadLog) throws {
        let path = try temporaryLog(bad.text)
        let expected = SensorLogError(file: path, line: bad.line, column: bad.column, kind: bad.kind)
        #expect(throws: expected) { _ = try LogReader(path: path, options: LogReader.Options(lenient: true)) }
    }

    @Test("the message names the place, the problem and what is allowed")
    func messages() throws {
        let path = try temporaryLog(h + "0,trunk,0.1,abc,1,0,0,0\n")
        do {
            _ = try readRecords(path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(path):6:4: \"abc\" is not a number, expected a decimal number")
        }
        let v2 = try temporaryLog("# plumbline-log 2\n")
        do {
            _ = try LogReader(path: v2)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(v2):1:2: plumbline-log version \"2\" is not supported; this reader supports version 1")
        }
        let key = SensorLogError(file: "f", line: 3, column: 4, kind: .unknownHeaderKey("range"))
        #expect(key.description == "f:3:4: unknown sensor key \"range\", expected one of chip, bus, address, accel_range_g, gyro_range_dps, rate_hz")
    }

    @Test("a missing file and a directory are errors naming the path")
    func openErrors() throws {
        #expect(throws: SensorLogError(file: "/nonexistent/a.plog", line: 0, column: 0, kind: .cannotOpen(errno: ENOENT))) {
            _ = try LogReader(path: "/nonexistent/a.plog")
        }
        let missing = SensorLogError(file: "/nonexistent/a.plog", line: 0, column: 0, kind: .cannotOpen(errno: ENOENT))
        #expect(missing.description == "/nonexistent/a.plog: cannot open: No such file or directory (errno \(ENOENT))")
        let dir = try temporaryDirectory().path
        #expect(throws: SensorLogError(file: dir, line: 1, column: 0, kind: .readFailed(errno: EISDIR))) {
            _ = try LogReader(path: dir)
        }
    }

    @Test("random bytes and mangled logs give a result or a SensorLogError, never a crash")
    func mangled() throws {
        var rng = SeededGenerator(seed: 11)
        let base = Array((h + "0,trunk,0.1,0.2,1,3,4,5\n0,head,0,0,1,,,\n@annotation,0,1,slump,x\n@gap,1,2,head\n").utf8)
        let alphabet = Array("0123456789.,-+eE@#\n\r \ttrunkhead=x".utf8) + [0, 0xFF, 0xC3]
        var outcomes = (read: 0, refused: 0)
        for _ in 0..<300 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: i)
                default: bytes.insert(alphabet.randomElement(using: &rng)!, at: i)
                }
            }
            let path = try freshPath()
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try readRecords(path, lenient: Bool.random(using: &rng))
                outcomes.read += 1
            } catch {
                #expect(error.file == path)
                #expect(!error.description.isEmpty)
                outcomes.refused += 1
            }
        }
        #expect(outcomes.read > 0 && outcomes.refused > 0)
    }
}
