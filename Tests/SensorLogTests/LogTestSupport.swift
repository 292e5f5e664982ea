import Foundation
import SensorLog

/// A fresh empty directory for one test.
func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plumbline-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// A path for a file that does not exist yet.
func freshPath(_ name: String = "log.plog") throws -> String {
    try temporaryDirectory().appendingPathComponent(name).path
}

let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// Every record of a log.
func readRecords(_ path: String, lenient: Bool = false) throws(SensorLogError) -> (LogReader, [LogRecord]) {
    let r = try LogReader(path: path, options: LogReader.Options(lenient: lenient))
    var out: [LogRecord] = []
    while let rec = try r.next() { out.append(rec) }
    return (r, out)
}

/// The samples among records.
func samples(_ records: [LogRecord]) -> [LogSample] {
    records.compactMap { if case .sample(let s) = $0 { s } else { nil } }
}

/// `v` as the log stores it: rounded to `digits` decimals, then read back as the nearest double.
func stored(_ v: Double, _ digits: Int) -> Double {
    let scale = digits == 6 ? 1e6 : 1e4
    return (v * scale).rounded() / scale
}

/// A header with a gyro-and-accel trunk at 100 Hz and an accelerometer-only head at 25 Hz.
let twoSensorHeader = LogHeader(
    rateHz: 100,
    sensors: [
        SensorDescription(
            role: "trunk", chip: "LSM6DSOX", bus: "/dev/i2c-1", address: 0x6A, accelRangeG: 4, gyroRangeDegPerSecond: 500, rateHz: 100),
        SensorDescription(role: "head", chip: "LIS3DH", bus: "/dev/i2c-3", address: 0x18, accelRangeG: 2, rateHz: 25),
    ],
    metadata: ["started": "2026-11-25T09:00:00Z", "subject": "test wearer 1"])

/// The header lines of `twoSensorHeader` as hand-written text, for error tests (columns on line 5).
let nativeHeaderText = """
    # plumbline-log 1
    # rate_hz=100
    # sensor trunk chip=MPU-6050 gyro_range_dps=250
    # sensor head chip=ADXL345
    time_s,sensor,ax_g,ay_g,az_g,gx_dps,gy_dps,gz_dps

    """

/// Deterministic numbers for tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs the `sensorlog-probe` helper built beside the test bundle.
func probeURL() -> URL {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let beside = directory.appendingPathComponent("sensorlog-probe")
    if FileManager.default.fileExists(atPath: beside.path) { return beside }
    return directory.deletingLastPathComponent().appendingPathComponent("sensorlog-probe")
}

func runProbe(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = probeURL()
    p.arguments = arguments
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}
