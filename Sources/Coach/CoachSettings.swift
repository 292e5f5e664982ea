// Settings of the coach, in user units, with defaults grounded in ISO 11226 (see README.md).

/// How long a slump must last before the first alert.
public struct AlertDelay: Equatable, Sendable {
    /// In seconds, at least 0.
    public var seconds: Double

    public init(seconds: Double) {
        precondition(seconds >= 0 && seconds.isFinite, "an alert delay is a finite, non-negative number of seconds")
        self.seconds = seconds
    }

    public static let seconds5 = AlertDelay(seconds: 5)
    public static let seconds15 = AlertDelay(seconds: 15)
    public static let seconds30 = AlertDelay(seconds: 30)
    public static let seconds60 = AlertDelay(seconds: 60)
    /// The presets a user picks from (any other value works too).
    public static let presets: [AlertDelay] = [seconds5, seconds15, seconds30, seconds60]
}

/// A daily interval without alerts, in seconds since local midnight. It may cross midnight
/// (start 22:00, end 07:00). Start is inside, end is outside; start == end means never.
public struct QuietHours: Equatable, Sendable {
    public var startSecondsOfDay: Double
    public var endSecondsOfDay: Double

    public static let secondsPerDay = 86_400.0

    public init(startSecondsOfDay: Double, endSecondsOfDay: Double) {
        precondition(
            (0..<Self.secondsPerDay).contains(startSecondsOfDay) && (0..<Self.secondsPerDay).contains(endSecondsOfDay),
            "quiet hours are given in seconds since midnight, 0..<86400")
        self.startSecondsOfDay = startSecondsOfDay
        self.endSecondsOfDay = endSecondsOfDay
    }

    /// From hours and minutes of the local day.
    public init(from start: (hour: Int, minute: Int), to end: (hour: Int, minute: Int)) {
        self.init(
            startSecondsOfDay: Double(start.hour * 3600 + start.minute * 60),
            endSecondsOfDay: Double(end.hour * 3600 + end.minute * 60))
    }

    /// Whether `secondsOfDay` (any finite value; taken modulo one day) is inside.
    public func contains(_ secondsOfDay: Double) -> Bool {
        guard secondsOfDay.isFinite else { return false }
        var t = secondsOfDay.truncatingRemainder(dividingBy: Self.secondsPerDay)
        if t < 0 { t += Self.secondsPerDay }
        if startSecondsOfDay <= endSecondsOfDay {
            return t >= startSecondsOfDay && t < endSecondsOfDay
        }
        return t >= startSecondsOfDay || t < endSecondsOfDay
    }
}

/// Training alerts the wearer; tracking only records (events are still emitted, flagged silent).
public enum CoachMode: String, Sendable, CaseIterable {
    case training
    case tracking
}

/// Thresholds, timings and mode. Angles are relative to the calibrated upright pose, in degrees.
public struct CoachSettings: Equatable, Sendable {
    /// A thoracic angle (forward) above this is a slump, in degrees. Default 15.
    public var thoracicThresholdDeg: Double
    /// A head-forward angle above this is a slump, in degrees. Default 20.
    public var headForwardThresholdDeg: Double
    /// A thoracic angle below minus this is leaning back, in degrees. Default 20.
    public var leanBackLimitDeg: Double
    /// A slump ends only when its angle falls this far below its threshold, in degrees. Default 5.
    public var hysteresisDeg: Double
    /// A thoracic angle at or above this is read as a collapsed trunk rather than upper-back
    /// rounding, in degrees. Default 25.
    public var collapsedTrunkDeg: Double
    /// A thoracic angle above this is a deliberate bend (picking something up): no slump timer
    /// runs and alerts are held back, in degrees. Default 45.
    public var deepBendDeg: Double
    /// How long a slump lasts before the first alert. Default 15 s.
    public var alertDelay: AlertDelay
    /// Time between repeated alerts while the slump lasts, in seconds. Default 60.
    public var repeatCooldownSeconds: Double
    /// Sitting still this long (in seconds) brings a movement-break reminder. Default 45 min.
    /// 0 disables the reminder.
    public var longSittingSeconds: Double
    /// Walking this long without a break (in seconds) counts as a movement break. Default 20.
    public var breakWalkSeconds: Double
    /// A step between samples longer than this is a gap, in seconds. Default 1.
    public var maxSampleGapSeconds: Double
    /// An exercise not done within this multiple of its duration is given up. Default 2.
    public var exerciseTimeoutFactor: Double
    /// Daily quiet hours, or `nil` for none.
    public var quietHours: QuietHours?
    public var mode: CoachMode

