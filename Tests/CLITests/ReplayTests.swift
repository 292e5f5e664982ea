import Configuration
import Foundation
import Posture
import Testing
import Tilt


let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fusion_sensor_data_3s.csv").path

func temporaryPath(_ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plumbline-replay-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

/// `plumbline replay` ended with a non-zero status.
struct ReplayFailed: Error, CustomStringConvertible {
    let status: Int32
    let stderr: String
    var description: String { "exit \(status): \(stderr)" }
}

/// Runs `plumbline replay` as a user does; a non-zero exit is thrown with its message.
func runReplay(_ arguments: [String]) throws {
    let run = try plumbline(["replay"] + arguments, input: nil)
    guard run.status == 0 else { throw ReplayFailed(status: run.status, stderr: run.stderr) }
}

func rows(_ path: String) throws -> [[String]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}

@Suite("plumbline replay --trace")
struct ReplayTests {
    @Test("writes one row per sample with a unit up vector, under the stable header")
    func trace() throws {
        let out = try temporaryPath("trace.csv")
        try runReplay([fixture, "--trace", out])
        let table = try rows(out)
        #expect(table[0] == ["time_s", "sensor", "up_x", "up_y", "up_z", "state"])
        #expect(table.count == 301)
        for row in table.dropFirst() {
            #expect(row.count == 6)
            #expect(row[1] == "trunk")
            #expect(row[5] == "uncalibrated")
            let v = row[2...4].map { Double($0)! }
            #expect(abs(v[0] * v[0] + v[1] * v[1] + v[2] * v[2] - 1) < 1e-5)
        }
        #expect(table[1][0] == "0.000000")
        // The recording starts flat: up is close to +z.
        #expect(Double(table[1][4])! > 0.999)
    }

    @Test("--sensor-latency predicts the gyro-aided estimate forward while turning, and nothing at rest")
    func sensorLatency() throws {
        let bending = URL(fileURLWithPath: fixture).deletingLastPathComponent()
            .appendingPathComponent("scenarios/bending.plog").path
        let plain = try temporaryPath("plain.csv"), predicted = try temporaryPath("predicted.csv")
        try runReplay([bending, "--trace", plain])
        try runReplay([bending, "--trace", predicted, "--sensor-latency", "20"])
        let a = try rows(plain).dropFirst(), b = try rows(predicted).dropFirst()
        #expect(a.count == b.count && a.count > 1000)
        var largest = 0.0, firstRow = 0.0
        for (index, (x, y)) in zip(a, b).enumerated() {
            let u = x[2...4].map { Double($0)! }, v = y[2...4].map { Double($0)! }
            #expect(abs(v[0] * v[0] + v[1] * v[1] + v[2] * v[2] - 1) < 1e-5)
            let angle = TiltMath.acos(clamping: u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) * TiltMath.degreesPerRadian
            largest = max(largest, angle)
            if index < 20 { firstRow = max(firstRow, angle) }
        }
        // Bending at tens of degrees per second: 20 ms ahead is a visible fraction of a degree.
        #expect(largest > 0.2)
        // Sitting still at the start, only the simulated gyroscope's noise and offset are predicted.
        #expect(firstRow < 0.05)
        // A usage error (exit 64) that names the option.
        for bad in ["-1", "nan"] {
            let run = try plumbline("replay", bending, "--sensor-latency", bad)
            #expect(run.status == 64 && run.stderr.contains("--sensor-latency"))
        }
    }

    @Test("adds flexion and lateral lean once calibrated")
    func calibrated() throws {
        let cal = Calibration(
            role: .trunk, chip: "test", timeSeconds: 0, up: .unitZ, flexionAxis: Vector3(0, -1, 0),
            axisSource: .mounting)
        let calPath = try temporaryPath("cal.json")
        try CalibrationFile.encode([cal]).write(to: URL(fileURLWithPath: calPath))
        let out = try temporaryPath("trace.csv")
        try runReplay([fixture, "--trace", out, "--calibration", calPath])
        let table = try rows(out)
        #expect(table[0] == ["time_s", "sensor", "up_x", "up_y", "up_z", "flexion_deg", "lateral_deg", "state"])
        for row in table.dropFirst() {
            let up = Vector3(Double(row[2])!, Double(row[3])!, Double(row[4])!)
            let expected = try #require(cal.angles(up: up))
            #expect(abs(Double(row[5])! - expected.flexionDeg) < 0.01)
            #expect(abs(Double(row[6])! - expected.lateralDeg) < 0.01)
        }
    }

    @Test("the accelerometer-only filter runs on a log without a gyroscope; the gyro filter refuses it")
    func accelOnlyLog() throws {
        let log = try temporaryPath("accel.csv")
        var text = "Time (s),Accelerometer X (g),Accelerometer Y (g),Accelerometer Z (g)\n"
        for i in 0..<50 { text += "\(Double(i) * 0.2),0,0.5,0.866\n" }  // 5 Hz, tilted 30°
        try text.write(toFile: log, atomically: true, encoding: .utf8)
        let out = try temporaryPath("trace.csv")
        try runReplay([log, "--trace", out])
        let last = try rows(out).last!
        #expect(abs(Double(last[3])! - 0.5) < 1e-3)
        #expect { try runReplay([log, "--trace", out, "--filter", "gyro"]) } throws: { error in
            (error as? ReplayFailed).map { $0.status == 2 && $0.stderr.contains("--filter accel") } ?? false
        }
    }

    @Test("names the file when a calibration cannot be used")
    func badCalibration() throws {
        let calPath = try temporaryPath("cal.json")
        try #"{"version": 1, "sensors": [{"role": "head", "chip": "x", "timeSeconds": 0, "up": [0,0,1], "flexionAxis": [0,1,0], "axisSource": "mounting"}]}"#
            .write(toFile: calPath, atomically: true, encoding: .utf8)
        let out = try temporaryPath("trace.csv")
        do {
            try runReplay([fixture, "--trace", out, "--calibration", calPath])
            Issue.record("expected an error: no trunk calibration")
        } catch let error as ReplayFailed {
            #expect(error.status == 2 && error.stderr.hasPrefix("plumbline: bad-calibration: ") && error.stderr.contains(calPath))
        }
    }
}

