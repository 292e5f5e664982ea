extension SimulatedWearer {
    /// About six minutes at a desk, with the truth labelled: sitting upright, a gradual
    /// upper-back slump, a forward head, a walk, a bend to pick something up, a collapsed
    /// trunk, the exercise that answers it, and a sensor coming loose. `monitor --simulate`
    /// and `demo` play it; its labels are the truth the scenario tests check.
    public static let workingSession = SimulatedWearer([
        .init(.sit(trunk_deg: 0, head_deg: 0, transition_s: 1), for: 30, label: "upright"),
        .init(.sit(trunk_deg: 21, head_deg: 3, transition_s: 8), for: 35, label: "slump"),
        .init(.sit(trunk_deg: 0, head_deg: 0, transition_s: 3), for: 25, label: "upright"),
        .init(.sit(trunk_deg: 3, head_deg: 29, transition_s: 6), for: 35, label: "slump"),
        .init(.sit(trunk_deg: 0, head_deg: 0, transition_s: 3), for: 20, label: "upright"),
        .init(.walk(cadence_Hz: 1.8), for: 30, label: "walking"),
        .init(.sit(trunk_deg: 0, head_deg: 0, transition_s: 2), for: 15, label: "upright"),
        .init(.bend(depth_deg: 70), for: 4, label: "bending"),
        .init(.sit(trunk_deg: 0, head_deg: 0, transition_s: 1), for: 20, label: "upright"),
        .init(.sit(trunk_deg: 33, head_deg: 6, transition_s: 8), for: 40, label: "slump"),
        .init(.exercise(.ribLift), for: 50, label: "exercise"),
        .init(.sit(trunk_deg: 0, head_deg: 0, transition_s: 2), for: 20, label: "upright"),
        .init(.unplugged(.head), for: 20, label: "unplugged"),
        .init(.sit(trunk_deg: 0, head_deg: 0, transition_s: 1), for: 20, label: "upright"),
    ])
}
