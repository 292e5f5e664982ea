// Per-session sums for history.

/// Where the time of a session went, and what the coach said. Time is attributed per interval
/// between samples, to what the earlier sample showed; intervals without data are gaps.
public struct CoachTallies: Equatable, Sendable {
    /// Calibrated, data present, not suppressed, posture upright, in seconds.
    public var uprightSeconds = 0.0
    /// Slumped (slumping or alerted, or slumped while snoozed or in quiet hours), in seconds.
    public var slumpedSeconds = 0.0
    /// Data present but alerts held back by activity, filter settling or an exercise, in seconds.
    public var suppressedSeconds = 0.0
    /// Data present but no calibration, in seconds.
    public var uncalibratedSeconds = 0.0
    /// No data (a missing sensor, a reported gap, or a step longer than the gap limit), in seconds.
    public var gapSeconds = 0.0
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
        uprightSeconds + slumpedSeconds + suppressedSeconds + uncalibratedSeconds + gapSeconds
    }
}
