import Configuration
import ArgumentParser
import Foundation
import IMUEmulators
import Monitor
import Posture
import Tilt

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record your upright posture (and optionally a forward lean) as the reference.",
        discussion: """
        Sit upright the way you want to sit and hold still: Plumbline averages the direction of \
        gravity for each sensor. With --lean you then lean forward from the hips and hold that too, \
        which finds the axis you bend about, so the sensors may be worn in any orientation; without \
        it the axis comes from each sensor's mounting in the configuration. If you moved or a \
        sensor did not answer, it says so and tries again. The result is saved as JSON \
        (calibration.json in the state directory unless --output says otherwise).
        """
    )

    @OptionGroup var options: RunOptions

    @Flag(help: "Also capture a forward-lean pose (recommended the first time, and for unusual mountings).")
    var lean = false

    @Option(help: ArgumentHelp("Where to save the calibration.", valueName: "PATH"))
    var output: String?

    @Option(help: "Attempts per pose before giving up.")
    var attempts = 3

    @Option(help: ArgumentHelp("Seconds of stillness captured per pose.", valueName: "SECONDS"))
    var hold: Double = 2

    func validate() throws {
        guard (1...10).contains(attempts) else { throw ValidationError("--attempts takes 1 to 10 (got \(attempts)).") }
        guard hold >= 1 && hold <= 10 else { throw ValidationError("--hold takes 1 to 10 seconds (got \(hold)).") }
    }

    /// The simulated wearer for `--simulate`: upright, then a 25° forward lean from the hips.
    static let simulatedWearer = SimulatedWearer([
        .init(.sit(trunk_deg: 0, head_deg: 0, transition_s: 0), for: 5.5),
        .init(.sit(trunk_deg: 25, head_deg: 0, transition_s: 1.5), for: 20),
    ])

    func run() throws {
        let configuration = try options.loadConfiguration()
        let sensors = try OpenedSensors.open(configuration, simulate: options.simulate ? Self.simulatedWearer : nil)
        let roles = SensorRole.allCases.filter { sensors.chips[$0] != nil }
        var settings = StillWindow.Settings.default
        settings.durationSeconds = hold

        say("Sit upright, the way you want to sit, and hold still for \(Int(hold.rounded(.up))) seconds…")
        let upright = try capture(roles, sensors: sensors, settle_s: 1.5, settings: settings, pose: "upright")
        var leaned: [SensorRole: StillPose] = [:]
        if lean {
            say("Now lean forward from the hips, about 20–30°, and hold still…")
            leaned = try capture(roles, sensors: sensors, settle_s: 3.5, settings: settings, pose: "forward lean")
        }
        var calibrations: [Calibration] = []
        for role in roles {
            let chip = sensors.chips[role]?.displayName ?? "unknown"
            let mounting = configuration.sensors[role]?.mounting ?? defaultMounting(role)
            let result: Result<Calibration, CalibrationRejection>
            if let leanPose = leaned[role] {
                result = Calibration.fromUpright(upright[role]!, forwardLean: leanPose, mounting: mounting, role: role, chip: chip)
            } else {
                result = Calibration.fromUpright(upright[role]!, mounting: mounting, role: role, chip: chip)
            }
            switch result {
            case .success(let calibration): calibrations.append(calibration)
            case .failure(let rejection):
                throw fail(kind: "calibration", "\(role.rawValue) sensor: \(explain(rejection)) Run `plumbline calibrate\(lean ? " --lean" : "")` again.")
            }
        }
        let path = output ?? options.stateDirectory(configuration) + "/calibration.json"
        do {
            try saveCalibration(calibrations, to: path)
        } catch {
            throw fail(kind: "file", "cannot save the calibration to \(path): \(error). Give a writable path with --output.")
        }
        for calibration in calibrations {
            let u = calibration.up, a = calibration.flexionAxis
            say(String(format: "%@ (%@): upright up = [%.3f, %.3f, %.3f], bending axis = [%.3f, %.3f, %.3f] from the %@",
                       calibration.role.rawValue, calibration.chip, u.x, u.y, u.z, a.x, a.y, a.z,
                       calibration.axisSource == .forwardLean ? "forward lean" : "declared mounting"))
        }
        print("Saved the calibration to \(path).")
    }

    /// A still window per role, after `settle_s` of getting into position; retried on rejection.
    private func capture(_ roles: [SensorRole], sensors: OpenedSensors, settle_s: Double,
                         settings: StillWindow.Settings, pose: String) throws -> [SensorRole: StillPose] {
        for attempt in 1...attempts {
            let start = sensors.clock.now_s + (attempt == 1 ? settle_s : 1)
            var windows = Dictionary(uniqueKeysWithValues: roles.map { ($0, StillWindow(settings: settings)) })
            let deadline = start + settings.durationSeconds + 3
            var lostRoles: Set<SensorRole> = []
            while sensors.clock.now_s < deadline, windows.values.contains(where: { !$0.isComplete }) {
                for event in sensors.source.poll() {
                    switch event {
                    case .sample(let s) where s.time_s >= start && windows[s.role]?.isComplete == false:
                        let w = s.angularRate_dps.map { Vector3($0.x, $0.y, $0.z) }
                        windows[s.role]?.add(timeSeconds: s.time_s,
                                             accel: Vector3(s.acceleration_g.x, s.acceleration_g.y, s.acceleration_g.z), gyro: w)
                    case .sensorLost(let role, _, _):
                        lostRoles.insert(role)
                    default:
                        break
                    }
                }
            }
            var poses: [SensorRole: StillPose] = [:]
            var problems: [String] = []
            for role in roles {
                if lostRoles.contains(role) {
                    problems.append("the \(role.rawValue) sensor stopped answering")
                    continue
                }
                switch windows[role]!.result() {
                case .success(let still): poses[role] = still
                case .failure(let rejection): problems.append("\(role.rawValue) sensor: \(explain(rejection))")
                }
            }
            if problems.isEmpty {
                say("Got the \(pose) pose.")
                return poses
            }
            say("That \(pose) attempt did not work: \(problems.joined(separator: "; "))."
                + (attempt < attempts ? " Again: hold still…" : ""))
        }
        throw fail(kind: "calibration", "no still \(pose) pose after \(attempts) attempts. Sit supported, breathe normally, and keep still while it counts.")
    }

    private func defaultMounting(_ role: SensorRole) -> Mounting {
        role == .trunk ? .backYUp : .zUpXForward
    }

    private func say(_ line: String) { Terminal.error(line) }
}