    public init(
        thoracicThresholdDeg: Double = 15, headForwardThresholdDeg: Double = 20, leanBackLimitDeg: Double = 20,
        hysteresisDeg: Double = 5, collapsedTrunkDeg: Double = 25, deepBendDeg: Double = 45,
        alertDelay: AlertDelay = .seconds15, repeatCooldownSeconds: Double = 60, longSittingSeconds: Double = 2700,
        breakWalkSeconds: Double = 20, maxSampleGapSeconds: Double = 1, exerciseTimeoutFactor: Double = 2,
        quietHours: QuietHours? = nil, mode: CoachMode = .training
    ) {
        self.thoracicThresholdDeg = thoracicThresholdDeg
        self.headForwardThresholdDeg = headForwardThresholdDeg
        self.leanBackLimitDeg = leanBackLimitDeg
        self.hysteresisDeg = hysteresisDeg
        self.collapsedTrunkDeg = collapsedTrunkDeg
        self.deepBendDeg = deepBendDeg
        self.alertDelay = alertDelay
        self.repeatCooldownSeconds = repeatCooldownSeconds
        self.longSittingSeconds = longSittingSeconds
        self.breakWalkSeconds = breakWalkSeconds
        self.maxSampleGapSeconds = maxSampleGapSeconds
        self.exerciseTimeoutFactor = exerciseTimeoutFactor
        self.quietHours = quietHours
        self.mode = mode
    }

    public static let `default` = CoachSettings()

    /// Why these settings cannot work, or `nil` when they can (for the configuration file's
    /// validation: the caller names the key).
    public var problem: (key: String, detail: String)? {
        func positive(_ v: Double) -> Bool { v.isFinite && v > 0 }
        func nonNegative(_ v: Double) -> Bool { v.isFinite && v >= 0 }
        if !positive(thoracicThresholdDeg) { return ("thoracicThresholdDeg", "must be a positive angle in degrees") }
        if !positive(headForwardThresholdDeg) { return ("headForwardThresholdDeg", "must be a positive angle in degrees") }
        if !positive(leanBackLimitDeg) { return ("leanBackLimitDeg", "must be a positive angle in degrees") }
        if !nonNegative(hysteresisDeg) || hysteresisDeg >= min(thoracicThresholdDeg, headForwardThresholdDeg, leanBackLimitDeg) {
            return ("hysteresisDeg", "must be at least 0 and smaller than every threshold")
        }
        if !(collapsedTrunkDeg.isFinite && collapsedTrunkDeg >= thoracicThresholdDeg) {
            return ("collapsedTrunkDeg", "must be at least thoracicThresholdDeg")
        }
        if !(deepBendDeg.isFinite && deepBendDeg > thoracicThresholdDeg) {
            return ("deepBendDeg", "must be larger than thoracicThresholdDeg")
        }
        if !positive(repeatCooldownSeconds) { return ("repeatCooldownSeconds", "must be a positive number of seconds") }
        if !nonNegative(longSittingSeconds) { return ("longSittingSeconds", "must be 0 (off) or a positive number of seconds") }
        if !nonNegative(breakWalkSeconds) { return ("breakWalkSeconds", "must be at least 0 seconds") }
        if !positive(maxSampleGapSeconds) { return ("maxSampleGapSeconds", "must be a positive number of seconds") }
        if !(exerciseTimeoutFactor.isFinite && exerciseTimeoutFactor >= 1) {
            return ("exerciseTimeoutFactor", "must be at least 1")
        }
        return nil
    }
}
