// What kind of slump the detector sees, and why the coach holds back.

/// The kind of poor posture, which picks the exercise that answers it.
///
/// How the kinds are told apart from the angles we have (see `SlumpClassifier` and README.md):
/// a sensor on the upper back (T1–T4) measures how far that segment tilts from the calibrated
/// upright; it cannot see the spine's curve below it. So the magnitude decides: a moderate forward
/// tilt is read as upper-back rounding, a large one as a collapsed trunk (the lower trunk must fold
/// too for the upper back to tilt that far). A head sensor adds the head-forward angle (neck
/// flexion relative to the trunk), which names a forward head when it is the larger excess.
public enum SlumpKind: String, Sendable, CaseIterable {
    /// The head has moved forward and down over an upright trunk (needs a head sensor).
    case forwardHead = "forward-head"
    /// The upper back tilts forward moderately: rounding of the thoracic spine.
    case upperBackRounding = "upper-back-rounding"
    /// The upper back tilts forward a lot: the whole trunk has sunk onto the pelvis.
    case collapsedTrunk = "collapsed-trunk"
    /// The trunk leans back past the lean-back limit (slouching down in the chair).
    case leaningBack = "leaning-back"
    /// Sitting still for a long time, whatever the posture.
    case longStillSitting = "long-still-sitting"
}

/// Why alerts are held back.
public enum SuppressionReason: String, Sendable, CaseIterable {
    /// No data from a sensor (unplugged, or the caller reported a gap).
    case sensorMissing = "sensor-missing"
    /// The sensor is off the body: on a desk or a charger (no breathing or sway for a while).
    case notWorn = "not-worn"
    /// The tilt filter is starting up, recovering, or ignoring the accelerometer.
    case filterSettling = "filter-settling"
    /// An exercise is in progress.
    case exercising
    /// The wearer asked for quiet for a while.
    case snoozed
    /// The time of day is inside the configured quiet hours.
    case quietHours = "quiet-hours"
    case lying
    case walking
    /// The trunk is bent forward past the deep-bend angle: picking something up, tying a shoe.
    case bending
    case moving
}

/// The detector's state (DESIGN.md, "Slump detection and coaching").
public enum CoachState: Equatable, Sendable {
    /// No calibration yet (or it was invalidated): angles mean nothing.
    case uncalibrated
    case upright
    /// A slump of `kind` began at `sinceSeconds` (source time) and has not been alerted yet.
    case slumping(sinceSeconds: Double, kind: SlumpKind)
    /// The slump was first alerted at `atSeconds` and goes on.
    case alerted(atSeconds: Double, kind: SlumpKind)
    case suppressed(SuppressionReason)

    /// A short lowercase name: `uncalibrated`, `upright`, `slumping`, `alerted`, or the
    /// suppression reason (`walking`, `sensor-missing`, …).
    public var name: String {
        switch self {
        case .uncalibrated: "uncalibrated"
        case .upright: "upright"
        case .slumping: "slumping"
        case .alerted: "alerted"
        case .suppressed(let reason): reason.rawValue
        }
    }

    /// Same case (and reason), ignoring times and kinds.
    public func isSamePhase(as other: CoachState) -> Bool {
        switch (self, other) {
        case (.uncalibrated, .uncalibrated), (.upright, .upright), (.slumping, .slumping), (.alerted, .alerted):
            true
        case let (.suppressed(a), .suppressed(b)):
            a == b
        default:
            false
        }
    }
}
