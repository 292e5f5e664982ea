import Coach
import Posture
import Tilt

/// Everything after the source, for one wearer: the posture pipeline and the
/// coach. Live runs, replays and simulations all go through here, so they
/// behave alike; the same events give the same coach events, bit for bit.
public struct Session {
    public private(set) var pipeline: PosturePipeline
    public private(set) var coach: Coach
    /// The last posture frame, for displays.
    public private(set) var lastFrame: PostureFrame?
    /// The trunk sensor came back from a disconnection worn differently: the calibration no
    /// longer fits and the coach is silent until the wearer calibrates again.
    public private(set) var needsRecalibration = false
    /// After a reconnection: when to judge the sensor's new orientation (source time).
    private var reattachCheckAtSeconds: Double?
    /// The trunk angles just before the sensor was lost or taken off.
    private var anglesAtLoss: SensorAngles?
    /// The trunk angles at the last sample that showed a body at rest (breathing, not moving).
    private var lastLivelyAngles: SensorAngles?
    /// Today in the training plan, if one is followed: the coach tracks once its target is met.
    public private(set) var training: TrainingDay?
    /// Local midnights passed in this session (the training plan's day changes).
    public private(set) var daysStarted = 0
    private var lastTimeOfDaySeconds: Double?

    public init(calibrations: [SensorRole: Calibration], coach settings: CoachSettings = .default,
                pipeline pipelineSettings: PosturePipeline.Settings = .default, training: TrainingDay? = nil) {
        pipeline = PosturePipeline(calibrations: calibrations, settings: pipelineSettings)
        coach = Coach(settings: settings, calibrated: calibrations[.trunk] != nil)
        self.training = training
        followTrainingPlan()
    }

    /// Whether today's training target is met (the coach is tracking for the rest of the day).
    public var trainingTargetMet: Bool { training?.isMet(tally: coach.tallies.trainingSeconds) ?? false }

    /// Training until the day's target is met, tracking afterwards (only when the settings train).
    private mutating func followTrainingPlan() {
        guard let training, coach.settings.mode == .training else { return }
        let mode: CoachMode = training.isMet(tally: coach.tallies.trainingSeconds) ? .tracking : .training
        if coach.mode != mode { coach.setMode(mode) }
    }

    /// A time of day earlier than the last by more than half a day: local midnight has passed.
    private mutating func noteTimeOfDay(_ seconds: Double?) {
        guard let seconds, seconds.isFinite else { return }
        if let last = lastTimeOfDaySeconds, last - seconds > 43_200 {
            daysStarted += 1
            training?.startNextDay(tally: coach.tallies.trainingSeconds)
        }
        lastTimeOfDaySeconds = seconds
    }

    /// Feeds one source event and returns the coach's events. `timeOfDaySeconds` (local seconds
    /// since midnight) is for quiet hours; the caller reads the wall clock, never the core.
    public mutating func process(_ event: SourceEvent, timeOfDaySeconds: Double? = nil) -> CoachEvents {
        var events = CoachEvents()
        process(event, timeOfDaySeconds: timeOfDaySeconds, into: &events)
        return events
    }

