// Follows an exercise in the angle stream and says when it has been done.

/// How far an exercise has got.
public struct ExerciseProgress: Equatable, Sendable {
    public var exercise: ExerciseID
    public var repetitionsDone: Int
    public var repetitionsNeeded: Int
    /// The watched angle has been unavailable for every sample so far (a chin tuck without a
    /// head sensor): the exercise cannot be verified.
    public var unverifiable: Bool

    public var isDone: Bool { repetitionsDone >= repetitionsNeeded }
}

/// Counts the repetitions of one exercise's `RepetitionRule` from posture samples.
///
/// Pure and allocation-free: a few stored numbers. Time comes from the caller.
public struct ExerciseVerifier: Sendable {
    public let exercise: ExerciseID
    public let rule: RepetitionRule
    private var inSecondHalf = false
    private var zoneEnteredSeconds: Double? = nil
    private var repetitions = 0
    private var sawSignal = false

    public init(exercise: ExerciseID) {
        self.exercise = exercise
        rule = exercise.rule
    }

    public var progress: ExerciseProgress {
        ExerciseProgress(
            exercise: exercise, repetitionsDone: repetitions, repetitionsNeeded: rule.repetitions,
            unverifiable: !sawSignal)
    }

    /// Feeds one sample at source time `timeSeconds` with the thoracic and head-forward angles
    /// (degrees, relative to the calibrated upright; head `nil` without a head sensor).
    @discardableResult
    public mutating func update(timeSeconds: Double, thoracicDeg: Double, headForwardDeg: Double?) -> ExerciseProgress {
        let value: Double?
        switch rule.signal {
        case .thoracic: value = thoracicDeg
        case .headForward: value = headForwardDeg
        }
        guard repetitions < rule.repetitions, let deg = value, deg.isFinite, timeSeconds.isFinite else {
            return progress
        }
        sawSignal = true
        let zone = inSecondHalf ? rule.second : rule.first
        if zone.contains(deg) {
            let entered = zoneEnteredSeconds ?? timeSeconds
            zoneEnteredSeconds = entered
            if timeSeconds - entered >= zone.holdSeconds {
                zoneEnteredSeconds = nil
                if inSecondHalf { repetitions += 1 }
                inSecondHalf.toggle()
            }
        } else {
            zoneEnteredSeconds = nil
        }
        return progress
    }

    /// Forgets a zone being held (after a gap in the data: the hold was not seen).
    public mutating func interrupt() {
        zoneEnteredSeconds = nil
    }
}
