// Per-session sums for history.

/// Where the time of a session went, and what the coach said. Time is attributed per interval
/// between samples, to what the earlier sample showed; intervals without data are gaps.
public struct CoachTallies: Equatable, Sendable {
    /// Calibrated, data present, not suppressed, posture upright, in seconds.
    public var uprightSeconds = 0.0
    /// Slumped (slumping or alerted, or slumped while snoozed or in quiet hours), in seconds.
    public var slumpedSeconds = 0.0
    /// `slumpedSeconds` split by the kind of slump, in seconds.
    public var slumpedSecondsByKind = SlumpSeconds()
    /// Data present but alerts held back by activity, filter settling or an exercise, in seconds.
    public var suppressedSeconds = 0.0
    /// `suppressedSeconds` split by the reason (a missing sensor counts as a gap, not worn as
    /// `notWornSeconds`, and a snooze or quiet hours as upright or slumped, so those stay 0 here).
    public var suppressedSecondsByReason = SuppressedSeconds()
    /// Data present but no calibration, in seconds.
    public var uncalibratedSeconds = 0.0
    /// No data (a missing sensor, a reported gap, or a step longer than the gap limit), in seconds.
    public var gapSeconds = 0.0
    /// The sensor off the body (on a desk, on its charger), in seconds; never upright or slumped.
    /// It includes the motionless lead-in before the sensor was judged not worn.
    public var notWornSeconds = 0.0
    /// Worn time with data (upright, slumped or suppressed) while the coach was in training mode,
    /// in seconds: what a training plan's daily target counts. Overlaps the times above.
    public var trainingSeconds = 0.0
    /// First alerts of a slump.
    public var alerts = 0
    public var repeats = 0
    public var corrections = 0
    public var breakReminders = 0
    public var exercisesDone = 0
    public var exercisesIncomplete = 0
    /// Samples ignored because their time did not move forward or was not finite.
    public var rejectedSamples = 0

    public init() {}

    /// Total time accounted for, in seconds.
    public var totalSeconds: Double {
        uprightSeconds + slumpedSeconds + suppressedSeconds + uncalibratedSeconds + gapSeconds + notWornSeconds
    }

    /// Adds the times of `other` (not its counts): time held back while the sensor was
    /// motionless, once it turns out to have been worn after all.
    mutating func addTimes(of other: CoachTallies) {
        uprightSeconds += other.uprightSeconds
        slumpedSeconds += other.slumpedSeconds
        suppressedSeconds += other.suppressedSeconds
        uncalibratedSeconds += other.uncalibratedSeconds
        gapSeconds += other.gapSeconds
        notWornSeconds += other.notWornSeconds
        trainingSeconds += other.trainingSeconds
        for kind in SlumpKind.allCases { slumpedSecondsByKind[kind] += other.slumpedSecondsByKind[kind] }
        for reason in SuppressionReason.allCases {
            suppressedSecondsByReason[reason] += other.suppressedSecondsByReason[reason]
        }
    }
}

/// Seconds per slump kind, stored inline (no allocation): one field per `SlumpKind`.
public struct SlumpSeconds: Equatable, Sendable {
    public var forwardHeadSeconds = 0.0
    public var upperBackRoundingSeconds = 0.0
    public var collapsedTrunkSeconds = 0.0
    public var leaningBackSeconds = 0.0
    public var longStillSittingSeconds = 0.0

    public init() {}

    public subscript(kind: SlumpKind) -> Double {
        get {
            switch kind {
            case .forwardHead: forwardHeadSeconds
            case .upperBackRounding: upperBackRoundingSeconds
            case .collapsedTrunk: collapsedTrunkSeconds
            case .leaningBack: leaningBackSeconds
            case .longStillSitting: longStillSittingSeconds
            }
        }
        set {
            switch kind {
            case .forwardHead: forwardHeadSeconds = newValue
            case .upperBackRounding: upperBackRoundingSeconds = newValue
            case .collapsedTrunk: collapsedTrunkSeconds = newValue
            case .leaningBack: leaningBackSeconds = newValue
            case .longStillSitting: longStillSittingSeconds = newValue
            }
        }
    }
}

/// Seconds per suppression reason, stored inline (no allocation): one field per `SuppressionReason`.
public struct SuppressedSeconds: Equatable, Sendable {
    public var sensorMissingSeconds = 0.0
    public var notWornSeconds = 0.0
    public var filterSettlingSeconds = 0.0
    public var exercisingSeconds = 0.0
    public var snoozedSeconds = 0.0
    public var quietHoursSeconds = 0.0
    public var lyingSeconds = 0.0
    public var walkingSeconds = 0.0
    public var bendingSeconds = 0.0
    public var movingSeconds = 0.0

    public init() {}

    public subscript(reason: SuppressionReason) -> Double {
        get {
            switch reason {
            case .sensorMissing: sensorMissingSeconds
            case .notWorn: notWornSeconds
            case .filterSettling: filterSettlingSeconds
            case .exercising: exercisingSeconds
            case .snoozed: snoozedSeconds
            case .quietHours: quietHoursSeconds
            case .lying: lyingSeconds
            case .walking: walkingSeconds
            case .bending: bendingSeconds
            case .moving: movingSeconds
            }
        }
        set {
            switch reason {
            case .sensorMissing: sensorMissingSeconds = newValue
            case .notWorn: notWornSeconds = newValue
            case .filterSettling: filterSettlingSeconds = newValue
            case .exercising: exercisingSeconds = newValue
            case .snoozed: snoozedSeconds = newValue
            case .quietHours: quietHoursSeconds = newValue
            case .lying: lyingSeconds = newValue
            case .walking: walkingSeconds = newValue
            case .bending: bendingSeconds = newValue
            case .moving: movingSeconds = newValue
            }
        }
    }
}