    /// Feeds one source event and puts the coach's events in `events` (its old contents are
    /// dropped): the per-sample path, which copies no events when there are none.
    public mutating func process(_ event: SourceEvent, timeOfDaySeconds: Double? = nil, into events: inout CoachEvents) {
        noteTimeOfDay(timeOfDaySeconds)
        defer { followTrainingPlan() }
        switch event {
        case .sample:
            guard let frame = pipeline.process(event) else { return events.removeAll() }
            if lastFrame?.activity == .notWorn, frame.activity != .notWorn {
                // Put on again: judge how it sits once it has settled, as after a reconnection.
                reattachCheckAtSeconds = frame.timeSeconds + Self.reattachCheckDelaySeconds
            } else if frame.activity == .notWorn, lastFrame?.activity != .notWorn {
                anglesAtLoss = lastLivelyAngles
            }
            if !frame.motionless, frame.activity != .moving, frame.activity != .walking { lastLivelyAngles = frame.angles?.trunk }
            lastFrame = frame
            if let checkAt = reattachCheckAtSeconds, frame.timeSeconds >= checkAt, frame.activity == .still || frame.activity == .lying {
                reattachCheckAtSeconds = nil
                if let before = anglesAtLoss, let after = frame.angles?.trunk, Self.putBackDifferently(before: before, after: after) {
                    needsRecalibration = true
                    events = coach.invalidateCalibration(atSeconds: frame.timeSeconds)
                    return
                }
            }
            coach.update(CoachInput(timeSeconds: frame.timeSeconds, posture: frame.angles, activity: frame.activity,
                                    filterFlags: frame.trunkFlags, timeOfDaySeconds: timeOfDaySeconds,
                                    motionless: frame.motionless), into: &events)
        case let .sensorLost(role, timeSeconds, _):
            _ = pipeline.process(event)
            guard role == .trunk else { return events.removeAll() }
            anglesAtLoss = lastFrame?.angles?.trunk
            // No posture from now on: the coach suppresses (sensor missing) and stops counting.
            coach.update(CoachInput(timeSeconds: max(timeSeconds, lastFrame?.timeSeconds ?? timeSeconds), posture: nil,
                                    timeOfDaySeconds: timeOfDaySeconds), into: &events)
        case let .sensorBack(role, lostSeconds, timeSeconds):
            guard role == .trunk else { return events.removeAll() }
            // Judge how it is worn once the filter has settled after the restart.
            reattachCheckAtSeconds = timeSeconds + Self.reattachCheckDelaySeconds
            events = coach.gap(fromSeconds: lostSeconds, toSeconds: timeSeconds)
        case let .gap(role, startSeconds, endSeconds):
            guard role == .trunk else { return events.removeAll() }
            events = coach.gap(fromSeconds: startSeconds, toSeconds: endSeconds)
        case let .exerciseStarted(exercise, timeSeconds):
            // Never before the last frame: the coach's time only runs forward.
            events = coach.startExercise(exercise, atSeconds: max(timeSeconds, lastFrame?.timeSeconds ?? timeSeconds))
        }
    }

    /// Seconds after a reconnection before the new orientation is judged.
    public static let reattachCheckDelaySeconds = 3.0

    /// Whether the angles after a reconnection show a sensor stuck back on rotated rather than a
    /// body that moved while the cable was out: a sideways tilt past 25° that was not there before
    /// (a quarter turn on the skin), or the sensor upside down (flexion past 120° either way).
    /// Forward and backward changes are left alone: coming out of a bend or a slump is normal.
    /// Lying down on one's side while unplugged would look the same; the cost is one needless
    /// calibration.
    static func putBackDifferently(before: SensorAngles, after: SensorAngles) -> Bool {
        (abs(after.lateralDeg) > 25 && abs(after.lateralDeg - before.lateralDeg) > 25) || abs(after.flexionDeg) > 120
    }

    /// Starts the exercise the coach last suggested (the wearer said yes).
    public mutating func startSuggestedExercise(at timeSeconds: Double) -> CoachEvents {
        coach.startSuggestedExercise(atSeconds: timeSeconds)
    }

    /// Starts an exercise the wearer chose.
    public mutating func startExercise(_ exercise: ExerciseID, at timeSeconds: Double) -> CoachEvents {
        coach.startExercise(exercise, atSeconds: timeSeconds)
    }

    public mutating func snooze(for seconds: Double, at timeSeconds: Double) -> CoachEvents {
        coach.snooze(forSeconds: seconds, atSeconds: timeSeconds)
    }

    /// Ends a snooze early; the next sample decides the state.
    public mutating func cancelSnooze() {
        coach.cancelSnooze()
    }
}
