// replay-probe: the replay's whole per-row path for instruction counting (scripts/bench), not a
// user command. valgrind 3.19 refuses the debug information of `plumbline` (README, Performance), so this
// runs what `plumbline replay LOG --calibrate-at 2-6` runs after its command line: the log
// source, the calibration flow over 2-6 s, and the session runner (pipeline, coach), with the
// coach's events counted instead of printed. Default settings, default mountings.
//
//   replay-probe LOG
import Glibc
import Monitor
import Posture

func say(_ text: String, to fd: Int32) {
    var text = text
    _ = text.withUTF8 { b in Glibc.write(fd, b.baseAddress, b.count) }
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    say("usage: replay-probe LOG\n", to: 2)
    exit(2)
}
let path = arguments[1]
do {
    let poses: [SensorRole: StillPose]
    switch try CalibrationFlow.capture(LogSource(path: path), from: 2, to: 6, pose: "upright") {
    case .success(let p): poses = p
    case .failure(let f):
        say("replay-probe: cannot calibrate from 2-6 s: \(f.description)\n", to: 2)
        exit(2)
    }
    let calibrations: [SensorRole: Calibration]
    switch CalibrationFlow.calibrations(upright: poses, lean: [:], mounting: { .default(for: $0) }, chip: { _ in "log" }) {
    case .success(let c): calibrations = c
    case .failure(let f):
        say("replay-probe: cannot calibrate the \(f.description)\n", to: 2)
        exit(2)
    }
    var events = 0
    let runner = SessionRunner(session: Session(calibrations: calibrations), source: try LogSource(path: path),
                               emit: { _ in events += 1 }, notice: { say($0 + "\n", to: 2) })
    try runner.run()
    let tallies = runner.session.coach.tallies
    say("coach events \(events), alerts \(tallies.alerts), upright \(Int(tallies.uprightSeconds)) s, slumped \(Int(tallies.slumpedSeconds)) s\n", to: 1)
} catch {
    say("replay-probe: \(error)\n", to: 2)
    exit(2)
}
