import Coach
import IMUEmulators
import Testing

/// The scenario suite's simulated wearer (IMUEmulators) performs each exercise its own way; the
/// verifier must recognise those motions too, not only our synthetic ones.
@Suite("Exercises performed by the simulated wearer")
struct SimulatedWearerExerciseTests {
    static let pairs: [(SimulatedWearer.ExerciseMotion, ExerciseID)] = [
        (.chinTuck, .chinTuck), (.shoulderBladeSqueeze, .shoulderBladeSqueeze), (.ribLift, .ribLift),
        (.pelvicTilts, .pelvicTilts), (.spinalFlexionExtension, .spinalFlexionExtension),
    ]

    @Test("each exercise the wearer performs, starting from a slump, is recognised within its duration")
    func recognised() {
        for (motion, id) in Self.pairs {
            let wearer = SimulatedWearer([
                .init(.sit(trunkDeg: 22, headDeg: 25, transitionSeconds: 3), for: 10),
                .init(.exercise(motion), for: 120),
            ])
            var verifier = ExerciseVerifier(exercise: id)
            var doneAt: Double? = nil
            var t = 10.0
            while t < 130, doneAt == nil {
                let pose = wearer.pose(at: t)
                // Head-forward angle: head flexion relative to the trunk, as PostureAngles defines it.
                if verifier.update(timeSeconds: t, thoracicDeg: pose.trunkFlexionDeg, headForwardDeg: pose.headFlexionDeg).isDone {
                    doneAt = t - 10
                }
                t += 0.02
            }
            #expect(doneAt != nil, "\(id) not recognised")
            if let doneAt { #expect(doneAt <= id.exercise.durationSeconds, "\(id) done after \(doneAt) s") }
        }
    }

    @Test("the wearer sitting still, upright or slumped, never completes an exercise")
    func stillWearer() {
        for (_, id) in Self.pairs {
            for (trunk, head) in [(0.0, 0.0), (22, 25), (-6, -6)] {
                let wearer = SimulatedWearer([.init(.sit(trunkDeg: trunk, headDeg: head, transitionSeconds: 2), for: 200)])
                var verifier = ExerciseVerifier(exercise: id)
                var t = 0.0
                while t < 200 {
                    let pose = wearer.pose(at: t)
                    verifier.update(timeSeconds: t, thoracicDeg: pose.trunkFlexionDeg, headForwardDeg: pose.headFlexionDeg)
                    t += 0.02
                }
                #expect(verifier.progress.repetitionsDone == 0, "\(id) at trunk \(trunk)°, head \(head)°")
            }
        }
    }
}
