// The catalog: text for people, rules for the verifier.

extension ExerciseID {
    /// The verification rule (also in `Exercise.rule`; this lookup copies no strings, so the
    /// per-sample path stays free of reference counting).
    ///
    /// Amplitudes are chosen to sit clear of a still wearer's sway (0.3–1.8° standard deviation in
    /// real recordings, POSTURE.md) and below what the motion reaches when done as described.
    public var rule: RepetitionRule {
        switch self {
        case .chinTuck:
            // The head glides back: head-forward angle at least 5° behind upright for 0.8 s, then
            // back within 2° of upright. Five times.
            RepetitionRule(
                signal: .headForward, first: ExerciseZone(.atMost(-5), holdSeconds: 0.8),
                second: ExerciseZone(.atLeast(-2)), repetitions: 5)
        case .shoulderBladeSqueeze:
            // The upper back extends at least 3° behind upright for 3 s, then relaxes. Three times.
            RepetitionRule(
                signal: .thoracic, first: ExerciseZone(.atMost(-3), holdSeconds: 3),
                second: ExerciseZone(.atLeast(-1)), repetitions: 3)
        case .ribLift:
            // The trunk lengthens at least 3° past upright and holds 6 s, then lets go. Twice.
            RepetitionRule(
                signal: .thoracic, first: ExerciseZone(.atMost(-3), holdSeconds: 6),
                second: ExerciseZone(.atLeast(-1)), repetitions: 2)
        case .pelvicTilts:
            // The trunk rocks forward at least 4° and back at least 4° past upright, each for half a
            // second (a rock, not a flicker of noise). Six times.
            RepetitionRule(
                signal: .thoracic, first: ExerciseZone(.atLeast(4), holdSeconds: 0.5),
                second: ExerciseZone(.atMost(-4), holdSeconds: 0.5), repetitions: 6)
        case .spinalFlexionExtension:
            // A deep roll forward past 40°, then up into extension past 5° behind upright, each for
            // half a second. Three times.
            RepetitionRule(
                signal: .thoracic, first: ExerciseZone(.atLeast(40), holdSeconds: 0.5),
                second: ExerciseZone(.atMost(-5), holdSeconds: 0.5), repetitions: 3)
        }
    }

    /// How long the exercise takes when done as described, in seconds (also in
    /// `Exercise.durationSeconds`; this lookup copies no strings).
    public var durationSeconds: Double {
        switch self {
        case .chinTuck: 20
        case .shoulderBladeSqueeze, .ribLift, .pelvicTilts: 30
        case .spinalFlexionExtension: 45
        }
    }

    /// The exercise that answers a slump kind. Long still sitting alternates between the two
    /// movement breaks: `breakNumber` 0, 2, 4 … gives pelvic tilts, 1, 3 … the whole-body roll.
    public static func answering(_ kind: SlumpKind, breakNumber: Int = 0) -> ExerciseID {
        switch kind {
        case .forwardHead: .chinTuck
        case .upperBackRounding: .shoulderBladeSqueeze
        case .collapsedTrunk, .leaningBack: .ribLift
        case .longStillSitting: breakNumber % 2 == 0 ? .pelvicTilts : .spinalFlexionExtension
        }
    }

    /// The catalog entry.
    public var exercise: Exercise {
        switch self {
        case .chinTuck: ExerciseCatalog.chinTuck
        case .shoulderBladeSqueeze: ExerciseCatalog.shoulderBladeSqueeze
        case .ribLift: ExerciseCatalog.ribLift
        case .pelvicTilts: ExerciseCatalog.pelvicTilts
        case .spinalFlexionExtension: ExerciseCatalog.spinalFlexionExtension
        }
    }
}

