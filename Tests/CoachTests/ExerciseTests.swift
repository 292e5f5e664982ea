import Coach
import Foundation
import Testing

/// Seeded Gaussian noise (Box–Muller over a linear congruential generator).
struct Noise {
    var state: UInt64
    mutating func unit() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    mutating func gaussian(sd: Double) -> Double {
        sd * (-2 * log(unit())).squareRoot() * cos(2 * Double.pi * unit())
    }
}

/// 0 → 1 over half a second, held, back to 0: one repetition every `period` seconds.
func pulse(_ t: Double, period: Double, hold: Double) -> Double {
    let x = t.truncatingRemainder(dividingBy: period)
    if x < 0.5 { return x / 0.5 }
    if x < 0.5 + hold { return 1 }
    if x < 1 + hold { return 1 - (x - 0.5 - hold) / 0.5 }
    return 0
}

/// Each exercise performed as its steps say, as (thoracic, head-forward) angles over time: our own
/// synthetic versions, at the pace the instructions ask for.
func performed(_ exercise: ExerciseID, _ t: Double) -> (thoracic: Double, head: Double?) {
    switch exercise {
    case .chinTuck: (0, -10 * pulse(t, period: 3, hold: 1))
    case .shoulderBladeSqueeze: (-7 * pulse(t, period: 8, hold: 4), 0)
    case .ribLift: (-5 * pulse(t, period: 12, hold: 8), 0)
    case .pelvicTilts: (7 * sin(2 * Double.pi * t / 4), 0)
    case .spinalFlexionExtension:
        // Down to 55° and up over 7 s, then 12° of extension over 5 s.
        {
            let x = t.truncatingRemainder(dividingBy: 12)
            return (x < 7 ? 55 * sin(Double.pi * x / 7) : -12 * sin(Double.pi * (x - 7) / 5), 0)
        }()
    }
}

/// Runs the verifier over `seconds` at 50 Hz; returns the progress and the time it finished, if it did.
func verify(
    _ exercise: ExerciseID, seconds: Double, noiseSD: Double = 0.3, seed: UInt64 = 7,
    _ angles: (Double) -> (thoracic: Double, head: Double?)
) -> (ExerciseProgress, Double?) {
    var verifier = ExerciseVerifier(exercise: exercise)
    var noise = Noise(state: seed)
    var doneAt: Double? = nil
    var progress = verifier.progress
    for i in 0..<Int(seconds * 50) {
        let t = Double(i) / 50
        let (thoracic, head) = angles(t)
        progress = verifier.update(
            timeSeconds: t, thoracicDeg: thoracic + noise.gaussian(sd: noiseSD),
            headForwardDeg: head.map { $0 + noise.gaussian(sd: noiseSD) })
        if progress.isDone && doneAt == nil { doneAt = t }
    }
    return (progress, doneAt)
}

@Suite("Exercise catalog and verification")
struct ExerciseTests {
    @Test("the catalog has the five exercises, each with steps, a duration, the kind it answers and its motion")
    func catalog() {
        #expect(ExerciseCatalog.all.map(\.id) == ExerciseID.allCases)
        for exercise in ExerciseCatalog.all {
            #expect(exercise.steps.count >= 3, "\(exercise.id)")
            #expect(exercise.durationSeconds >= 15, "\(exercise.id)")
            #expect(!exercise.motion.isEmpty && !exercise.title.isEmpty)
            #expect(exercise.rule == exercise.id.rule)
            #expect(exercise.id.exercise.id == exercise.id)
        }
        #expect(ExerciseCatalog.chinTuck.answers == .forwardHead)
        #expect(ExerciseCatalog.shoulderBladeSqueeze.answers == .upperBackRounding)
        #expect(ExerciseCatalog.ribLift.answers == .collapsedTrunk)
        #expect(ExerciseCatalog.pelvicTilts.answers == .longStillSitting)
        #expect(ExerciseCatalog.spinalFlexionExtension.answers == .longStillSitting)
    }

