extension SimulatedWearer {
    /// About six minutes at a desk, with the truth labelled: sitting upright, a gradual
    /// upper-back slump, a forward head, a walk, a bend to pick something up, a collapsed
    /// trunk, the exercise that answers it, and a sensor coming loose. `monitor --simulate`
    /// and `demo` play it; its labels are the truth the scenario tests check.
    public static let workingSession = SimulatedWearer([
        .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 1), for: 30, label: "upright"),
        .init(.sit(trunkDeg: 21, headDeg: 3, transitionSeconds: 8), for: 35, label: "slump"),
        .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 3), for: 25, label: "upright"),
        .init(.sit(trunkDeg: 3, headDeg: 29, transitionSeconds: 6), for: 35, label: "slump"),
        .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 3), for: 20, label: "upright"),
        .init(.walk(cadenceHz: 1.8), for: 30, label: "walking"),
        .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 2), for: 15, label: "upright"),
        .init(.bend(depthDeg: 70), for: 4, label: "bending"),
        .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 1), for: 20, label: "upright"),
        .init(.sit(trunkDeg: 33, headDeg: 6, transitionSeconds: 8), for: 40, label: "slump"),
        .init(.exercise(.ribLift), for: 50, label: "exercise"),
        .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 2), for: 20, label: "upright"),
        .init(.unplugged(.head), for: 20, label: "unplugged"),
        .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 1), for: 20, label: "upright"),
    ])
}

extension SimulatedWearer {
    private static let sitUp = Motion.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 2)

    /// Upright, a forward lean from the hips for calibration, upright, an upper-back slump, upright.
    private static let leanThenSlump: [Segment] = [
        .init(sitUp, for: 12, label: "upright"),
        .init(.sit(trunkDeg: 25, headDeg: 0, transitionSeconds: 2), for: 10, label: "lean"),
        .init(sitUp, for: 10, label: "upright"),
        .init(.sit(trunkDeg: 21, headDeg: 2, transitionSeconds: 8), for: 40, label: "slump"),
        .init(sitUp, for: 20, label: "upright"),
    ]

    /// Short scripted sessions, one behaviour each, with their truth as labels: recorded as
    /// the scenario fixtures (`Tests/Fixtures/scenarios/`) and replayed by the scenario suite.
    public static let scenarios: [String: SimulatedWearer] = [
        "slump": SimulatedWearer([
            .init(sitUp, for: 20, label: "upright"),
            .init(.sit(trunkDeg: 21, headDeg: 2, transitionSeconds: 8), for: 40, label: "slump"),
            .init(sitUp, for: 20, label: "upright"),
        ]),
        "forward-head": SimulatedWearer([
            .init(sitUp, for: 20, label: "upright"),
            .init(.sit(trunkDeg: 2, headDeg: 28, transitionSeconds: 6), for: 35, label: "slump"),
            .init(sitUp, for: 20, label: "upright"),
        ]),
        "collapsed-trunk": SimulatedWearer([
            .init(sitUp, for: 20, label: "upright"),
            .init(.sit(trunkDeg: 33, headDeg: 5, transitionSeconds: 10), for: 40, label: "slump"),
            .init(sitUp, for: 15, label: "upright"),
        ]),
        "walking": SimulatedWearer([
            .init(sitUp, for: 20, label: "upright"),
            .init(.walk(cadenceHz: 1.8), for: 60, label: "walking"),
            .init(sitUp, for: 15, label: "upright"),
        ]),
        "bending": SimulatedWearer([
            .init(sitUp, for: 20, label: "upright"),
            .init(.bend(depthDeg: 75), for: 4, label: "bending"),
            .init(sitUp, for: 10, label: "upright"),
            .init(.bend(depthDeg: 40), for: 8, label: "bending"),
            .init(sitUp, for: 10, label: "upright"),
            .init(.bend(depthDeg: 60), for: 12, label: "bending"),
            .init(sitUp, for: 15, label: "upright"),
        ]),
        "lying": SimulatedWearer([
            .init(sitUp, for: 20, label: "upright"),
            .init(.lie, for: 60, label: "lying"),
            .init(sitUp, for: 15, label: "upright"),
        ]),
        "not-worn": SimulatedWearer([
            .init(sitUp, for: 20, label: "upright"),
            .init(.offBody(tiltDeg: 35, sideDeg: 0), for: 150, label: "not-worn"),
            .init(sitUp, for: 30, label: "upright"),
        ]),
        "unplugged": SimulatedWearer([
            .init(sitUp, for: 20, label: "upright"),
            .init(.sit(trunkDeg: 24, headDeg: 2, transitionSeconds: 6), for: 10, label: "slump"),
            .init(.unplugged(.trunk), for: 30, label: "unplugged"),
            .init(sitUp, for: 20, label: "upright"),
        ]),
        // A stick-on sensor put on upside down, then one turned a quarter on the skin: calibrated with a
        // forward lean (held from 14 to 22 s), they coach as the usual mounting does.
        "upside-down": SimulatedWearer(leanThenSlump, trunk: SensorMounting(up: SIMD3(0, -1, 0), forward: SIMD3(0, 0, -1))),
        "sideways": SimulatedWearer(leanThenSlump, trunk: SensorMounting(up: SIMD3(1, 0, 0), forward: SIMD3(0, 0, -1))),
        "exercises": SimulatedWearer([
            .init(sitUp, for: 20, label: "upright"),
            .init(.exercise(.chinTuck), for: 25, label: "exercise"),
            .init(sitUp, for: 8, label: "upright"),
            .init(.exercise(.shoulderBladeSqueeze), for: 34, label: "exercise"),
            .init(sitUp, for: 8, label: "upright"),
            .init(.exercise(.ribLift), for: 32, label: "exercise"),
            .init(sitUp, for: 8, label: "upright"),
            .init(.exercise(.pelvicTilts), for: 32, label: "exercise"),
            .init(sitUp, for: 8, label: "upright"),
            .init(.exercise(.spinalFlexionExtension), for: 42, label: "exercise"),
            .init(sitUp, for: 10, label: "upright"),
        ]),
    ]

    /// The segment playing at `t`, with its start time.
    public func segment(at t: Double) -> (segment: Segment, startSeconds: Double) {
        var start = 0.0
        for segment in segments {
            if t < start + segment.durationSeconds { return (segment, start) }
            start += segment.durationSeconds
        }
        return (segments[segments.count - 1], start - segments[segments.count - 1].durationSeconds)
    }
}
