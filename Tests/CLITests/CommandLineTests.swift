import Foundation
import Testing


/// The `plumbline` binary built beside the test bundle.
func plumblineBinary() -> URL {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let binary = directory.appendingPathComponent("plumbline")
    if FileManager.default.fileExists(atPath: binary.path) { return binary }
    return directory.deletingLastPathComponent().appendingPathComponent("plumbline")
}

/// Runs the `plumbline` binary and collects its exit status and output.
func plumbline(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
    try plumbline(arguments, input: nil)
}

/// Runs the `plumbline` binary with `input` on its standard input (closed after it), if given.
func plumbline(_ arguments: [String], input: String?) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = plumblineBinary()
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    if let input {
        let pipe = Pipe()
        process.standardInput = pipe
        try pipe.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try pipe.fileHandleForWriting.close()
    } else {
        // Not the runner's terminal: monitor would take it for its key controls.
        process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

@Suite("plumbline command line")
struct CommandLineTests {
    @Test("detect without an I2C bus exits 2 and says how to enable I2C")
    func detectWithoutBus() throws {
        let run = try plumbline("detect", "--device", "/nonexistent/i2c-7")
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("plumbline: bus-missing: "))
        #expect(run.stderr.contains("dtparam=i2c_arm=on"))
        #expect(run.stderr.contains("raspi-config"))
        #expect(run.stdout.isEmpty)
    }

    @Test("a device that is not an I2C adapter is an error naming it")
    func notAnAdapter() throws {
        let run = try plumbline("bus", "info", "--device", "/dev/null")
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("plumbline: io: functionality failed on /dev/null"))
    }

    @Test("detect on the emulated rig lists both sensors with their roles")
    func detectSimulated() throws {
        let run = try plumbline("detect", "--simulate")
        #expect(run.status == 0)
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["0x68", "MPU-6050", "trunk"]))
        #expect(rows.contains(["0x69", "MPU-6050", "head"]))
    }

    @Test("read prints CSV samples that measure about one g")
    func readSimulated() throws {
        let run = try plumbline("read", "--simulate", "--address", "0x68", "--count", "3")
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first == "accel_x_g,accel_y_g,accel_z_g,gyro_x_dps,gyro_y_dps,gyro_z_dps")
        #expect(lines.count == 4)
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",").compactMap { Double($0) }
            #expect(cells.count == 6)
            let norm = (cells[0] * cells[0] + cells[1] * cells[1] + cells[2] * cells[2]).squareRoot()
            #expect(abs(norm - 1) < 0.03)
        }
        #expect(run.stderr.hasPrefix("MPU-6050 at 0x68 on simulated-i2c: accel ±2 g (16384 LSB/g)"))
    }

    @Test("reading an empty address is a typed no-device error")
    func emptyAddress() throws {
        let run = try plumbline("read", "--simulate", "--address", "0x50")
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("plumbline: no-device: "))
        #expect(run.stderr.contains("0x50"))
    }

    @Test("a corrupted log stops replay with one error line: file, line, column and how to go on")
    func corruptedLog() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plumbline-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let log = dir.appendingPathComponent("bad.csv").path
        try "Time (s),Accelerometer X (g),Accelerometer Y (g),Accelerometer Z (g)\n0,0,0,1\n0.01,0,x,1\n"
            .write(toFile: log, atomically: true, encoding: .utf8)
        let run = try plumbline("replay", log)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("plumbline: bad-log: \(log):3:3: "))
        #expect(run.stderr.contains("--lenient"))
        let missing = try plumbline("replay", dir.appendingPathComponent("absent.csv").path)
        #expect(missing.status == 2 && missing.stderr.hasPrefix("plumbline: bad-log: ") && missing.stderr.contains("Check the path"))
    }

    @Test("an out-of-range option names the argument and what is allowed")
    func badRange() throws {
        let run = try plumbline("read", "--simulate", "--address", "0x68", "--accel-range", "3")
        #expect(run.status != 0)
        #expect(run.stderr.contains("--accel-range takes 2, 4, 8 or 16 g (got 3)"))
    }
}

