import Coach
import Posture
import Tilt

/// The core's own settings, as the configuration sets them: the one translation from the
/// configuration's keys to the settings of the filter, the calibration and the coach.
public struct CoreSettings: Equatable, Sendable {
    public var tilt: TiltFilter.Settings
    public var calibration: Calibration.Settings
    public var stillWindow: StillWindow.Settings
    public var coach: CoachSettings
    /// The daily training plan, or `nil` when it is off (or the coach only tracks).
    public var training: TrainingPlan?

    public init(tilt: TiltFilter.Settings = .default, calibration: Calibration.Settings = .default,
                stillWindow: StillWindow.Settings = .default, coach: CoachSettings = .default,
                training: TrainingPlan? = .default) {
        self.tilt = tilt
        self.calibration = calibration
        self.stillWindow = stillWindow
        self.coach = coach
        self.training = training
    }
}

extension PlumblineConfiguration {
    /// How far above the thoracic limit a slump counts as a collapsed trunk, in degrees.
    public static let collapsedTrunkMarginDeg = 10.0
    /// How far above the collapsed-trunk angle a forward flexion counts as a deliberate bend
    /// (picking something up), in degrees.
    public static let deepBendMarginDeg = 20.0
    /// The hysteresis when `coach.hysteresisDeg` is not set: 5°, or half the smallest limit
    /// when a limit is set below 10°.
    public static let defaultHysteresisDeg = 5.0

    /// The limits the coach's keys imply, checked together. Every combination of valid keys
    /// either gives settings a `Coach` accepts, or throws one error that names the keys involved
    /// and what would work. `file` names where the values came from.
    ///
    /// Derived, not set: the collapsed-trunk angle is the thoracic limit plus
    /// `collapsedTrunkMarginDeg`, the deep-bend angle that plus `deepBendMarginDeg` (15° gives
    /// the coach's defaults, 25° and 45°).
    public func coreSettings(file: String = "configuration") throws(ConfigurationError) -> CoreSettings {
        var s = CoachSettings.default
        let c = coach
        s.mode = c.mode
        if let v = c.delaySeconds { s.alertDelay = AlertDelay(seconds: v) }
        if let v = c.thoracicLimitDeg { s.thoracicThresholdDeg = v }
        if let v = c.headForwardLimitDeg { s.headForwardThresholdDeg = v }
        if let v = c.leanBackLimitDeg { s.leanBackLimitDeg = v }
        s.collapsedTrunkDeg = s.thoracicThresholdDeg + Self.collapsedTrunkMarginDeg
        s.deepBendDeg = s.collapsedTrunkDeg + Self.deepBendMarginDeg
        let limits = [("coach.thoracic_limit_deg", s.thoracicThresholdDeg), ("coach.head_forward_limit_deg", s.headForwardThresholdDeg),
                      ("coach.lean_back_limit_deg", s.leanBackLimitDeg)]
        let smallest = limits.min { $0.1 < $1.1 }!
        if let v = c.hysteresisDeg {
            guard v < smallest.1 else {
                throw ConfigurationError(.invalidValue, file: file, key: "coach.hysteresis_deg",
                                         message: "\(Schema.format(v))° must be smaller than every limit, and \(smallest.0) is \(Schema.format(smallest.1))°: set coach.hysteresis_deg below \(Schema.format(smallest.1)), or raise \(smallest.0)")
            }
            s.hysteresisDeg = v
        } else {
            s.hysteresisDeg = min(Self.defaultHysteresisDeg, smallest.1 / 2)
        }
        if let v = c.repeatAfterSeconds { s.repeatCooldownSeconds = v }
        if let v = c.sittingBreakAfterMinutes { s.longSittingSeconds = v * 60 }
        if let q = c.quietHours { s.quietHours = QuietHours(startSecondsOfDay: q.startSeconds, endSecondsOfDay: q.endSeconds) }
        // The coach's own check, last: every rule above should keep it quiet; if a future key
        // breaks one, the user still gets a line naming the key instead of a trap.
        if let problem = s.problem {
            let key = Self.configurationKey(forCoachSetting: problem.key)
            throw ConfigurationError(.invalidValue, file: file, key: key,
                                     message: "with the other coach keys this gives settings the coach cannot use: \(problem.key) \(problem.detail); see plumbline.example.yaml")
        }
        return CoreSettings(coach: s, training: try trainingPlan(file: file))
    }

    /// The training plan the `coach.training_*` keys set, checked together; `nil` when
    /// `coach.training_plan` is off or `coach.mode` is tracking (nothing to train).
    func trainingPlan(file: String) throws(ConfigurationError) -> TrainingPlan? {
        guard coach.trainingPlan, coach.mode == .training else { return nil }
        var plan = TrainingPlan.default
        if let v = coach.trainingStartMinutes { plan.startMinutes = v }
        if let v = coach.trainingStepMinutes { plan.stepMinutes = v }
        if let v = coach.trainingCapMinutes { plan.capMinutes = v }
        guard plan.problem == nil else {
            let key = coach.trainingCapMinutes == nil ? "coach.training_start_min" : "coach.training_cap_min"
            throw ConfigurationError(.invalidValue, file: file, key: key,
                                     message: "the daily target would start at \(Schema.format(plan.startMinutes)) min but stop growing at \(Schema.format(plan.capMinutes)) min: set coach.training_cap_min to at least coach.training_start_min")
        }
        return plan
    }

    /// The configuration key behind a `CoachSettings` property (derived ones: the key they follow).
    static func configurationKey(forCoachSetting name: String) -> String {
        switch name {
        case "thoracicThresholdDeg", "collapsedTrunkDeg", "deepBendDeg": "coach.thoracic_limit_deg"
        case "headForwardThresholdDeg": "coach.head_forward_limit_deg"
        case "leanBackLimitDeg": "coach.lean_back_limit_deg"
        case "hysteresisDeg": "coach.hysteresis_deg"
        case "repeatCooldownSeconds": "coach.repeat_after_s"
        case "longSittingSeconds": "coach.sitting_break_after_min"
        default: "coach"
        }
    }
}
