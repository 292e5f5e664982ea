import ArgumentParser
import Coach

struct Exercises: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the corrective exercises, or explain one.",
        discussion: """
        Each exercise answers one kind of slump; the coach suggests it with the alert, and confirms \
        it when the sensors see the movement done (a few seconds of stillness is not enough). These \
        are posture practice, not treatment: stop if anything hurts.
        """
    )

    @Argument(help: ArgumentHelp("An exercise to explain: \(ExerciseID.allCases.map(\.rawValue).joined(separator: ", ")).",
                                 valueName: "EXERCISE"))
    var exercise: String?

    func validate() throws {
        if let exercise, ExerciseID(rawValue: exercise) == nil {
            throw ValidationError("No exercise called '\(exercise)'. Choose one of: \(ExerciseID.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() {
        if let name = exercise, let id = ExerciseID(rawValue: name) {
            explain(id.exercise)
            return
        }
        for item in ExerciseCatalog.all {
            print("\(item.id.rawValue.padding(toLength: 26, withPad: " ", startingAt: 0)) \(item.title)")
            print("\("".padding(toLength: 26, withPad: " ", startingAt: 0)) answers: \(Self.describe(item.answers)), about \(Int(item.durationSeconds)) s")
        }
        print("\n`plumbline exercises NAME` explains one.")
    }

    private func explain(_ item: Exercise) {
        print(item.title)
        print("Answers \(Self.describe(item.answers)); about \(Int(item.durationSeconds)) seconds.\n")
        for (index, step) in item.steps.enumerated() { print("  \(index + 1). \(step)") }
        print("\nHow Plumbline knows you did it: \(item.motion)")
    }

    static func describe(_ kind: SlumpKind) -> String {
        switch kind {
        case .forwardHead: "a forward head"
        case .upperBackRounding: "upper-back rounding"
        case .collapsedTrunk: "a collapsed trunk"
        case .leaningBack: "leaning back"
        case .longStillSitting: "long still sitting (a movement break)"
        }
    }
}
