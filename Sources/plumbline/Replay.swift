// `plumbline replay`: run a recorded log through the whole pipeline (filters, posture, coach).
import ArgumentParser
import Coach
import Configuration
import Foundation
import Monitor
import Posture
import SensorLog
import Tilt

/// Seconds of a log, written START-END (e.g. 2-5).
struct TimeRange: ExpressibleByArgument, Sendable {
    let start_s: Double
    let end_s: Double
    init?(argument: String) {
        let parts = argument.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), a.isFinite, b.isFinite, b > a else { return nil }
        start_s = a
        end_s = b
    }
}

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a recording through the filters, posture and coach.",
        discussion: """
            Reads Plumbline's own logs (see `plumbline record`) and the CSV layout of the xio Fusion \
            examples (Time (s), Gyroscope X/Y/Z (deg/s), Accelerometer X/Y/Z (g), optional \
            magnetometer). Prints the coach's events (text, or JSON lines with --alerts-json). The \
            trace has one row per sample: time_s,sensor,up_x,up_y,up_z (the estimated up direction in \
            the sensor frame), plus flexion_deg,lateral_deg when calibrated, then the coach's state. \
            The same log and settings always give the same output.
            """)

    enum Filter: String, ExpressibleByArgument, CaseIterable {
        case gyro
        case accel
    }

    @Argument(help: "The recording to replay.")
    var recording: String

    @Option(help: ArgumentHelp("Write a per-sample trace CSV here.", valueName: "OUT.csv"))
    var trace: String?

    @Option(help: "Estimator: gyro (gyroscope-aided) or accel (accelerometer only). Default: gyro if the recording has a gyroscope.")
    var filter: Filter?

    @Option(help: ArgumentHelp("Calibration JSON (from `plumbline calibrate`).", valueName: "FILE"))
    var calibration: String?

    @Option(name: .customLong("calibrate-at"),
            help: ArgumentHelp("Calibrate from these seconds of the log, where the wearer sits upright and still.", valueName: "START-END"))
    var calibrateAt: TimeRange?

    @Option(name: .customLong("lean-at"),
            help: ArgumentHelp("With --calibrate-at: seconds where the wearer holds the forward-lean pose.", valueName: "START-END"))
    var leanAt: TimeRange?

    @Option(help: "Sensor role of a single-sensor recording in the Fusion layout (trunk or head).")
    var sensor: String = SensorRole.trunk.rawValue

    @Option(help: ArgumentHelp("Play at this many times real time (default: as fast as possible).", valueName: "X"))
    var speed: Double?

    @Option(name: .customLong("sensor-latency"),
            help: ArgumentHelp("How far the recorded sensor's samples lag the motion, in milliseconds (its low-pass filters' group delay). The gyroscope-aided estimate is predicted forward by it. Default 0: no prediction.", valueName: "MS"))
    var sensorLatency_ms: Double = 0

    @Flag(help: "Print one JSON object per coach event on stdout.")
    var alertsJson = false

    @Flag(help: "Skip bad rows (counted) instead of stopping at the first.")
    var lenient = false

    @OptionGroup var options: RunOptions

    /// Developer option for ablations in bench/README.md: `--setting KEY=NUMBER`, repeatable, over
    /// TiltFilter.Settings (tau, damping, reject, recovery, motionBias, restBias, restGyro, restAccel, restOffset, maxBias).
    @Option(name: .customLong("setting"), help: .hidden)
    var settingOverrides: [String] = []

    func validate() throws {
        guard SensorRole(rawValue: sensor) != nil else {
            throw ValidationError("--sensor must be one of: \(SensorRole.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if options.simulate { throw ValidationError("--simulate does not apply to replay; replay a recording made with `plumbline record --simulate`.") }
        if calibration != nil && calibrateAt != nil { throw ValidationError("Give either --calibration or --calibrate-at, not both.") }
        if leanAt != nil && calibrateAt == nil { throw ValidationError("--lean-at goes with --calibrate-at.") }
        if !(sensorLatency_ms >= 0 && sensorLatency_ms <= 100) {
            throw ValidationError("--sensor-latency takes milliseconds from 0 to 100 (got \(sensorLatency_ms)); MEMS filter delays are a few milliseconds.")
        }
        if let speed, !(speed > 0) { throw ValidationError("--speed takes a positive factor (got \(speed)); leave it out to replay as fast as possible.") }
    }

    func tiltSettings() throws -> TiltFilter.Settings {
        var settings = TiltFilter.Settings.default
        settings.sensorLatencySeconds = sensorLatency_ms / 1000
        for o in settingOverrides {
            let parts = o.split(separator: "=")
            guard parts.count == 2, let v = Double(parts[1]) else { throw ValidationError("--setting KEY=NUMBER") }
            switch parts[0] {
            case "tau": settings.accelTimeConstantSeconds = v
            case "damping": settings.accelFilterDamping = v
            case "reject": settings.accelRejectionG = v
            case "recovery": settings.recoverySeconds = v
            case "motionBias": settings.motionBiasTimeConstantSeconds = v
            case "restBias": settings.restBiasTimeConstantSeconds = v
            case "restGyro": settings.restGyroDeviationDegPerSecond = v
            case "restAccel": settings.restAccelDeviationG = v
            case "restOffset": settings.restBiasOffsetDegPerSecond = v
            case "maxBias": settings.maxBiasDegPerSecond = v
            default: throw ValidationError("unknown setting \(parts[0])")
            }
        }
        return settings
    }

    /// The log's sensors as roles: `trunk`/`head` by name; a Fusion log's one sensor is `--sensor`.
    func roles(_ header: LogHeader) -> [SensorRole?] {
        header.sensors.enumerated().map { index, description in
            if let role = SensorRole(rawValue: description.role) { return role }
            return index == 0 && header.sensors.count == 1 ? SensorRole(rawValue: sensor) : nil
        }
    }

    func open() throws -> LogReader {
        do {
            return try LogReader(path: recording, options: LogReader.Options(lenient: lenient))
        } catch {
            throw ReplayError.log(error)
        }
    }

    /// Errors end as one line `plumbline: <kind>: <what happened>. <what to do>` and exit 2.
    func run() throws {
        do {
            try replay()
        } catch let error as ReplayError {
            throw fail(kind: error.kind, error.description)
        }
    }

    func replay() throws {
        let configuration = try options.loadConfiguration()
        let reader = try open()
        let roleOf = roles(reader.header)
        let hasGyro = reader.header.sensors.contains { $0.hasGyroscope }
        let chosen = filter ?? (hasGyro ? .gyro : .accel)
        if chosen == .gyro, !hasGyro {
            throw ReplayError("\(recording) has no gyroscope columns; use --filter accel.")
        }
        var calibrations: [SensorRole: Calibration] = [:]
        if let path = calibration {
            let set: [Calibration]
            do { set = try CalibrationFile.load(path: path) } catch {
                throw ReplayError("\(error) Write a new one with `plumbline calibrate`, or calibrate from the log with --calibrate-at.", kind: "bad-calibration")
            }
            for c in set where roleOf.contains(c.role) { calibrations[c.role] = c }
            guard calibrations[.trunk] != nil || calibrations[.head] != nil else {
                throw ReplayError(
                    "\(path) has no calibration for the sensors of \(recording) (\(roleOf.compactMap { $0?.rawValue }.joined(separator: ", "))). Calibrate them with `plumbline calibrate`, or use --calibrate-at.",
                    kind: "bad-calibration")
            }
        } else if let window = calibrateAt {
            calibrations = try calibrate(upright: window, lean: leanAt, roles: roleOf, configuration: configuration)
        }
        var pipelineSettings = PosturePipeline.Settings(tilt: try tiltSettings())
        pipelineSettings.accelerometerOnly = chosen == .accel
        var session = Session(calibrations: calibrations, coach: coachSettings(configuration), pipeline: pipelineSettings)
        let output = EventPrinter(json: alertsJson, live: !alertsJson && speed != nil && isatty(STDOUT_FILENO) == 1)

        let out = try trace.map { try TraceWriter(path: $0) }
        var header = "time_s,sensor,up_x,up_y,up_z"
        let traceRoles = Set(roleOf.compactMap { $0 })
        let traced = traceRoles.filter { calibrations[$0] != nil }
        if !traced.isEmpty { header += ",flexion_deg,lateral_deg" }
        header += ",state"
        out?.write(header + "\n")

        let clock = SystemClock()
        var firstTime: Double?
        let wallStart = clock.now_s
        do {
            while let record = try reader.next() {
                switch record {
                case .sample(let sample):
                    guard let role = roleOf[sample.sensor] else { continue }
                    let f = sample.frame
                    if let speed {
                        let t0 = firstTime ?? f.timeSeconds
                        firstTime = t0
                        clock.sleep(until: wallStart + (f.timeSeconds - t0) / speed)
                    }
                    let event = SourceEvent.sample(SensorSample(role: role, time_s: f.timeSeconds, acceleration_g: f.accelG,
                                                                angularRate_dps: f.gyroDegPerSecond))
                    for e in session.process(event) { output.emit(e) }
                    if let out, let estimate = session.pipeline.estimate(role) {
                        out.write(traceRow(f.timeSeconds, role, estimate.up, calibrations[role], traced: !traced.isEmpty,
                                           state: session.coach.state.name))
                    }
                    if speed != nil { output.status(session) }
                case .gap(let gap):
                    let roles = gap.sensor.map { [roleOf[$0]] } ?? roleOf
                    for case let role? in roles {
                        for e in session.process(.gap(role: role, start_s: gap.startSeconds, end_s: gap.endSeconds)) { output.emit(e) }
                    }
                case .note(let note):
                    // A recorded "yes" to an exercise (the wearer pressed start): replay starts it too.
                    let prefix = "exercise-start "
                    if note.text.hasPrefix(prefix), let id = ExerciseID(rawValue: String(note.text.dropFirst(prefix.count))) {
                        let at = max(note.timeSeconds, session.lastFrame?.time_s ?? note.timeSeconds)
                        for e in session.startExercise(id, at: at) { output.emit(e) }
                    }
                case .annotation:
                    continue
                }
            }
        } catch {
            throw ReplayError.log(error)
        }
        try out?.close()
        output.finish(session)
        if reader.skippedRows > 0 {
            Terminal.error("plumbline: skipped \(reader.skippedRows) bad rows (first: \(reader.firstSkipped.map { "\($0)" } ?? "?")).")
        }
        if let tail = reader.truncatedTail {
            Terminal.error("plumbline: the log ends in a partial line (line \(tail.line), \(tail.bytes) bytes), as after a power cut; replayed up to the last whole row.")
        }
    }

    private func traceRow(_ time: Double, _ role: SensorRole, _ up: Vector3, _ calibration: Calibration?,
                          traced: Bool, state: String) -> String {
        var row = fixedDecimal(time, digits: 6)
        row += ","
        row += role.rawValue
        row += ","
        row += fixedDecimal(up.x, digits: 7)
        row += ","
        row += fixedDecimal(up.y, digits: 7)
        row += ","
        row += fixedDecimal(up.z, digits: 7)
        if traced {
            if let a = calibration?.angles(up: up) {
                row += ","
                row += fixedDecimal(a.flexionDeg, digits: 3)
                row += ","
                row += fixedDecimal(a.lateralDeg, digits: 3)
            } else {
                row += ",,"
            }
        }
        row += ","
        row += state
        row += "\n"
        return row
    }

    /// Calibrates each sensor from still windows of the log.
    private func calibrate(upright: TimeRange, lean: TimeRange?, roles: [SensorRole?],
                           configuration: PlumblineConfiguration) throws -> [SensorRole: Calibration] {
        func window(_ range: TimeRange) throws -> [SensorRole: StillPose] {
            let reader = try open()
            var settings = StillWindow.Settings.default
            settings.durationSeconds = (range.end_s - range.start_s) * 0.98
            var windows: [SensorRole: StillWindow] = [:]
            do {
                while let record = try reader.next() {
                    guard case .sample(let s) = record, let role = roles[s.sensor] else { continue }
                    let t = s.frame.timeSeconds
                    // Rows of two sensors come in drain batches, not one timeline: read a little past the end.
                    if t > range.end_s + 2 { break }
                    guard t >= range.start_s, t <= range.end_s else { continue }
                    let a = s.frame.accelG, w = s.frame.gyroDegPerSecond
                    windows[role, default: StillWindow(settings: settings)].add(
                        timeSeconds: t, accel: Vector3(a.x, a.y, a.z), gyro: w.map { Vector3($0.x, $0.y, $0.z) })
                }
            } catch {
                throw ReplayError.log(error)
            }
            var poses: [SensorRole: StillPose] = [:]
            for (role, w) in windows {
                switch w.result() {
                case .success(let pose): poses[role] = pose
                case .failure(let rejection):
                    throw ReplayError("cannot calibrate the \(role.rawValue) sensor from \(upright.start_s)-\(upright.end_s) s: \(explain(rejection))")
                }
            }
            guard !poses.isEmpty else { throw ReplayError("no samples between \(range.start_s) and \(range.end_s) s of \(recording).") }
            return poses
        }
        let uprightPoses = try window(upright)
        let leanPoses = try lean.map(window) ?? [:]
        var result: [SensorRole: Calibration] = [:]
        for (role, pose) in uprightPoses {
            let mounting = configuration.sensors[role]?.mounting ?? (role == .trunk ? .backYUp : .zUpXForward)
            let outcome = leanPoses[role].map {
                Calibration.fromUpright(pose, forwardLean: $0, mounting: mounting, role: role, chip: "log")
            } ?? Calibration.fromUpright(pose, mounting: mounting, role: role, chip: "log")
            switch outcome {
            case .success(let c): result[role] = c
            case .failure(let rejection): throw ReplayError("cannot calibrate the \(role.rawValue) sensor: \(explain(rejection))")
            }
        }
        return result
    }
}

final class TraceWriter {
    private let handle: UnsafeMutablePointer<FILE>
    private let path: String
    private var closed = false

    init(path: String) throws {
        guard let f = fopen(path, "w") else {
            throw ReplayError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        handle = f
        self.path = path
    }

    func write(_ s: String) {
        var s = s
        s.withUTF8 { buf in _ = fwrite(buf.baseAddress, 1, buf.count, handle) }
    }

    func close() throws {
        closed = true
        let failed = ferror(handle) != 0
        if fclose(handle) != 0 || failed {
            throw ReplayError("writing \(path) failed: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if !closed { fclose(handle) }
    }
}

/// Why a replay could not run (no usage text: the arguments were fine): `kind` is the word after
/// `plumbline:` on the error line, `description` what happened and what to do.
struct ReplayError: Error, CustomStringConvertible {
    let kind: String
    let description: String
    init(_ description: String, kind: String = "replay") {
        self.kind = kind
        self.description = description
    }

    /// A log that cannot be read, with the advice that fits what is wrong with it.
    static func log(_ error: SensorLogError) -> ReplayError {
        let advice: String
        switch error.kind {
        case .cannotOpen, .readFailed:
            advice = "Check the path and that you may read the file."
        case .notANumber, .missingField, .timeNotIncreasing, .tooManyFields, .expectedEmpty, .unknownSensor,
             .unknownRecord, .badInterval, .lineTooLong:
            advice = "Mend or delete that line, or replay with --lenient to skip bad rows (they are counted)."
        default:
            advice = "Plumbline replays its own logs (`plumbline record`) and the xio Fusion CSV layout."
        }
        return ReplayError("\(error). \(advice)", kind: "bad-log")
    }
}
