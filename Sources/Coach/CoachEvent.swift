// What the coach tells its sinks.

/// One thing the coach has to say, with the angles of the moment. A plain value (no references),
/// so making one allocates nothing.
public struct CoachEvent: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A slump has lasted the alert delay. Carries the slump kind and the exercise that answers it.
        case slumpAlert = "slump"
        /// The slump goes on after the cooldown.
        case repeatAlert = "repeat"
        /// The wearer sat up after an alert.
        case corrected
        /// Sitting still for a long time: time for a movement break (exercise suggested).
        case breakReminder = "break"
        /// The caller started an exercise.
        case exerciseStarted = "exercise-started"
        /// The exercise's motion was seen the required number of times.
        case exerciseDone = "exercise-done"
        /// The exercise was stopped, or timed out, before it was done.
        case exerciseIncomplete = "exercise-incomplete"
        /// The detector's state changed (see `previousState` and `state`).
        case stateChanged = "state"

        /// Kinds that prompt the wearer (the haptic and terminal sinks act on these).
        public var isAlert: Bool {
            switch self {
            case .slumpAlert, .repeatAlert, .breakReminder: true
            default: false
            }
        }
    }

    public var kind: Kind
    /// Source time, in seconds.
    public var timeSeconds: Double
    /// The state after the event.
    public var state: CoachState
    /// For `stateChanged`: the state before.
    public var previousState: CoachState?
    public var slump: SlumpKind?
    /// The suggested (alerts) or concerned (exercise events) exercise.
    public var exercise: ExerciseID?
    /// For exercise events: repetitions seen and needed.
    public var repetitionsDone: Int?
    public var repetitionsNeeded: Int?
    /// Angles of the sample that caused the event, in degrees; `nil` when unavailable.
    public var thoracicDeg: Double?
    public var headForwardDeg: Double?
    /// Tracking mode: record, do not prompt.
    public var silent: Bool

    public init(
        kind: Kind, timeSeconds: Double, state: CoachState, previousState: CoachState? = nil,
        slump: SlumpKind? = nil, exercise: ExerciseID? = nil, repetitionsDone: Int? = nil,
        repetitionsNeeded: Int? = nil, thoracicDeg: Double? = nil, headForwardDeg: Double? = nil, silent: Bool = false
    ) {
        self.kind = kind
        self.timeSeconds = timeSeconds
        self.state = state
        self.previousState = previousState
        self.slump = slump
        self.exercise = exercise
        self.repetitionsDone = repetitionsDone
        self.repetitionsNeeded = repetitionsNeeded
        self.thoracicDeg = thoracicDeg
        self.headForwardDeg = headForwardDeg
        self.silent = silent
    }
}

/// The events of one call, in order: at most `capacity`, stored inline (no allocation).
public struct CoachEvents: RandomAccessCollection, Sendable {
    public static let capacity = 4
    private var e0: CoachEvent?
    private var e1: CoachEvent?
    private var e2: CoachEvent?
    private var e3: CoachEvent?
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> CoachEvent {
        precondition(position >= 0 && position < count, "event index out of range")
        switch position {
        case 0: return e0!
        case 1: return e1!
        case 2: return e2!
        default: return e3!
        }
    }

    // Not inlined: keeps the buffer in memory instead of spilling four events' worth of zeroed
    // registers on every update (616 → 527 instructions per sample before the brisk-correction
    // change, scripts/bench-coach-cost).
    @inline(never)
    mutating func append(_ event: CoachEvent) {
        precondition(count < Self.capacity, "more coach events in one update than CoachEvents.capacity")
        switch count {
        case 0: e0 = event
        case 1: e1 = event
        case 2: e2 = event
        default: e3 = event
        }
        count += 1
    }

    /// Forgets the events, keeping the storage (nothing is copied or cleared).
    public mutating func removeAll() {
        count = 0
    }

    /// The events of `kind`, first one.
    public func first(_ kind: CoachEvent.Kind) -> CoachEvent? {
        first { $0.kind == kind }
    }
}
