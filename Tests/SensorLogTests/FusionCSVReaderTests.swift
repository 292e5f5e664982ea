import Foundation
import SensorLog
import Testing

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryLog(_ text: String, name: String = "log.csv") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plumbline-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fusion_sensor_data_3s.csv").path

let header = "Time (s),Gyroscope X (deg/s),Gyroscope Y (deg/s),Gyroscope Z (deg/s),Accelerometer X (g),Accelerometer Y (g),Accelerometer Z (g)"

func readAll(_ path: String) throws(SensorLogError) -> [SensorFrame] {
    let r = try FusionCSVReader(path: path)
    var frames: [SensorFrame] = []
    while let f = try r.next() { frames.append(f) }
    return frames
}

@Suite("Fusion CSV import")
struct FusionCSVReaderTests {
    @Test("reads the xio Fusion example excerpt with magnetometer columns")
    func readsFixture() throws {
        let frames = try readAll(fixture)
        #expect(frames.count == 300)
        #expect(frames[0].timeSeconds == 0)
        #expect(frames[0].angularRateDegPerSecond == SIMD3(0.01644619, -0.1517251, 0.1080897))
        #expect(frames[0].accelerationG == SIMD3(0.001015204, -0.02045836, 0.9970807))
        #expect(frames[1].timeSeconds == 0.010078907)
        #expect(frames.last!.timeSeconds > 2.9)
    }

    @Test("finds columns by name in any order and reads accelerometer-only logs")
    func accelOnly() throws {
        let path = try temporaryLog("Accelerometer Z (g),Time (s),Accelerometer X (g),Accelerometer Y (g)\n1,0,0.1,0.2\n0.9,0.01,0.1,0.3\n")
        let r = try FusionCSVReader(path: path)
        #expect(!r.hasGyroscope)
        let f = try #require(try r.next())
        #expect(f.accelerationG == SIMD3(0.1, 0.2, 1))
        #expect(f.angularRateDegPerSecond == nil)
        #expect(try r.next()?.timeSeconds == 0.01)
        #expect(try r.next() == nil)
    }

    @Test("names file, line and column of a value that is not a number")
    func badNumber() throws {
        let path = try temporaryLog(header + "\n0,0,0,0,0,0,1\n0.01,0,0,abc,0,0,1\n")
        #expect(throws: SensorLogError(file: path, line: 3, column: 4, kind: .notANumber("abc"))) {
            _ = try readAll(path)
        }
        let empty = try temporaryLog(header + "\n0,0,0,0,0,,1\n")
        #expect(throws: SensorLogError(file: empty, line: 2, column: 6, kind: .notANumber(""))) {
            _ = try readAll(empty)
        }
    }

    @Test("reports a short row with the column it lacks")
    func shortRow() throws {
        let path = try temporaryLog(header + "\n0,0,0,0,0,0,1\n0.01,0,0,0,0\n0.02,0,0,0,0,0,1\n")
        #expect(throws: SensorLogError(file: path, line: 3, column: 6, kind: .missingField(column: "Accelerometer Y (g)"))) {
            _ = try readAll(path)
        }
    }

    @Test("replays a log cut off mid-row up to its last whole row")
    func truncated() throws {
        let path = try temporaryLog(header + "\n0,0,0,0,0,0,1\n0.01,1,2,3,0,0,1\n0.02,1,2")
        let frames = try readAll(path)
        #expect(frames.count == 2)
        #expect(frames[1].angularRateDegPerSecond == SIMD3(1, 2, 3))
        let complete = try temporaryLog(header + "\n0,0,0,0,0,0,1\n0.01,1,2,3,0,0,1")
        #expect(try readAll(complete).count == 2)
    }

    @Test("refuses a header without the accelerometer or with part of the gyroscope")
    func badHeader() throws {
        let noAccel = try temporaryLog("Time (s),Gyroscope X (deg/s)\n0,1\n")
        #expect(throws: SensorLogError(file: noAccel, line: 1, column: 0, kind: .missingColumn("Accelerometer X (g)"))) {
            _ = try FusionCSVReader(path: noAccel)
        }
        let partial = try temporaryLog("Time (s),Gyroscope X (deg/s),Accelerometer X (g),Accelerometer Y (g),Accelerometer Z (g)\n")
        #expect(throws: SensorLogError(file: partial, line: 1, column: 0, kind: .partialGyroscope)) {
            _ = try FusionCSVReader(path: partial)
        }
        let empty = try temporaryLog("")
        #expect(throws: SensorLogError(file: empty, line: 1, column: 0, kind: .emptyFile)) {
            _ = try FusionCSVReader(path: empty)
        }
    }

    @Test("refuses time that does not increase, and a file that does not exist")
    func timeAndMissingFile() throws {
        let path = try temporaryLog(header + "\n0.5,0,0,0,0,0,1\n0.5,0,0,0,0,0,1\n")
        #expect(throws: SensorLogError(file: path, line: 3, column: 1, kind: .timeNotIncreasing(previous: 0.5, current: 0.5))) {
            _ = try readAll(path)
        }
        do {
            _ = try FusionCSVReader(path: "/nonexistent/log.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .cannotOpen(errno: ENOENT))
            #expect(error.description.contains("/nonexistent/log.csv"))
        }
    }

    @Test("skips blank lines and accepts CRLF line ends")
    func blankAndCRLF() throws {
        let path = try temporaryLog(header + "\r\n0,0,0,0,0,0,1\r\n\r\n0.01,0,0,0,0,0,1\r\n")
        #expect(try readAll(path).count == 2)
    }
}
