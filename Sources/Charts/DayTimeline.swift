// The day timeline's input: per-minute rows and the coach's markers, in seconds since local midnight.
import Coach

/// One day of history as the day chart draws it. Times are seconds since the day's local midnight
/// (0 to `dayLengthSeconds`); angles are degrees.
public struct DayTimeline: Equatable, Sendable {
    /// The day for people, in the title: `2026-11-30`.
    public var dateLabel: String
    /// Upright percent of worn time over the day, in the title; `nil` when nothing was worn.
    public var uprightPercent: Double?
    /// Usually 86 400 s; 82 800 or 90 000 on the days the clocks change.
    public var dayLengthSeconds: Double
    public var minutes: [TimelineMinute]
    public var markers: [TimelineMarker]
    public var limits: AngleLimits
    public var window: TimeWindow

    public init(dateLabel: String, uprightPercent: Double?, dayLengthSeconds: Double = 86_400, minutes: [TimelineMinute],
                markers: [TimelineMarker] = [], limits: AngleLimits, window: TimeWindow = .fitted) {
        self.dateLabel = dateLabel
        self.uprightPercent = uprightPercent
        self.dayLengthSeconds = dayLengthSeconds
        self.minutes = minutes
        self.markers = markers
        self.limits = limits
        self.window = window
    }
}

/// The slump limits drawn as dashed lines, in degrees (the coach's thresholds).
public struct AngleLimits: Equatable, Sendable {
    public var thoracicDeg: Double
    public var headForwardDeg: Double

    public init(thoracicDeg: Double, headForwardDeg: Double) {
        self.thoracicDeg = thoracicDeg
        self.headForwardDeg = headForwardDeg
    }
}

/// Which stretch of the day the time axis spans.
public enum TimeWindow: Equatable, Sendable {
    /// From the first to the last row or marker, widened to whole ticks (the whole day when empty).
    case fitted
    /// Midnight to midnight.
    case wholeDay
    /// From `fromSecond` to `toSecond` since midnight.
    case seconds(from: Double, to: Double)
}

/// One history interval (usually a minute): where its time went and its angles.
public struct TimelineMinute: Equatable, Sendable {
    /// Seconds since midnight of the interval's start.
    public var startSecond: Double
    /// How long it covers, in seconds (its time accounted for: worn, gaps and not worn).
    public var lengthSeconds: Double
    public var uprightSeconds: Double
    public var slumpedSecondsByKind: SlumpSeconds
    /// Not judged (walking, exercising, …) and uncalibrated, in seconds: worn, not shaded.
    public var otherWornSeconds: Double
    /// No data, in seconds.
    public var gapSeconds: Double
    public var notWornSeconds: Double
    public var thoracicMeanDeg: Double?
    public var thoracicMinDeg: Double?
    public var thoracicMaxDeg: Double?
    public var headForwardMeanDeg: Double?

    public init(startSecond: Double, lengthSeconds: Double, uprightSeconds: Double = 0, slumpedSecondsByKind: SlumpSeconds = .init(),
                otherWornSeconds: Double = 0, gapSeconds: Double = 0, notWornSeconds: Double = 0, thoracicMeanDeg: Double? = nil,
                thoracicMinDeg: Double? = nil, thoracicMaxDeg: Double? = nil, headForwardMeanDeg: Double? = nil) {
        self.startSecond = startSecond
        self.lengthSeconds = lengthSeconds
        self.uprightSeconds = uprightSeconds
        self.slumpedSecondsByKind = slumpedSecondsByKind
        self.otherWornSeconds = otherWornSeconds
        self.gapSeconds = gapSeconds
        self.notWornSeconds = notWornSeconds
        self.thoracicMeanDeg = thoracicMeanDeg
        self.thoracicMinDeg = thoracicMinDeg
        self.thoracicMaxDeg = thoracicMaxDeg
        self.headForwardMeanDeg = headForwardMeanDeg
    }

    var endSecond: Double { startSecond + lengthSeconds }
}

/// Something the coach did, on the chart's marker row.
public struct TimelineMarker: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The first alert of a slump.
        case alert
        /// The wearer corrected a slump.
        case correction
        /// An exercise was done.
        case exercise
    }

    /// Seconds since midnight.
    public var atSecond: Double
    public var kind: Kind

    public init(atSecond: Double, kind: Kind) {
        self.atSecond = atSecond
        self.kind = kind
    }
}