@Suite("plumbline calibrate")
struct CalibrateCommandTests {
    @Test("calibrates both simulated sensors from an upright and a forward-lean pose, saved owner-only")
    func calibrateSimulated() throws {
        let path = NSTemporaryDirectory() + "plumbline-cal-\(getpid())/calibration.json"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let run = try plumbline("calibrate", "--simulate", "--lean", "--output", path)
        #expect(run.status == 0)
        #expect(run.stdout == "Saved the calibration to \(path).\n")
        #expect(run.stderr.contains("Got the upright pose.") && run.stderr.contains("Got the forward lean pose."))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        let sensors = json["sensors"] as! [[String: Any]]
        #expect(sensors.map { $0["role"] as! String } == ["trunk", "head"])
        #expect(sensors.allSatisfy { $0["axisSource"] as! String == "forwardLean" })
        // The simulated back sensor is worn with +y up and leans about its x axis.
        let up = sensors[0]["up"] as! [Double], axis = sensors[0]["flexionAxis"] as! [Double]
        #expect(up[1] > 0.99 && abs(axis[0]) > 0.99)
    }

    @Test("a sensor worn other than its declared mounting: calibrate says so and takes the lean pose there and then")
    func offersLeanPose() throws {
        let path = NSTemporaryDirectory() + "plumbline-offer-\(getpid())/calibration.json"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        // Declared upside down: the simulated wearer's trunk sensor has +y up, the configuration says -y.
        let run = try plumbline("calibrate", "--simulate", "--set", "sensors.trunk.mounting.up=-y",
                                "--set", "sensors.trunk.mounting.forward=-z", "--output", path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("worn differently from its declared mounting"))
        #expect(run.stderr.contains("Got the forward lean pose."))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        let sensors = json["sensors"] as! [[String: Any]]
        #expect(sensors.first { $0["role"] as! String == "trunk" }?["axisSource"] as? String == "forwardLean")
    }

    @Test("a configuration typo stops calibrate with the file, line and key")
    func configTypo() throws {
        let path = NSTemporaryDirectory() + "plumbline-typo-\(getpid()).yaml"
        try "coach:\n  delay: 15\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try plumbline("calibrate", "--simulate", "--config", path)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("plumbline: config: \(path):2:3: coach.delay: is not a Plumbline setting. Did you mean `coach.delay_s`?"))
    }
}

@Suite("plumbline doctor")
struct DoctorCommandTests {
    @Test("on a machine without the configured bus, doctor fails the bus check first and says how to enable I2C")
    func doctorWithoutBus() throws {
        let path = NSTemporaryDirectory() + "plumbline-doctor-\(getpid()).yaml"
        try "sensors:\n  trunk:\n    bus: /dev/i2c-97\n    address: 0x68\nstorage:\n  directory: /tmp/plumbline-doctor-state\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try plumbline("doctor", "--config", path)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("FAIL I2C bus /dev/i2c-97 does not exist") == true)
        #expect(lines.contains { $0.contains("dtparam=i2c_arm=on") })
        #expect(lines.contains("ok   configuration \(path) is valid"))
        #expect(lines.last?.hasSuffix("checks failed.") == true)
    }

    @Test("doctor reports keys that do not work together, as monitor would refuse them")
    func doctorCombinedKeys() throws {
        let path = NSTemporaryDirectory() + "plumbline-doctor-combined-\(getpid()).yaml"
        try "coach:\n  thoracic_limit_deg: 8\n  hysteresis_deg: 9\nstorage:\n  directory: /tmp/plumbline-doctor-state\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let doctor = try plumbline("doctor", "--config", path)
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("FAIL configuration is invalid: \(path): coach.hysteresis_deg: 9° must be smaller than every limit, and coach.thoracic_limit_deg is 8°"))
        let monitor = try plumbline("monitor", "--simulate", "--config", path)
        #expect(monitor.status == 2 && monitor.stderr.hasPrefix("plumbline: config: \(path): coach.hysteresis_deg: 9°"))
    }
}