/// The five exercises. Written for this project; they describe common physiotherapy movements in
/// plain words and promise posture practice, not a cure (POSTURE.md, "Evidence").
public enum ExerciseCatalog {
    public static let chinTuck = Exercise(
        id: .chinTuck, title: "Head over neck and shoulders (chin tuck)", answers: .forwardHead,
        steps: [
            "Sit tall with your eyes level, looking straight ahead.",
            "Slide your head straight back, as if a drawer were closing: the chin moves back, not down.",
            "Keep it there for a slow breath out; you may feel the back of your neck lengthen.",
            "Let the head glide forward to neutral again.",
            "Do it five times, gently, without pushing into pain.",
        ],
        durationSeconds: ExerciseID.chinTuck.durationSeconds,
        motion: "The head-forward angle goes at least 5° behind upright for most of a second and comes back, five times.",
        rule: ExerciseID.chinTuck.rule)

    public static let shoulderBladeSqueeze = Exercise(
        id: .shoulderBladeSqueeze, title: "Shoulder-blade squeeze for the upper back", answers: .upperBackRounding,
        steps: [
            "Sit away from the backrest, feet flat, arms relaxed by your sides.",
            "Draw the shoulder blades back and slightly down, towards each other, opening the chest.",
            "Hold for a count of four while breathing normally; do not shrug or arch the low back.",
            "Release slowly.",
            "Do it three times.",
        ],
        durationSeconds: ExerciseID.shoulderBladeSqueeze.durationSeconds,
        motion: "The upper back straightens at least 3° behind upright and holds 3 s, then relaxes, three times.",
        rule: ExerciseID.shoulderBladeSqueeze.rule)

    public static let ribLift = Exercise(
        id: .ribLift, title: "Lifting the ribs off the pelvis", answers: .collapsedTrunk,
        steps: [
            "Put your fingertips on the lowest ribs and feel the gap down to the hip bones.",
            "Breathe in and grow taller: lift the ribs away from the pelvis, as if a thread pulled the top of your head up.",
            "Keep the lift for a few easy breaths; the shoulders stay soft.",
            "Let go without sinking back down.",
            "Do it twice.",
        ],
        durationSeconds: ExerciseID.ribLift.durationSeconds,
        motion: "The trunk lengthens at least 3° past upright and holds 6 s, then lets go, twice.",
        rule: ExerciseID.ribLift.rule)

    public static let pelvicTilts = Exercise(
        id: .pelvicTilts, title: "Pelvic tilts to find the low back curve", answers: .longStillSitting,
        steps: [
            "Sit near the front of the chair with both feet on the floor.",
            "Roll the pelvis back so the low back rounds and the trunk drops slightly forward.",
            "Roll it the other way so the low back hollows and the chest rises.",
            "Rock slowly between the two, six times each way.",
            "Finish halfway between them: that is your low back's natural curve.",
        ],
        durationSeconds: ExerciseID.pelvicTilts.durationSeconds,
        motion: "The trunk rocks at least 4° forward and 4° back of upright, half a second each way, six times.",
        rule: ExerciseID.pelvicTilts.rule)

    public static let spinalFlexionExtension = Exercise(
        id: .spinalFlexionExtension, title: "Whole-body spinal flexion and extension", answers: .longStillSitting,
        steps: [
            "Stand up with the feet hip-width apart and the knees soft.",
            "Tuck the chin and roll down slowly, one vertebra at a time, letting the arms hang.",
            "Roll back up the same way until you stand tall.",
            "With hands on the hips, lean back a little and look up, opening the front of the body.",
            "Come back to standing; do the whole roll three times.",
        ],
        durationSeconds: ExerciseID.spinalFlexionExtension.durationSeconds,
        motion: "The trunk bends forward past 40°, then extends at least 5° behind upright, half a second each, three times.",
        rule: ExerciseID.spinalFlexionExtension.rule)

    /// All five, in the order of the slump kinds they answer.
    public static let all: [Exercise] = [chinTuck, shoulderBladeSqueeze, ribLift, pelvicTilts, spinalFlexionExtension]
}
