import Coach
import Foundation

/// A slump alert as the coach makes it, with one sensor (no head-forward angle).
func slumpEvent(time: Double = 15, silent: Bool = false) -> CoachEvent {
    CoachEvent(
        kind: .slumpAlert, timeSeconds: time, state: .alerted(atSeconds: time, kind: .upperBackRounding),
        slump: .upperBackRounding, exercise: .shoulderBladeSqueeze, thoracicDeg: 18.3456, headForwardDeg: nil,
        silent: silent)
}

/// A run of the real coach: slumped with a forward head, alerted, repeated, corrected; then an
/// exercise started and stopped.
func coachSession(mode: CoachMode = .training) -> [CoachEvent] {
    var coach = Coach(settings: CoachSettings(alertDelay: .seconds5, repeatCooldownSeconds: 10, mode: mode))
    var sink = RecordingSink()
    func feed(_ from: Double, _ to: Double, _ thoracic: Double, _ head: Double?) {
        var t = from
        while t < to {
            coach.update(timeSeconds: t, posture: posture(thoracic, head: head)).send(to: &sink)
            t += 0.5
        }
    }
    feed(0, 5, 0, 0)
    feed(5, 22, 3, 30)
    feed(22, 25, 0, 0)
    coach.startExercise(.chinTuck, atSeconds: 25).send(to: &sink)
    coach.stopExercise(atSeconds: 26).send(to: &sink)
    return sink.events
}

import Posture

func posture(_ thoracicDeg: Double, head: Double?) -> PostureAngles {
    PostureAngles(
        trunk: SensorAngles(flexionDeg: thoracicDeg, lateralDeg: 0),
        head: head.map { SensorAngles(flexionDeg: $0 + thoracicDeg, lateralDeg: 0) })
}

/// A fresh directory under the temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("plumbline-alerts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

struct ScriptWriteFailed: Error { var path: String; var errno: Int32 }

/// Writes an executable script through a close-on-exec descriptor, so that a child spawned at the
/// same moment by another test cannot inherit it open for writing (exec would fail with ETXTBSY).
func script(_ text: String, in dir: URL, name: String = "hook") throws -> URL {
    let url = dir.appendingPathComponent(name)
    let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    guard fd >= 0 else { throw ScriptWriteFailed(path: url.path, errno: errno) }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    guard write(fd, bytes, bytes.count) == bytes.count else { throw ScriptWriteFailed(path: url.path, errno: errno) }
    return url
}
