import Alerts
import ArgumentParser
import Coach
import I2C
import IMU
import Configuration
import Foundation
import IMUEmulators
import Monitor
import Posture

struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Watch your posture live and coach you when a slump lasts.",
        discussion: """
        Reads the sensors a few times a second (their FIFOs hold the samples in between, so the \
        process sleeps almost all the time), shows the live angles and state when attached to a \
        terminal, and prints each alert with the exercise that answers it. Ctrl-C or SIGTERM stops \
        it cleanly with a summary. With --simulate it runs a simulated six-minute working session.
        """
    )

    @OptionGroup var options: RunOptions

    @Option(help: ArgumentHelp("Calibration file (default: calibration.json in the state directory).", valueName: "PATH"))
    var calibration: String?

    @Flag(help: "Print one JSON object per event on stdout instead of text lines.")
    var alertsJson = false

    @Option(help: ArgumentHelp("Stop after this many seconds.", valueName: "SECONDS"))
    var duration: Double?

    @Option(help: ArgumentHelp("Append the day's history here, one JSON line per interval (default: history.jsonl in the state directory; none with --simulate).",
                               valueName: "PATH"))
    var history: String?

    @Option(help: ArgumentHelp("With --simulate: play the session this many times faster than real time (0: as fast as possible).",
                               valueName: "X"))
    var speed: Double = 10

    @Option(help: ArgumentHelp("How long the s key silences alerts, in minutes.", valueName: "MINUTES"))
    var snooze: Double = 15

    @Flag(help: "Read the single-key controls (e exercise, s snooze, r resume, q quit) from standard input even when it is not a terminal. On a terminal they are always on.")
    var keys = false

    func validate() throws {
        if let duration, !(duration > 0) { throw ValidationError("--duration takes a positive number of seconds (got \(duration)).") }
        guard speed >= 0 else { throw ValidationError("--speed takes 0 (as fast as possible) or a positive factor (got \(speed)).") }
        guard snooze > 0, snooze <= 24 * 60 else { throw ValidationError("--snooze takes minutes from more than 0 to 1440 (got \(snooze)).") }
    }

    func run() async throws {
        let configuration = try options.loadConfiguration()
        let wearer = options.simulate ? SimulatedWearer.workingSession : nil
        let sensors = try OpenedSensors.open(configuration, simulate: wearer, speed: speed > 0 ? speed : nil)
        var calibrations: [SensorRole: Calibration] = [:]
        let path = calibration ?? options.stateDirectory(configuration) + "/calibration.json"
        if options.simulate && calibration == nil {
            calibrations = simulatedCalibration(sensors)
        } else {
            do {
                for c in try CalibrationFile.load(path: path) { calibrations[c.role] = c }
            } catch {
                throw fail(kind: "calibration", "\(error). Put the sensors on and run `plumbline calibrate --lean` first.")
            }
        }
        var session = Session(calibrations: calibrations, coach: coachSettings(configuration))
        let hook = configuration.alerts.hook.map {
            CommandHookSink(.init(program: $0[0], arguments: Array($0.dropFirst())))
        }
        let json = alertsJson || configuration.alerts.jsonLines
        let output = EventPrinter(json: json, live: isatty(STDOUT_FILENO) == 1 && !json, hook: hook,
                                  haptic: openHaptic(configuration, rig: sensors.rig))
        let historyPath = history ?? (options.simulate ? nil : options.stateDirectory(configuration) + "/history.jsonl")
        var historyWriter: HistoryWriter?
        if let historyPath {
            do {
                try makeDirectories((historyPath as NSString).deletingLastPathComponent)
                historyWriter = try HistoryWriter(path: historyPath, resolution_s: configuration.storage.historyResolution_s)
            } catch {
                throw fail(kind: "file", "\(error). Give a writable --history path.")
            }
        }
        let start = sensors.clock.now_s
        let end = duration.map { start + $0 } ?? (wearer.map { start + $0.duration_s } ?? .infinity)
        let wallStart = Date()
        let simulate = options.simulate
        let keyReader = keys || isatty(STDIN_FILENO) == 1 ? KeyReader() : nil
        defer { keyReader?.restore() }
        if keyReader != nil, !json { output.hint = KeyCommand.help }
        let snooze_s = snooze * 60
        try await runUntilStopped { stop in
        var exercising = false
        var warnedRecalibration = false
        monitoring: while !stop.isRaised && sensors.clock.now_s < end {
            let events = sensors.source.poll()
            let elapsed = sensors.clock.now_s - start
            for command in keyReader?.poll() ?? [] {
                let now = session.lastFrame?.time_s ?? elapsed
                switch command {
                case .exercise:
                    let started = session.startSuggestedExercise(at: now)
                    if started.isEmpty {
                        output.emitNotice("plumbline: no exercise to start: one is suggested with each alert (`plumbline exercises` lists them).")
                    }
                    for e in started { output.emit(e) }
                case .snooze:
                    for e in session.snooze(for: snooze_s, at: now) { output.emit(e) }
                    output.emitNotice(String(format: "plumbline: alerts snoozed for %g min (r to resume).", snooze))
                case .resume:
                    session.cancelSnooze()
                    output.emitNotice("plumbline: alerts on again.")
                case .quit:
                    break monitoring
                }
            }
            let timeOfDay = secondsOfDay(wallStart.addingTimeInterval(simulate ? elapsed : Date().timeIntervalSince(wallStart)))
            for event in events {
                for coachEvent in session.process(event, timeOfDay_s: timeOfDay) { output.emit(coachEvent) }
                if case .sample(let s) = event, s.role == .trunk, let frame = session.lastFrame, frame.time_s == s.time_s {
                    do { try historyWriter?.record(frame, coach: session.coach) } catch {
                        output.emitNotice("plumbline: history: \(error)")
                        historyWriter = nil
                    }
                }
            }
            // The simulated wearer does the exercise it is scripted to; a person would say "yes".
            if let wearer, let now = events.last.map({ _ in sensors.clock.now_s - start }) {
                let inExercise = wearer.isExercising(at: now)
                if inExercise && !exercising {
                    for e in session.startSuggestedExercise(at: session.lastFrame?.time_s ?? now) { output.emit(e) }
                }
                exercising = inExercise
            }
            if session.needsRecalibration && !warnedRecalibration {
                warnedRecalibration = true
                output.emitNotice("plumbline: recalibrate: the trunk sensor came back worn differently, so the calibration no longer fits and coaching is paused. Run `plumbline calibrate --lean`.")
            }
            output.status(session)
        }
        if let frame = session.lastFrame {
            do { try historyWriter?.finish(at: frame.time_s, coach: session.coach) } catch {
                output.emitNotice("plumbline: history: \(error)")
            }
        }
        output.finish(session)
        }
    }

    /// The vibration motor, when configured; without it Plumbline goes on with screen and hook only.
    private func openHaptic(_ configuration: PlumblineConfiguration, rig: SimulatedRig?) -> HapticSink? {
        guard let settings = configuration.alerts.haptic else { return nil }
        do {
            let bus: any I2CBus
            if let rig {
                rig.bus.attach(DRV2605LEmulator(), at: settings.address)
                bus = rig.bus
            } else {
                bus = try LinuxI2CBus(path: settings.bus)
            }
            let driver = try DRV2605LDriver.open(bus: bus, address: settings.address)
            try driver.configure(actuator: settings.actuator == .lra ? .lra : .erm)
            return HapticSink(driver: driver)
        } catch {
            Terminal.error("plumbline: haptic: \(error) Going on without vibration; remove alerts.haptic from the configuration if there is no motor.")
            return nil
        }
    }

    /// For --simulate without a calibration file: calibrate from the script's first still seconds.
    private func simulatedCalibration(_ sensors: OpenedSensors) -> [SensorRole: Calibration] {
        var windows: [SensorRole: StillWindow] = [.trunk: StillWindow(), .head: StillWindow()]
        var result: [SensorRole: Calibration] = [:]
        while result.count < sensors.chips.count && sensors.clock.now_s < 10 {
            for case .sample(let s) in sensors.source.poll() where s.time_s > 1 && result[s.role] == nil {
                windows[s.role]?.add(timeSeconds: s.time_s, accel: .init(s.acceleration_g.x, s.acceleration_g.y, s.acceleration_g.z),
                                     gyro: s.angularRate_dps.map { .init($0.x, $0.y, $0.z) })
                if windows[s.role]?.isComplete == true, case .success(let pose) = windows[s.role]!.result(),
                   case .success(let c) = Calibration.fromUpright(pose, mounting: s.role == .trunk ? .backYUp : .zUpXForward,
                                                                  role: s.role, chip: sensors.chips[s.role]?.displayName ?? "") {
                    result[s.role] = c
                }
            }
        }
        return result
    }
}

