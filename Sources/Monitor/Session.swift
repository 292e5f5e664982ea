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

    public init(calibrations: [SensorRole: Calibration], coach settings: CoachSettings = .default,
                pipeline pipelineSettings: PosturePipeline.Settings = .default) {
        pipeline = PosturePipeline(calibrations: calibrations, settings: pipelineSettings)
        coach = Coach(settings: settings, calibrated: calibrations[.trunk] != nil)
    }

    /// Feeds one source event. `timeOfDay_s` (local seconds since midnight) is
    /// for quiet hours; the caller reads the wall clock, never the core.
    public mutating func process(_ event: SourceEvent, timeOfDay_s: Double? = nil) -> CoachEvents {
        switch event {
        case .sample:
            guard let frame = pipeline.process(event) else { return CoachEvents() }
            lastFrame = frame
            return coach.update(CoachInput(timeSeconds: frame.time_s, posture: frame.angles, activity: frame.activity,
                                           filterFlags: frame.trunkFlags, timeOfDaySeconds: timeOfDay_s))
        case let .sensorLost(role, time_s, _):
            _ = pipeline.process(event)
            guard role == .trunk else { return CoachEvents() }
            // No posture from now on: the coach suppresses (sensor missing) and stops counting.
            return coach.update(CoachInput(timeSeconds: max(time_s, lastFrame?.time_s ?? time_s), posture: nil,
                                           timeOfDaySeconds: timeOfDay_s))
        case let .sensorBack(role, lost_s, time_s):
            guard role == .trunk else { return CoachEvents() }
            return coach.gap(fromSeconds: lost_s, toSeconds: time_s)
        case let .gap(role, start_s, end_s):
            guard role == .trunk else { return CoachEvents() }
            return coach.gap(fromSeconds: start_s, toSeconds: end_s)
        }
    }

    /// Starts the exercise the coach last suggested (the wearer said yes).
    public mutating func startSuggestedExercise(at time_s: Double) -> CoachEvents {
        coach.startSuggestedExercise(atSeconds: time_s)
    }

    /// Starts an exercise the wearer chose.
    public mutating func startExercise(_ exercise: ExerciseID, at time_s: Double) -> CoachEvents {
        coach.startExercise(exercise, atSeconds: time_s)
    }

    public mutating func snooze(for seconds: Double, at time_s: Double) -> CoachEvents {
        coach.snooze(forSeconds: seconds, atSeconds: time_s)
    }
}