@Suite("plumbline monitor")
struct MonitorCommandTests {
    @Test("the simulated working session alerts each slump with the exercise for its kind, and confirms the exercise")
    func simulatedSession() throws {
        let run = try plumbline("monitor", "--simulate", "--speed", "0", "--alerts-json")
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        func field(_ line: String, _ key: String) -> String? {
            guard let range = line.range(of: "\"\(key)\":") else { return nil }
            let rest = line[range.upperBound...]
            return String(rest.prefix { $0 != "," && $0 != "}" }).replacingOccurrences(of: "\"", with: "")
        }
        let alerts = lines.filter { field($0, "kind") == "slump" }
        #expect(alerts.map { field($0, "slump") } == ["upper-back-rounding", "forward-head", "collapsed-trunk"])
        #expect(alerts.map { field($0, "exercise") } == ["shoulder-blade-squeeze", "chin-tuck", "rib-lift"])
        #expect(lines.contains { field($0, "kind") == "exercise-done" && field($0, "exercise") == "rib-lift" })
        // No alert in the walking (155–185 s) or bending (200–204 s) stretches of the script.
        let times = alerts.compactMap { field($0, "time_s").flatMap(Double.init) }
        #expect(!times.contains { (155...224).contains($0) })
        // Deterministic: the same simulated session gives the same events.
        #expect(try plumbline("monitor", "--simulate", "--speed", "0", "--alerts-json").stdout == run.stdout)
    }

    /// The `"alerts":N` of the summary line.
    static func alertCount(_ stdout: String) -> Int? {
        guard let line = stdout.split(separator: "\n").last(where: { $0.contains("\"kind\":\"summary\"") }),
              let range = line.range(of: "\"alerts\":") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    @Test("keys: s snoozes the alerts of the whole session, r resumes them, e without an alert says why")
    func keysSnoozeResume() throws {
        let arguments = ["monitor", "--simulate", "--speed", "0", "--alerts-json", "--keys"]
        let plain = try plumbline(arguments, input: "")
        #expect(Self.alertCount(plain.stdout).map { $0 > 0 } == true)
        let snoozed = try plumbline(arguments, input: "s")
        #expect(snoozed.status == 0)
        #expect(Self.alertCount(snoozed.stdout) == 0)
        #expect(snoozed.stderr.contains("alerts snoozed for 15 min (r to resume)"))
        let resumed = try plumbline(arguments, input: "sr")
        #expect(Self.alertCount(resumed.stdout) == Self.alertCount(plain.stdout))
        #expect(resumed.stderr.contains("alerts on again"))
        let early = try plumbline(arguments, input: "e")
        #expect(early.stderr.contains("no exercise to start"))
        #expect(Self.alertCount(early.stdout) == Self.alertCount(plain.stdout))
    }

    @Test("keys: q stops monitor at once, exit 0, with the summary")
    func keysQuit() throws {
        let run = try plumbline(["monitor", "--simulate", "--speed", "0", "--alerts-json", "--keys"], input: "q")
        #expect(run.status == 0)
        let summary = try #require(run.stdout.split(separator: "\n").last)
        #expect(summary.hasPrefix("{\"kind\":\"summary\",\"upright_s\":0.000"))
    }
}

@Suite("plumbline exercises")
struct ExercisesCommandTests {
    @Test("lists the five exercises and explains one step by step")
    func listAndExplain() throws {
        let list = try plumbline("exercises")
        #expect(list.status == 0)
        let names = list.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(Array(names.prefix(9)).filter { !$0.hasPrefix("answers") } ==
                ["chin-tuck", "shoulder-blade-squeeze", "rib-lift", "pelvic-tilts", "spinal-flexion-extension"])
        let one = try plumbline("exercises", "rib-lift")
        #expect(one.stdout.hasPrefix("Lifting the ribs off the pelvis\nAnswers a collapsed trunk"))
        #expect(one.stdout.contains("  1. ") && one.stdout.contains("How Plumbline knows you did it:"))
        let bad = try plumbline("exercises", "yoga")
        #expect(bad.status != 0 && bad.stderr.contains("No exercise called 'yoga'"))
    }
}
