// The week chart's input: one bar per day, upright percent of worn time, and an optional target.

/// Days side by side (a week, Monday to Sunday, or any stretch of days) as bars of upright percent.
public struct WeekBars: Equatable, Sendable {
    /// The title: `Week of 2026-11-30`.
    public var title: String
    public var days: [WeekDay]
    /// A target per day, in upright percent of worn time (the training plan's), by the index of the
    /// day; `nil` (or a `nil` entry) draws no target.
    public var targetPercents: [Double?]?

    public init(title: String, days: [WeekDay], targetPercents: [Double?]? = nil) {
        self.title = title
        self.days = days
        self.targetPercents = targetPercents
    }
}

/// One day's bar.
public struct WeekDay: Equatable, Sendable {
    /// Under the bar: `Mon`.
    public var label: String
    /// Under the label: `30 Nov` (optional).
    public var dateLabel: String?
    /// Upright percent of worn time; `nil` when nothing was worn (drawn as "no data").
    public var uprightPercent: Double?
    /// Worn time, in seconds, shown under the date.
    public var wornSeconds: Double
    /// The training plan's day: time trained against the day's target (`nil`: no plan).
    public var training: TrainingProgress?

    public init(label: String, dateLabel: String? = nil, uprightPercent: Double?, wornSeconds: Double = 0,
                training: TrainingProgress? = nil) {
        self.label = label
        self.dateLabel = dateLabel
        self.uprightPercent = uprightPercent
        self.wornSeconds = wornSeconds
        self.training = training
    }
}

/// A day of the training plan: minutes coached against the day's target.
public struct TrainingProgress: Equatable, Sendable {
    public var trainedSeconds: Double
    public var targetSeconds: Double

    public init(trainedSeconds: Double, targetSeconds: Double) {
        self.trainedSeconds = trainedSeconds
        self.targetSeconds = targetSeconds
    }

    public var isMet: Bool { trainedSeconds >= targetSeconds }

    /// `12/15` minutes, with ✓ when met.
    var label: String {
        func minutes(_ s: Double) -> Int { Int((min(max(s.isFinite ? s : 0, 0), 1e7) / 60).rounded(.down)) }
        return "\(minutes(trainedSeconds))/\(minutes(targetSeconds))" + (isMet ? "✓" : "")
    }
}