@Suite("Calibration JSON")
struct CalibrationFileTests {
    @Test("round-trips every field")
    func roundTrip() throws {
        let cals = [
            Calibration(
                role: .trunk, chip: "MPU-6050", timeSeconds: 12.5, up: Vector3(0, 0.6, 0.8),
                flexionAxis: Vector3(1, 0, 0), axisSource: .forwardLean),
            Calibration(
                role: .head, chip: "LSM6DSOX", timeSeconds: 13, up: .unitZ, flexionAxis: Vector3(0, -1, 0),
                axisSource: .mounting),
        ]
        let decoded = try CalibrationFile.decode(try CalibrationFile.encode(cals), source: "test")
        #expect(decoded == cals)
    }

    @Test("refuses non-orthogonal axes, unknown roles and other versions")
    func refuses() {
        func decode(_ json: String) throws { _ = try CalibrationFile.decode(Data(json.utf8), source: "f.json") }
        #expect(throws: CalibrationFileError.self) {
            try decode(#"{"version": 1, "sensors": [{"role": "trunk", "chip": "x", "timeSeconds": 0, "up": [0,0,1], "flexionAxis": [0,0.5,1], "axisSource": "mounting"}]}"#)
        }
        #expect(throws: CalibrationFileError.self) {
            try decode(#"{"version": 1, "sensors": [{"role": "leg", "chip": "x", "timeSeconds": 0, "up": [0,0,1], "flexionAxis": [0,1,0], "axisSource": "mounting"}]}"#)
        }
        #expect(throws: CalibrationFileError.self) { try decode(#"{"version": 2, "sensors": []}"#) }
    }
}
