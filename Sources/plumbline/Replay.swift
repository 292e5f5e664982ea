// `plumbline replay`: run a recorded log through the whole pipeline (filters, posture, coach).
import ArgumentParser
import Configuration
import Foundation
import History
import Monitor
import Posture

extension TimeRange: ExpressibleByArgument {
    init?(argument: String) {
        let parts = argument.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), a.isFinite, b.isFinite, b > a else { return nil }
        self.init(startSeconds: a, endSeconds: b)
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
            With --calibrate-at and --lean-at the sensors may be worn in any orientation. The same \
            log and settings always give the same output.
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
            help: ArgumentHelp("With --calibrate-at: seconds where the wearer holds a forward lean; then any sensor orientation works.", valueName: "START-END"))
    var leanAt: TimeRange?

    @Option(help: "Sensor role of a single-sensor recording in the Fusion layout (trunk or head).")
    var sensor: String = SensorRole.trunk.rawValue

    @Option(help: ArgumentHelp("Play at this many times real time (default: as fast as possible).", valueName: "X"))
    var speed: Double?

    @Option(name: .customLong("sensor-latency"),
            help: ArgumentHelp("How far the recorded sensor's samples lag the motion, in milliseconds (its low-pass filters' group delay). The gyroscope-aided estimate is predicted forward by it. Default 0: no prediction.", valueName: "MS"))
    var sensorLatencyMilliseconds: Double = 0

    @Flag(help: "Print one JSON object per coach event on stdout.")
    var alertsJson = false

    @Option(help: ArgumentHelp("Write the history a lived session would (intervals, events, the calibration) to this SQLite file.", valueName: "DB"))
    var history: String?

    @Option(name: .customLong("start-at"),
            help: ArgumentHelp("With --history: the wall-clock time of the log's first sample, ISO 8601 (default: the log's `started` header).", valueName: "ISO-TIME"))
    var startAt: String?

    @Flag(help: "Skip bad rows (counted) instead of stopping at the first.")
    var lenient = false

    @OptionGroup var options: RunOptions

    /// Developer option for ablations in bench/README.md: `--setting KEY=NUMBER`, repeatable, over
    /// TiltFilter.Settings (see `TiltTuning.keys`).
    @Option(name: .customLong("setting"), help: .hidden)
    var settingOverrides: [String] = []

    func validate() throws {
        guard SensorRole(rawValue: sensor) != nil else {
            throw ValidationError("--sensor must be one of: \(SensorRole.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if options.simulate { throw ValidationError("--simulate does not apply to replay; replay a recording made with `plumbline record --simulate`.") }
        if calibration != nil && calibrateAt != nil { throw ValidationError("Give either --calibration or --calibrate-at, not both.") }
        if leanAt != nil && calibrateAt == nil { throw ValidationError("--lean-at goes with --calibrate-at.") }
        if !(sensorLatencyMilliseconds >= 0 && sensorLatencyMilliseconds <= 100) {
            throw ValidationError("--sensor-latency takes milliseconds from 0 to 100 (got \(sensorLatencyMilliseconds)); MEMS filter delays are a few milliseconds.")
        }
        try validateHistory()
        if let speed, !(speed > 0) { throw ValidationError("--speed takes a positive factor (got \(speed)); leave it out to replay as fast as possible.") }
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
        let (configuration, core) = try options.loadConfiguration()
        let source = try open()
        let accelerometerOnly = (filter ?? (source.hasGyroscope ? .gyro : .accel)) == .accel
        if !accelerometerOnly, !source.hasGyroscope {
            throw ReplayError("\(recording) has no gyroscope columns; use --filter accel.")
        }
        let calibrations = try calibrations(for: source, configuration: configuration, core: core)
        var pipeline = PosturePipeline.Settings(tilt: core.tilt)
        pipeline.tilt.sensorLatencySeconds = sensorLatencyMilliseconds / 1000
        do { try TiltTuning.apply(settingOverrides, to: &pipeline.tilt) } catch { throw ValidationError(error.description) }
        pipeline.accelerometerOnly = accelerometerOnly
        let output = EventPrinter(json: alertsJson, live: !alertsJson && speed != nil && isatty(STDOUT_FILENO) == 1)
        var taps: [any SessionTap] = []
        if let trace {
            do {
                taps.append(try TraceTap(path: trace, withAngles: source.roles.contains { calibrations[$0] != nil }))
            } catch { throw ReplayError(error.description) }
        }
        let opened = try history.map { try historyTap($0, source: source, configuration: configuration, calibrations: calibrations, plan: core.training) }
        if let opened { taps.append(opened.writer) }
        if let speed { source.pacing = (SystemClock(), speed) }
        let runner = SessionRunner(session: Session(calibrations: calibrations, coach: core.coach, pipeline: pipeline, training: opened?.training),
                                   source: source, taps: taps, emit: output.emit, notice: output.emitNotice)
        if let writer = opened?.writer {
            // A replayed day is lived by the clock of --start-at: quiet hours, and the training
            // plan's midnight.
            runner.timeOfDay = { [unowned runner] in
                guard let origin = writer.originUnixSeconds, let t = runner.session.lastFrame?.timeSeconds else { return nil }
                return secondsOfDay(Date(timeIntervalSince1970: origin + t))
            }
        }
        do {
            while try runner.step() { output.status(runner.session) }
        } catch { throw ReplayError.source(error) }
        var tapFailure: String?
        runner.notice = { tapFailure = $0 }
        runner.finish()
        if let tapFailure { throw ReplayError(tapFailure) }
        output.finish(runner.session)
        reportSkipped(source)
    }

    private func open() throws -> LogSource {
        do {
            return try LogSource(path: recording, lenient: lenient, singleSensorRole: SensorRole(rawValue: sensor) ?? .trunk)
        } catch { throw ReplayError.source(error) }
    }

    /// From --calibration, or from windows of the log (--calibrate-at, --lean-at) through the same
    /// flow as a live calibration.
    private func calibrations(for source: LogSource, configuration: PlumblineConfiguration,
                              core: CoreSettings) throws -> [SensorRole: Calibration] {
        if let path = calibration {
            let loaded: [SensorRole: Calibration]
            do { loaded = try StateFiles.loadCalibrations(path) } catch {
                throw ReplayError("\(error) Write a new one with `plumbline calibrate`, or calibrate from the log with --calibrate-at.", kind: "bad-calibration")
            }
            let used = loaded.filter { source.roles.contains($0.key) }
            guard !used.isEmpty else {
                throw ReplayError(
                    "\(path) has no calibration for the sensors of \(recording) (\(source.roles.map(\.rawValue).joined(separator: ", "))). Calibrate them with `plumbline calibrate`, or use --calibrate-at.",
                    kind: "bad-calibration")
            }
            return used
        }
        guard let upright = calibrateAt else { return [:] }
        func poses(_ range: TimeRange, _ pose: String) throws -> [SensorRole: StillPose] {
            let result: Result<[SensorRole: StillPose], CalibrationFlow.Failure>
            do {
                result = try CalibrationFlow.capture(open(), from: range.startSeconds, to: range.endSeconds, pose: pose, settings: core.stillWindow)
            } catch let error as SourceError { throw ReplayError.source(error) }
            switch result {
            case .success(let p): return p
            case .failure(let f): throw ReplayError("cannot calibrate from \(range.startSeconds)-\(range.endSeconds) s of \(recording): \(f.description)")
            }
        }
        let result = CalibrationFlow.calibrations(
            upright: try poses(upright, "upright"), lean: try leanAt.map { try poses($0, "forward lean") } ?? [:],
            mounting: { configuration.sensors[$0]?.mounting ?? .default(for: $0) }, chip: { _ in "log" }, settings: core.calibration)
        switch result {
        case .success(let c): return c
        case .failure(let f): throw ReplayError("cannot calibrate the \(f.description)")
        }
    }

    private func reportSkipped(_ source: LogSource) {
        let reader = source.reader
        if reader.skippedRows > 0 {
            Terminal.error("plumbline: skipped \(reader.skippedRows) bad rows (first: \(reader.firstSkipped.map { "\($0)" } ?? "?")).")
        }
        if let tail = reader.truncatedTail {
            Terminal.error("plumbline: the log ends in a partial line (line \(tail.line), \(tail.bytes) bytes), as after a power cut; replayed up to the last whole row.")
        }
    }
}
