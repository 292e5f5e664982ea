import Coach
import Foundation

extension SlumpKind {
    /// Words for people: "upper-back rounding".
    public var words: String {
        switch self {
        case .forwardHead: "forward head"
        case .upperBackRounding: "upper-back rounding"
        case .collapsedTrunk: "collapsed trunk"
        case .leaningBack: "leaning back"
        case .longStillSitting: "long still sitting"
        }
    }
}

extension CoachEvent {
    /// An angle in degrees with one decimal, or `n/a`.
    static func degrees(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: "%.1f°", value)
    }

    /// One sentence for a person, without the time: what happened and what to do.
    public var message: String {
        let exerciseTitle = exercise.map { $0.exercise.title } ?? ""
        let angles = "thoracic \(Self.degrees(thoracicDeg)), head forward \(Self.degrees(headForwardDeg))"
        switch kind {
        case .slumpAlert:
            return "Slump: \(slump?.words ?? "posture") (\(angles)). Try: \(exerciseTitle)."
        case .repeatAlert:
            return "Still slumped: \(slump?.words ?? "posture") (\(angles)). Try: \(exerciseTitle)."
        case .corrected:
            return "Corrected: back upright (\(angles))."
        case .breakReminder:
            return "Time for a movement break after long still sitting. Try: \(exerciseTitle)."
        case .exerciseStarted:
            return "Exercise started: \(exerciseTitle) (\(repetitionsNeeded ?? 0) repetitions)."
        case .exerciseDone:
            return "Exercise done: \(exerciseTitle), \(repetitionsDone ?? 0) repetitions. Well done."
        case .exerciseIncomplete:
            return "Exercise not finished: \(exerciseTitle), \(repetitionsDone ?? 0) of \(repetitionsNeeded ?? 0) repetitions."
        case .stateChanged:
            return "State: \(previousState?.name ?? "?") → \(state.name)."
        }
    }
}
