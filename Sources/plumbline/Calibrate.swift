import ArgumentParser
import Configuration
import Foundation
import IMUEmulators
import Monitor
import Posture

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record your upright posture (and optionally a forward lean) as the reference.",
        discussion: """
        Sit upright the way you want to sit and hold still: Plumbline takes the direction of gravity \
        for each sensor from the hold, leaving out its least steady moments (breathing and sway are fine). With --lean \
        you then lean forward from the hips and hold that too, which finds the axis you bend about, so \
        the sensors may be worn in any orientation, upside down or sideways; without it the axis comes \
        from each sensor's mounting in the configuration, and if the sensor is worn another way round \
        it offers to take the lean pose there and then. If you moved or a sensor did not answer, it \
        says what it saw and tries again. The result is saved as JSON (calibration.json in the state \
        directory unless --output says otherwise).
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
        .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 5.5),
        .init(.sit(trunkDeg: 25, headDeg: 0, transitionSeconds: 1.5), for: 20),
    ])

    func run() throws {
        let (configuration, core) = try options.loadConfiguration()
        let sensors = try options.openSensors(configuration, simulate: options.simulate ? Self.simulatedWearer : nil)
        var settings = core.stillWindow
        settings.durationSeconds = hold
        say("Sit upright, the way you want to sit, and hold still for \(Int(hold.rounded(.up))) seconds…")
        let upright = try capture(sensors, pose: "upright", settleSeconds: 1.5, settings: settings)
        var leaned = lean ? try captureLean(sensors, settings: settings) : [:]
        func calibrate() -> Result<[SensorRole: Calibration], CalibrationFlow.Failure> {
            CalibrationFlow.calibrations(upright: upright, lean: leaned,
                                         mounting: { configuration.sensors[$0]?.mounting ?? .default(for: $0) },
                                         chip: { sensors.chips[$0]?.displayName ?? "unknown" }, settings: core.calibration)
        }
        var result = calibrate()
        if case .failure(let failure) = result, failure.needsLeanPose, leaned.isEmpty, offerLeanPose(failure) {
            leaned = try captureLean(sensors, settings: settings)
            result = calibrate()
        }
        let calibrations: [SensorRole: Calibration]
        switch result {
        case .success(let c): calibrations = c
        case .failure(let failure):
            throw fail(kind: "calibration", "\(failure.description) Run `plumbline calibrate\(lean ? "" : " --lean")` again.")
        }
        let path = output ?? options.stateDirectory(configuration) + "/calibration.json"
        let ordered = SensorRole.allCases.compactMap { calibrations[$0] }
        do {
            try StateFiles.saveCalibration(ordered, to: path)
        } catch {
            throw fail(kind: "file", "cannot save the calibration to \(path): \(error). Give a writable path with --output.")
        }
        for calibration in ordered {
            let u = calibration.up, a = calibration.flexionAxis
            say(String(format: "%@ (%@): upright up = [%.3f, %.3f, %.3f], bending axis = [%.3f, %.3f, %.3f] from the %@",
                       calibration.role.rawValue, calibration.chip, u.x, u.y, u.z, a.x, a.y, a.z,
                       calibration.axisSource == .forwardLean ? "forward lean" : "declared mounting"))
        }
        print("Saved the calibration to \(path).")
    }

    private func capture(_ sensors: OpenedSensors, pose: String, settleSeconds: Double,
                         settings: StillWindow.Settings) throws -> [SensorRole: StillPose] {
        let result = CalibrationFlow.captureLive(sensors.source, roles: sensors.roles, pose: pose, settleSeconds: settleSeconds,
                                                 settings: settings, attempts: attempts, say: say)
        switch result {
        case .success(let poses): return poses
        case .failure(let failure): throw fail(kind: "calibration", failure.description)
        }
    }

    private func captureLean(_ sensors: OpenedSensors, settings: StillWindow.Settings) throws -> [SensorRole: StillPose] {
        say("Now lean forward from the hips, about 20–30°, and hold still…")
        return try capture(sensors, pose: "forward lean", settleSeconds: 3.5, settings: settings)
    }

    /// The upright pose does not fit the declared mounting: offer the lean pose now. On a terminal
    /// the wearer answers; otherwise (a script, the simulator) it is taken.
    private func offerLeanPose(_ failure: CalibrationFlow.Failure) -> Bool {
        say("The \(failure.role?.rawValue ?? "") sensor is worn differently from its declared mounting. A forward-lean pose finds the axis whatever the orientation.")
        guard isatty(STDIN_FILENO) == 1 else { return true }
        say("Take the forward-lean pose now? [Y/n]")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? "n"
        return answer.isEmpty || answer.hasPrefix("y")
    }

    private func say(_ line: String) { Terminal.error(line) }
}
