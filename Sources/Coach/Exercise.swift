// The five corrective exercises: identity, instructions, and the motion that proves them.

/// Identifies an exercise of the catalog. Events carry this small value, not the text.
public enum ExerciseID: String, Sendable, CaseIterable {
    /// Head over neck and shoulders (chin tuck).
    case chinTuck = "chin-tuck"
    /// Shoulder-blade squeeze for the upper back.
    case shoulderBladeSqueeze = "shoulder-blade-squeeze"
    /// Lifting the ribs off the pelvis.
    case ribLift = "rib-lift"
    /// Pelvic tilts to find the low back curve.
    case pelvicTilts = "pelvic-tilts"
    /// Whole-body spinal flexion and extension.
    case spinalFlexionExtension = "spinal-flexion-extension"
}

/// Which angle a repetition rule watches.
public enum ExerciseSignal: String, Sendable {
    case thoracic
    case headForward = "head-forward"
}

/// A region of angles for a repetition rule, held for a time.
public struct ExerciseZone: Equatable, Sendable {
    public enum Bound: Equatable, Sendable {
        /// The angle is at least this, in degrees.
        case atLeast(Double)
        /// The angle is at most this, in degrees.
        case atMost(Double)
    }

    public var bound: Bound
    /// How long the angle must stay in the zone, in seconds (0: touching it is enough).
    public var holdSeconds: Double

    public init(_ bound: Bound, holdSeconds: Double = 0) {
        self.bound = bound
        self.holdSeconds = holdSeconds
    }

    public func contains(_ deg: Double) -> Bool {
        switch bound {
        case .atLeast(let limit): deg >= limit
        case .atMost(let limit): deg <= limit
        }
    }
}

/// The motion that shows an exercise was done: `repetitions` times, the watched angle (relative
/// to the calibrated upright) enters `first` and stays there its hold time, then enters `second`
/// and stays there its hold time. Holding any one pose completes at most one half of one
/// repetition, so stillness never passes.
public struct RepetitionRule: Equatable, Sendable {
    public var signal: ExerciseSignal
    public var first: ExerciseZone
    public var second: ExerciseZone
    public var repetitions: Int

    public init(signal: ExerciseSignal, first: ExerciseZone, second: ExerciseZone, repetitions: Int) {
        precondition(repetitions > 0, "an exercise has at least one repetition")
        self.signal = signal
        self.first = first
        self.second = second
        self.repetitions = repetitions
    }
}

/// One exercise of the catalog, in this project's own words.
public struct Exercise: Sendable {
    public let id: ExerciseID
    public let title: String
    /// The slump kind it answers.
    public let answers: SlumpKind
    /// What to do, step by step.
    public let steps: [String]
    /// How long it takes when done as described, in seconds.
    public let durationSeconds: Double
    /// The motion the verifier looks for, in words.
    public let motion: String
    /// The motion the verifier looks for, as a rule.
    public let rule: RepetitionRule
}
