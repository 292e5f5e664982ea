import Alerts
import Coach
import ArgumentParser
import Configuration
import Foundation
import History
import IMUEmulators
import Monitor
import Posture

struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Watch your posture live and coach you when a slump lasts.",
        discussion: """
        Reads the sensors a few times a second (their FIFOs hold the samples in between, so the \
        process sleeps almost all the time), shows the live angles and state when attached to a \
        terminal, and prints each alert with the exercise that answers it. Ctrl-C or SIGTERM stops \
        it cleanly with a summary. With --simulate it runs a simulated six-minute working session. \
        The daily training plan (coach.training_plan, on by default) coaches until the day's target \
        of worn time is met and then only tracks until midnight; a sensor left on a desk or its \
        charger is recognised as not worn and never counted as good posture.
        """
    )

    @OptionGroup var options: RunOptions

    @Option(help: ArgumentHelp("Calibration file (default: calibration.json in the state directory).", valueName: "PATH"))
    var calibration: String?

    @Flag(help: "Print one JSON object per event on stdout instead of text lines.")
    var alertsJson = false

    @Option(help: ArgumentHelp("Stop after this many seconds.", valueName: "SECONDS"))
    var duration: Double?

    @Option(help: ArgumentHelp("Keep the history in this SQLite file, one row per interval (default: history.db in the state directory; none with --simulate).",
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

    func run() throws {
        let (configuration, core) = try options.loadConfiguration()
        let wearer = options.simulate ? SimulatedWearer.workingSession : nil
        let sensors = try options.openSensors(configuration, simulate: wearer, speed: speed > 0 ? speed : nil)
        let calibrations = try loadCalibrations(configuration, sensors: sensors)
        let json = alertsJson || configuration.alerts.jsonLines
        let output = EventPrinter(json: json, live: isatty(STDOUT_FILENO) == 1 && !json, terminal: configuration.alerts.terminal,
                                  hook: configuration.alerts.hook.map { CommandHookSink(.init(program: $0[0], arguments: Array($0.dropFirst()))) },
                                  haptic: openHaptic(configuration, sensors: sensors))
        let (taps, training) = try taps(configuration, sensors: sensors, calibrations: calibrations, plan: core.training)
        let session = Session(calibrations: calibrations, coach: core.coach, pipeline: PosturePipeline.Settings(tilt: core.tilt),
                              training: training)
        let runner = SessionRunner(session: session, source: sensors.source, taps: taps, emit: output.emit, notice: output.emitNotice)
        let start = sensors.clock.nowSeconds
        let wallStart = Date()
        let simulate = options.simulate
        runner.timeOfDay = { secondsOfDay(wallStart.addingTimeInterval(simulate ? sensors.clock.nowSeconds - start : Date().timeIntervalSince(wallStart))) }
        let end = duration.map { start + $0 } ?? (wearer.map { start + $0.durationSeconds } ?? .infinity)
        let keyReader = keys || isatty(STDIN_FILENO) == 1 ? KeyReader() : nil
        defer { keyReader?.restore() }
        if keyReader != nil, !json { output.hint = KeyCommand.help }
        let controls = LiveControls(runner: runner, output: output, snoozeMinutes: snooze, wearer: wearer, startSeconds: start)
        runUntilStopped { stop in
            monitoring: while !stop.isRaised && sensors.clock.nowSeconds < end {
                do { try runner.step() } catch { output.emitNotice("plumbline: \(error)") }
                for command in keyReader?.poll() ?? [] where !controls.handle(command, elapsedSeconds: sensors.clock.nowSeconds - start) {
                    break monitoring
                }
                controls.followScript(nowSeconds: sensors.clock.nowSeconds)
                output.status(runner.session)
            }
            runner.finish()
            output.finish(runner.session)
        }
    }

    /// The calibration file, or for --simulate without one, the script's first still seconds.
    private func loadCalibrations(_ configuration: PlumblineConfiguration, sensors: OpenedSensors) throws -> [SensorRole: Calibration] {
        if options.simulate && calibration == nil {
            let poses = CalibrationFlow.captureLive(sensors.source, roles: sensors.roles, pose: "upright", settleSeconds: 1,
                                                    settings: .default, attempts: 1, say: { _ in })
            let result = poses.flatMap { upright in
                CalibrationFlow.calibrations(upright: upright, lean: [:], mounting: { .default(for: $0) },
                                             chip: { sensors.chips[$0]?.displayName ?? "" })
            }
            switch result {
            case .success(let c): return c
            case .failure(let f): throw fail(kind: "calibration", "the simulated wearer: \(f.description)")
            }
        }
        let path = calibration ?? options.stateDirectory(configuration) + "/calibration.json"
        do {
            return try StateFiles.loadCalibrations(path)
        } catch {
            throw fail(kind: "calibration", "\(error). Put the sensors on and run `plumbline calibrate --lean` first.")
        }
    }

    /// The history (and with storage.record_raw, the raw recording) beside the coach. A history
    /// that cannot be opened is one warning: coaching goes on without it.
    private func taps(_ configuration: PlumblineConfiguration, sensors: OpenedSensors,
                      calibrations: [SensorRole: Calibration], plan: TrainingPlan?) throws -> ([any SessionTap], TrainingDay?) {
        var taps: [any SessionTap] = []
        var training: TrainingDay?
        let state = options.stateDirectory(configuration)
        if let path = history ?? (options.simulate ? nil : state + "/history.db") {
            let now = Date()
            do {
                let opened = try openHistory(path: path, configuration: configuration, source: options.simulate ? "monitor --simulate" : "monitor",
                                             calibrations: calibrations, startedAt: now,
                                             anchor: .origin(unixSeconds: now.timeIntervalSince1970 - sensors.clock.nowSeconds), plan: plan)
                taps.append(opened.writer)
                training = opened.training
            } catch {
                Terminal.error("plumbline: history: \(error) Coaching goes on without history.")
            }
        }
        if configuration.storage.recordRaw {
            let path = state + "/recordings/" + Record.timestamp() + ".plog"
            do {
                try StateFiles.makeDirectories(StateFiles.directory(of: path))
                taps.append(try Recorder.create(path: path, sensors: sensors, configuration: configuration,
                                                metadata: Record.metadata(simulated: options.simulate ? "working-session" : nil),
                                                replaceExisting: false))
            } catch {
                throw fail(kind: "file", "cannot create the raw recording \(path): \(error). Set storage.record_raw: false, or free the state directory.")
            }
        }
        return (taps, training)
    }

    /// The vibration motor, when configured; without it Plumbline goes on with screen and hook only.
    private func openHaptic(_ configuration: PlumblineConfiguration, sensors: OpenedSensors) -> HapticSink? {
        do {
            return try sensors.openHaptic(configuration)
        } catch {
            Terminal.error("plumbline: haptic: \(error) Going on without vibration; remove alerts.haptic from the configuration if there is no motor.")
            return nil
        }
    }
}

/// Local time of day, seconds since midnight (the C library's local time: TZ, else /etc/localtime,
/// as Foundation's TimeZone.current reads them). Read once per drain, so it stays clear of
/// Foundation's Calendar, whose ICU data would add megabytes to the live loop's memory.
func secondsOfDay(_ date: Date) -> Double {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var local = tm()
    guard localtime_r(&seconds, &local) != nil else { return 0 }
    let hours = Int(local.tm_hour)
    let minutes = Int(local.tm_min)
    let total = hours * 3600 + minutes * 60 + Int(local.tm_sec)
    return Double(total)
}