    @Test("the exercise is chosen by slump kind; long sitting alternates the two breaks")
    func chosenByKind() {
        #expect(ExerciseID.answering(.forwardHead) == .chinTuck)
        #expect(ExerciseID.answering(.upperBackRounding) == .shoulderBladeSqueeze)
        #expect(ExerciseID.answering(.collapsedTrunk) == .ribLift)
        #expect(ExerciseID.answering(.leaningBack) == .ribLift)
        #expect(ExerciseID.answering(.longStillSitting, breakNumber: 0) == .pelvicTilts)
        #expect(ExerciseID.answering(.longStillSitting, breakNumber: 1) == .spinalFlexionExtension)
        #expect(ExerciseID.answering(.longStillSitting, breakNumber: 2) == .pelvicTilts)
    }

    @Test("each exercise performed as described is recognised within its duration", arguments: ExerciseID.allCases)
    func performedPasses(exercise: ExerciseID) throws {
        let (progress, doneAt) = verify(exercise, seconds: 120) { performed(exercise, $0) }
        #expect(progress.isDone)
        #expect(progress.repetitionsDone == exercise.rule.repetitions)
        let at = try #require(doneAt)
        #expect(at <= exercise.exercise.durationSeconds, "done after \(at) s")
    }

    @Test("stillness never passes: upright with sway and noise, or any single held pose", arguments: ExerciseID.allCases)
    func stillnessFails(exercise: ExerciseID) {
        // Upright, with 1.8° of sample noise (the worst seen in real held postures) and a slow
        // ±2.5° wander, for two minutes.
        let (swaying, _) = verify(exercise, seconds: 120, noiseSD: 1.8) { t in
            let wander = 2.5 * sin(2 * Double.pi * 0.11 * t)
            return (wander, wander)
        }
        #expect(!swaying.isDone)
        #expect(swaying.repetitionsDone == 0)
        // Any pose held still: at most half a repetition, never done.
        for pose in [-20.0, -8, -4, 0, 5, 20, 50] {
            let (held, _) = verify(exercise, seconds: 120, noiseSD: 0.5) { _ in (pose, pose) }
            #expect(held.repetitionsDone == 0, "held at \(pose)°")
        }
    }

    @Test("stopping one repetition short is not done")
    func oneShort() {
        for exercise in ExerciseID.allCases {
            let needed = exercise.rule.repetitions
            // Perform, then hold still upright before the last repetition completes.
            var lastRep: Double = 0
            let (full, _) = verify(exercise, seconds: 120) { performed(exercise, $0) }
            #expect(full.isDone)
            var verifier = ExerciseVerifier(exercise: exercise)
            for i in 0..<(120 * 50) {
                let t = Double(i) / 50
                let (th, hd) = performed(exercise, t)
                let p = verifier.update(timeSeconds: t, thoracicDeg: th, headForwardDeg: hd)
                if p.repetitionsDone == needed - 1 {
                    lastRep = t
                    break
                }
            }
            var tail = verifier
            for i in 0..<(60 * 50) {
                _ = tail.update(timeSeconds: lastRep + 0.02 * Double(i + 1), thoracicDeg: 0, headForwardDeg: 0)
            }
            #expect(tail.progress.repetitionsDone == needed - 1, "\(exercise)")
            #expect(!tail.progress.isDone)
        }
    }

    @Test("a chin tuck cannot be verified without a head sensor")
    func chinTuckNeedsHead() {
        let (progress, _) = verify(.chinTuck, seconds: 60) { t in (performed(.chinTuck, t).thoracic, nil) }
        #expect(progress.unverifiable)
        #expect(!progress.isDone)
        let (trunkOnly, _) = verify(.pelvicTilts, seconds: 60) { t in (performed(.pelvicTilts, t).thoracic, nil) }
        #expect(trunkOnly.isDone && !trunkOnly.unverifiable)
    }
}