/// Local time of day, seconds since midnight.
func secondsOfDay(_ date: Date) -> Double {
    let c = Calendar.current.dateComponents([.hour, .minute, .second], from: date)
    let hours: Int = c.hour ?? 0
    let minutes: Int = c.minute ?? 0
    let seconds: Int = c.second ?? 0
    let total: Int = hours * 3600 + minutes * 60 + seconds
    return Double(total)
}

/// Coach settings from the configuration's coach section (unset keys keep the coach's defaults).
func coachSettings(_ configuration: PlumblineConfiguration) -> CoachSettings {
    var s = CoachSettings.default
    let c = configuration.coach
    s.mode = c.mode == .training ? .training : .tracking
    if let v = c.delay_s { s.alertDelay = AlertDelay(seconds: v) }
    if let v = c.thoracicLimit_deg { s.thoracicThresholdDeg = v }
    if let v = c.headForwardLimit_deg { s.headForwardThresholdDeg = v }
    if let v = c.leanBackLimit_deg { s.leanBackLimitDeg = v }
    if let v = c.hysteresis_deg { s.hysteresisDeg = v }
    if let v = c.repeatAfter_s { s.repeatCooldownSeconds = v }
    if let v = c.sittingBreakAfter_min { s.longSittingSeconds = v * 60 }
    if let q = c.quietHours { s.quietHours = QuietHours(startSecondsOfDay: q.start_s, endSecondsOfDay: q.end_s) }
    return s
}
