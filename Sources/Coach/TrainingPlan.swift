// The daily training plan: coaching for a growing part of each day, tracking the rest.

/// A daily training target that grows as it is met, as the best posture devices do: coaching
/// (training mode) until the day's target of worn training time is reached, tracking (records,
/// never buzzes) for the rest of the day. It starts at `startMinutes`, grows by `stepMinutes`
/// after each day whose target was met, and stops at `capMinutes`. A day not met, or not worn,
/// keeps the target where it was. Pure: the days' figures come from the caller's history.
public struct TrainingPlan: Equatable, Sendable {
    public var startMinutes: Double
    public var stepMinutes: Double
    public var capMinutes: Double

    public init(startMinutes: Double = 10, stepMinutes: Double = 5, capMinutes: Double = 60) {
        self.startMinutes = startMinutes
        self.stepMinutes = stepMinutes
        self.capMinutes = capMinutes
    }

    public static let `default` = TrainingPlan()

    /// Why this plan cannot work, or `nil` (the caller names the configuration key).
    public var problem: (key: String, detail: String)? {
        if !(startMinutes.isFinite && startMinutes > 0) { return ("startMinutes", "must be a positive number of minutes") }
        if !(stepMinutes.isFinite && stepMinutes >= 0) { return ("stepMinutes", "must be 0 (a fixed target) or more minutes") }
        if !(capMinutes.isFinite && capMinutes >= startMinutes) { return ("capMinutes", "must be at least the starting target") }
        return nil
    }

    /// The target of the day after one with `target` seconds set and `trained` seconds done.
    public func next(afterTarget target: Double, trained: Double) -> Double {
        trained >= target ? min(target + stepMinutes * 60, capMinutes * 60) : target
    }

    /// Each day's target in seconds, for days with `trainedSeconds` of training each, oldest
    /// first: the first day's is the starting target.
    public func targets(trainedSeconds days: [Double]) -> [Double] {
        var targets: [Double] = []
        targets.reserveCapacity(days.count)
        var target = startMinutes * 60
        for trained in days {
            targets.append(target)
            target = next(afterTarget: target, trained: trained)
        }
        return targets
    }
}

/// Where today stands in a training plan: the target, the training done before this session,
/// and the coach's training tally when the day (or the session) began. Pure; the caller says
/// when a new day begins.
public struct TrainingDay: Equatable, Sendable {
    public let plan: TrainingPlan
    /// Today's target, in seconds of worn time in training mode.
    public private(set) var targetSeconds: Double
    /// Training done today before the tally mark (earlier sessions, from the history), in seconds.
    public private(set) var doneBeforeSeconds: Double
    /// `CoachTallies.trainingSeconds` when today's count began in this session.
    public private(set) var tallyMarkSeconds: Double

    public init(plan: TrainingPlan, targetSeconds: Double, doneBeforeSeconds: Double, tallyMarkSeconds: Double = 0) {
        self.plan = plan
        self.targetSeconds = targetSeconds
        self.doneBeforeSeconds = doneBeforeSeconds
        self.tallyMarkSeconds = tallyMarkSeconds
    }

    /// Training done today, given the coach's tally now.
    public func doneSeconds(tally: Double) -> Double { doneBeforeSeconds + tally - tallyMarkSeconds }

    /// Whether today's target is met, given the coach's tally now.
    public func isMet(tally: Double) -> Bool { doneSeconds(tally: tally) >= targetSeconds }

    /// Local midnight passed: tomorrow's target from today's result, and a fresh count.
    public mutating func startNextDay(tally: Double) {
        targetSeconds = plan.next(afterTarget: targetSeconds, trained: doneSeconds(tally: tally))
        doneBeforeSeconds = 0
        tallyMarkSeconds = tally
    }
}