/// A calibration rejection in the wearer's words.
func explain(_ rejection: CalibrationRejection) -> String {
    switch rejection {
    case let .moved(dispersion, gyro):
        return String(format: "you moved (direction spread %.1f°, rotation %.1f °/s RMS).", dispersion, gyro)
    case let .notUpright(deviation):
        return String(format: "the pose is %.0f° away from the mounting's upright; check how the sensor is worn, or use --lean.", deviation)
    case .sensorMissing:
        return "no steady data from the sensor (missing samples or a gap)."
    case let .leanTooSmall(lean):
        return String(format: "the forward lean was only %.0f°; lean at least 15° and hold it.", lean)
    case .mountingDegenerate:
        return "the declared mounting's forward axis is parallel to up; fix sensors.<role>.mounting or use --lean."
    }
}

/// A file operation that failed, in the C library's words.
struct FileFailure: Error, CustomStringConvertible {
    let description: String
    init(_ what: String, _ path: String) { description = "\(what) \(path): \(String(cString: strerror(errno)))" }
}

/// Creates `path` and its missing parents with `mode`.
func makeDirectories(_ path: String, mode: mode_t = 0o750) throws {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
        current += "/" + part
        if mkdir(current, mode) != 0 && errno != EEXIST { throw FileFailure("cannot create", current) }
    }
}

/// Writes the calibration atomically (temporary file, fsync, rename), readable by the owner only.
func saveCalibration(_ calibrations: [Calibration], to path: String) throws {
    let data = try CalibrationFile.encode(calibrations)
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty { try makeDirectories(directory) }
    let temporary = path + ".tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw FileFailure("cannot create", temporary) }
    let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    let synced = fsync(fd)
    close(fd)
    guard written == data.count, synced == 0 else {
        let failure = FileFailure("cannot write", temporary)
        unlink(temporary)
        throw failure
    }
    guard rename(temporary, path) == 0 else {
        let failure = FileFailure("cannot rename into", path)
        unlink(temporary)
        throw failure
    }
}
