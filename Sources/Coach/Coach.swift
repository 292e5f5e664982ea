// The slump detector state machine and alert policy.
import Posture
import Tilt

/// One posture sample for the coach, with the context that decides whether to speak.
public struct CoachInput: Sendable {
    /// Source time, monotonic, in seconds (from the sample source, never a wall clock).
    public var timeSeconds: Double
    /// The angles relative to the calibrated upright; `nil` when the sensor is missing (no data,
    /// unplugged, unusable input). Non-finite angles count as missing too.
    public var posture: PostureAngles?
    public var activity: Activity
    /// The trunk tilt filter's flags: starting up, recovering and ignoring the accelerometer hold
    /// alerts back.
    public var filterFlags: TiltFilter.Flags
    /// Local time of day in seconds since midnight, for quiet hours; `nil` when unknown (quiet
    /// hours then never apply). The caller reads the clock; the coach does not.
    public var timeOfDaySeconds: Double?
    /// No breathing or sway shows (`ActivityDetector.motionless`): the sensor may be off the body.
    /// Alerts wait, and the time is held back until it is clear whether it was worn.
    public var motionless: Bool

    public init(
        timeSeconds: Double, posture: PostureAngles?, activity: Activity = .still,
        filterFlags: TiltFilter.Flags = [], timeOfDaySeconds: Double? = nil, motionless: Bool = false
    ) {
        self.timeSeconds = timeSeconds
        self.posture = posture
        self.activity = activity
        self.filterFlags = filterFlags
        self.timeOfDaySeconds = timeOfDaySeconds
        self.motionless = motionless
    }
}

/// The slump detector and alert policy: one `update` per posture sample, time from the caller.
///
/// States (DESIGN.md): `uncalibrated`, `upright`, `slumping(since)`, `alerted(at)`,
/// `suppressed(reason)`. Each sample is judged in this order; the first that applies wins:
/// not calibrated → `uncalibrated`; no data → `sensorMissing`; off the body → `notWorn`; an
/// exercise running → `exercising`; the filter starting up, recovering or ignoring the accelerometer →
/// `filterSettling`; `snoozed`; `quietHours`; `lying`; `walking`; thoracic angle past
/// `deepBendDeg` → `bending`; `moving`. Otherwise the `SlumpClassifier` decides: a slump starts
/// `slumping(since: t)`; once it has lasted `alertDelay` the alert fires (`alerted(at:)`), and
/// repeats every `repeatCooldownSeconds` while it lasts; sitting up afterwards gives `corrected`.
/// Any suppression ends the slump without a correction, and the timer starts again from zero
/// afterwards, so a transient (a bend, a few steps, a stretch) never adds up to an alert.
///
/// While the input is `motionless` (no breathing or sway: perhaps put down on a desk), alerts
/// wait and the time is held aside: once the activity says `notWorn` it all counts as not worn
/// (never upright or slumped), and if signs of life come back first it goes where it would have.
///
/// Time between two samples goes to the tally of what the earlier sample showed, except a
/// gap: a step longer than `maxSampleGapSeconds`, an interval next to a missing sample, or a
/// reported `gap(fromSeconds:toSeconds:)`. A gap counts as neither upright nor slumped, and the
/// slump timer restarts after it.
///
/// Pure and deterministic: no Foundation, no I/O, no clock. The value holds no references, so
/// `update` allocates nothing (a test checks that `Coach` is a trivial type).
public struct Coach: Sendable {
    private enum Bucket: Equatable, Sendable {
        case upright, slumped(SlumpKind), suppressed(SuppressionReason), uncalibrated, gap, notWorn

        var isSitting: Bool {
            switch self {
            case .upright, .slumped: true
            default: false
            }
        }
    }

    public let settings: CoachSettings
    public private(set) var state: CoachState
    public private(set) var tallies = CoachTallies()
    /// The exercise that the last alert or break reminder suggested, if any.
    public private(set) var suggestedExercise: ExerciseID?
    /// Seconds of still sitting since the last movement break.
    public private(set) var stillSittingSeconds = 0.0

    private var classifier: SlumpClassifier
    private var verifier: ExerciseVerifier?
    private var exerciseStartSeconds = 0.0
    private var calibrated: Bool
    private var lastTimeSeconds: Double?
    private var lastBucket = Bucket.gap
    private var lastActivity = Activity.still
    /// The earlier sample was motionless: the interval after it goes to `heldTallies`.
    private var lastMotionless = false
    /// Time since the sensor went motionless, by what it would count as if worn.
    private var heldTallies = CoachTallies()
    /// `heldTallies` may hold time (saves looking at it on every sample).
    private var holding = false
    /// The coach was training at the earlier sample: the interval after it counts as training.
    private var lastTraining = true
    private var lastAlertSeconds = 0.0
    private var snoozeUntilSeconds: Double?
    private var breakActivitySeconds = 0.0
    private var breakCount = 0
    /// The last call was `gap(fromSeconds:toSeconds:)`: a sample at its end time is accepted.
    private var gapReported = false
    /// The next sample starts afresh: no slump carried over (after a gap, a calibration, an exercise).
    private var fresh = true
    /// An alerted slump that ended in movement (the wearer sitting up briskly reads as moving):
    /// reaching upright within `correctionWindowSeconds` afterwards still counts as corrected.
    private var pendingCorrection: SlumpKind?
    private var pendingCorrectionSeconds = 0.0
    private static let correctionWindowSeconds = 5.0
    private var correctedKind: SlumpKind?

    /// A coach; `calibrated` says whether the angles that will come in are relative to a valid
    /// calibration (else it stays `uncalibrated` until `calibrate(atSeconds:)`).
    public init(settings: CoachSettings = .default, calibrated: Bool = true) {
        precondition(settings.problem == nil, "invalid CoachSettings: check `settings.problem` before making a Coach")
        self.settings = settings
        self.calibrated = calibrated
        classifier = SlumpClassifier(settings: settings)
        state = calibrated ? .upright : .uncalibrated
        mode = settings.mode
        lastTraining = settings.mode == .training
    }

    /// The exercise in progress and how far it has got.
    public var exerciseProgress: ExerciseProgress? { verifier?.progress }

    /// Training alerts; tracking records only (events flagged silent). It starts as the settings
    /// say; a training plan moves it with `setMode(_:)`.
    public private(set) var mode: CoachMode

    private var silent: Bool { mode == .tracking }

    /// Switches between training and tracking (a training plan's day target met, or a new day).
    public mutating func setMode(_ mode: CoachMode) {
        self.mode = mode
    }

    // MARK: The per-sample update

    /// Feeds one posture sample and returns what the coach has to say (often nothing).
    public mutating func update(_ input: CoachInput) -> CoachEvents {
        var events = CoachEvents()
        update(input, into: &events)
        return events
    }

    /// Feeds one posture sample and puts what the coach has to say in `events` (its old contents
    /// are dropped): the per-sample path. A caller that keeps one buffer for every sample copies
    /// no events when there are none.
    public mutating func update(_ input: CoachInput, into events: inout CoachEvents) {
        events.removeAll()
        let t = input.timeSeconds
        guard t.isFinite, lastTimeSeconds.map({ t > $0 || (t == $0 && gapReported) }) ?? true else {
            tallies.rejectedSamples += 1
            return
        }
        var posture = input.posture
        if let p = posture, !p.thoracicDeg.isFinite { posture = nil }
        let headForward = posture?.headForwardDeg.flatMap { $0.isFinite ? $0 : nil }

        // 1. Account for the interval since the last sample.
        if let last = lastTimeSeconds {
            let dt = t - last
            let longGap = dt > settings.maxSampleGapSeconds
            if longGap || lastBucket == .gap || posture == nil {
                tallies.gapSeconds += dt
                if longGap { interruptForGap() }
            } else if lastMotionless, lastBucket != .notWorn {
                Self.account(dt, to: lastBucket, training: lastTraining, in: &heldTallies)
                holding = true
            } else {
                Self.account(dt, to: lastBucket, training: lastTraining, in: &tallies)
                accountActivity(dt)
            }
        }
        lastTimeSeconds = t
        gapReported = false
        if input.activity == .notWorn {
            if holding {
                tallies.notWornSeconds += heldTallies.totalSeconds
                heldTallies = CoachTallies()
                holding = false
            }
        } else if !input.motionless {
            releaseHeldTime()
        }

        // 2. The exercise in progress.
        if var exercise = verifier {
            let progress =
                posture.map {
                    exercise.update(timeSeconds: t, thoracicDeg: $0.thoracicDeg, headForwardDeg: headForward)
                } ?? exercise.progress
            if progress.isDone {
                verifier = nil
                tallies.exercisesDone += 1
                stillSittingSeconds = 0
                fresh = true
                events.append(exerciseEvent(.exerciseDone, progress, t, posture, headForward))
            } else if t - exerciseStartSeconds
                > exercise.exercise.durationSeconds * settings.exerciseTimeoutFactor
            {
                verifier = nil
                tallies.exercisesIncomplete += 1
                fresh = true
                events.append(exerciseEvent(.exerciseIncomplete, progress, t, posture, headForward))
            } else {
                verifier = exercise
            }
        }

        // 3. Posture and context.
        var kind: SlumpKind? = nil
        if let p = posture { kind = classifier.update(thoracicDeg: p.thoracicDeg, headForwardDeg: headForward) }
        if let until = snoozeUntilSeconds, t >= until { snoozeUntilSeconds = nil }
        let reason = Self.suppression(
            input, posture: posture, exercising: verifier != nil, snoozed: snoozeUntilSeconds != nil, settings: settings)

        // 4. The transition.
        let old = state
        var new: CoachState
        var alert: CoachEvent.Kind? = nil
        var bucket: Bucket
        if !calibrated {
            new = .uncalibrated
            bucket = posture == nil ? .gap : .uncalibrated
        } else if let reason {
            new = .suppressed(reason)
            if reason == .moving, case .alerted(_, let k) = old, !fresh {
                pendingCorrection = k
                pendingCorrectionSeconds = t
            }
            switch reason {
            case .sensorMissing: bucket = .gap
            case .notWorn: bucket = .notWorn
            case .snoozed, .quietHours: bucket = kind.map { .slumped($0) } ?? .upright
            default: bucket = .suppressed(reason)
            }
        } else if let kind {
            bucket = .slumped(kind)
            switch old {
            case .alerted(let at, _) where !fresh:
                new = .alerted(atSeconds: at, kind: kind)
                if t - lastAlertSeconds >= settings.repeatCooldownSeconds, !input.motionless { alert = .repeatAlert }
            default:
                var since = t
                if !fresh, case .slumping(let s, _) = old { since = s }
                if t - since >= settings.alertDelay.seconds, !input.motionless {
                    new = .alerted(atSeconds: t, kind: kind)
                    alert = .slumpAlert
                } else {
                    new = .slumping(sinceSeconds: since, kind: kind)
                }
            }
        } else {
            bucket = .upright
            new = .upright
            if !fresh, case .alerted(_, let k) = old {
                alert = .corrected
                correctedKind = k
            } else if let k = pendingCorrection, t - pendingCorrectionSeconds <= Self.correctionWindowSeconds {
                alert = .corrected
                correctedKind = k
            }
        }
        // A pending correction lapses once used, when a slump comes back, or after its window.
        if alert == .corrected || (kind != nil && reason == nil) || t - pendingCorrectionSeconds > Self.correctionWindowSeconds {
            pendingCorrection = nil
        }
        fresh = false
        state = new
        lastBucket = bucket
        lastActivity = input.activity
        lastMotionless = input.motionless
        lastTraining = mode == .training

        if !new.isSamePhase(as: old) {
            events.append(
                CoachEvent(
                    kind: .stateChanged, timeSeconds: t, state: new, previousState: old, slump: kind,
                    thoracicDeg: posture?.thoracicDeg, headForwardDeg: headForward, silent: silent))
        }
        if let alert {
            var exercise: ExerciseID? = nil
            var slump: SlumpKind? = kind
            switch alert {
            case .slumpAlert:
                tallies.alerts += 1
                lastAlertSeconds = t
                exercise = ExerciseID.answering(kind ?? .upperBackRounding)
                suggestedExercise = exercise
            case .repeatAlert:
                tallies.repeats += 1
                lastAlertSeconds = t
                exercise = ExerciseID.answering(kind ?? .upperBackRounding)
                suggestedExercise = exercise
            default:
                tallies.corrections += 1
                slump = correctedKind
                correctedKind = nil
            }
            events.append(
                CoachEvent(
                    kind: alert, timeSeconds: t, state: new, slump: slump, exercise: exercise,
                    thoracicDeg: posture?.thoracicDeg, headForwardDeg: headForward, silent: silent))
        }

        // 5. Long still sitting.
        if settings.longSittingSeconds > 0, stillSittingSeconds >= settings.longSittingSeconds, reason == nil,
            calibrated, !input.motionless
        {
            let exercise = ExerciseID.answering(.longStillSitting, breakNumber: breakCount)
            breakCount += 1
            stillSittingSeconds = 0
            tallies.breakReminders += 1
            suggestedExercise = exercise
            events.append(
                CoachEvent(
                    kind: .breakReminder, timeSeconds: t, state: new, slump: .longStillSitting, exercise: exercise,
                    thoracicDeg: posture?.thoracicDeg, headForwardDeg: headForward, silent: silent))
        }
    }

    /// Convenience: `update(CoachInput(...))`.
    public mutating func update(
        timeSeconds: Double, posture: PostureAngles?, activity: Activity = .still, filterFlags: TiltFilter.Flags = [],
        timeOfDaySeconds: Double? = nil
    ) -> CoachEvents {
        update(
            CoachInput(
                timeSeconds: timeSeconds, posture: posture, activity: activity, filterFlags: filterFlags,
                timeOfDaySeconds: timeOfDaySeconds))
    }

    // Static, with what it needs passed in: as a method it made the update copy the whole coach
    // (about 1 KB) on every sample to call it.
    private static func suppression(
        _ input: CoachInput, posture: PostureAngles?, exercising: Bool, snoozed: Bool, settings: borrowing CoachSettings
    ) -> SuppressionReason? {
        guard let p = posture else { return .sensorMissing }
        if input.activity == .notWorn { return .notWorn }
        if exercising { return .exercising }
        if !input.filterFlags.isDisjoint(with: [.startingUp, .recovering, .accelerometerIgnored]) {
            return .filterSettling
        }
        if snoozed { return .snoozed }
        if let quiet = settings.quietHours, let tod = input.timeOfDaySeconds, quiet.contains(tod) {
            return .quietHours
        }
        switch input.activity {
        case .lying: return .lying
        case .walking: return .walking
        case .still, .moving, .notWorn: break
        }
        if p.thoracicDeg > settings.deepBendDeg { return .bending }
        if input.activity == .moving { return .moving }
        return nil
    }

    private static func account(_ dt: Double, to bucket: Bucket, training: Bool, in tallies: inout CoachTallies) {
        switch bucket {
        case .upright, .slumped, .suppressed: if training { tallies.trainingSeconds += dt }
        case .uncalibrated, .gap, .notWorn: break
        }
        switch bucket {
        case .upright: tallies.uprightSeconds += dt
        case .slumped(let kind):
            tallies.slumpedSeconds += dt
            tallies.slumpedSecondsByKind[kind] += dt
        case .suppressed(let reason):
            tallies.suppressedSeconds += dt
            tallies.suppressedSecondsByReason[reason] += dt
        case .uncalibrated: tallies.uncalibratedSeconds += dt
        case .gap: tallies.gapSeconds += dt
        case .notWorn: tallies.notWornSeconds += dt
        }
    }

    /// Time held while the sensor was motionless, now known to have been worn (or unknowable:
    /// a gap, the end of the session), goes where it would have gone.
    private mutating func releaseHeldTime() {
        guard holding else { return }
        holding = false
        tallies.addTimes(of: heldTallies)
        heldTallies = CoachTallies()
    }

    /// The tallies with any time still held back (the sensor motionless, not yet judged) counted
    /// as worn: for a session's end, or a display.
    public var talliesReleasingHeldTime: CoachTallies {
        var all = tallies
        all.addTimes(of: heldTallies)
        return all
    }

    /// Still-sitting and movement-break time for an interval with data.
    private mutating func accountActivity(_ dt: Double) {
        switch lastActivity {
        case .notWorn: break
        case .walking, .lying:
            breakActivitySeconds += dt
            if breakActivitySeconds >= settings.breakWalkSeconds { stillSittingSeconds = 0 }
        case .still, .moving:
            breakActivitySeconds = 0
            if lastBucket.isSitting { stillSittingSeconds += dt }
        }
    }

    private mutating func interruptForGap() {
        releaseHeldTime()
        classifier.reset()
        verifier?.interrupt()
        fresh = true
    }

    private func exerciseEvent(
        _ kind: CoachEvent.Kind, _ progress: ExerciseProgress, _ t: Double, _ posture: PostureAngles?,
        _ headForward: Double?
    ) -> CoachEvent {
        CoachEvent(
            kind: kind, timeSeconds: t, state: state, exercise: progress.exercise,
            repetitionsDone: progress.repetitionsDone, repetitionsNeeded: progress.repetitionsNeeded,
            thoracicDeg: posture?.thoracicDeg, headForwardDeg: headForward, silent: silent)
    }

    // MARK: Commands from the caller

    private mutating func move(to new: CoachState, at t: Double, into events: inout CoachEvents) {
        let old = state
        state = new
        if !new.isSamePhase(as: old) {
            events.append(CoachEvent(kind: .stateChanged, timeSeconds: t, state: new, previousState: old, silent: silent))
        }
    }

    /// The angles are now relative to a valid calibration taken at `timeSeconds`.
    public mutating func calibrate(atSeconds t: Double) -> CoachEvents {
        var events = CoachEvents()
        calibrated = true
        classifier.reset()
        fresh = true
        move(to: .upright, at: t, into: &events)
        return events
    }

    /// The calibration no longer holds (the sensor was taken off or moved): no alerts until
    /// `calibrate(atSeconds:)`. An exercise in progress is dropped without an event.
    public mutating func invalidateCalibration(atSeconds t: Double) -> CoachEvents {
        var events = CoachEvents()
        calibrated = false
        verifier = nil
        classifier.reset()
        fresh = true
        move(to: .uncalibrated, at: t, into: &events)
        return events
    }

    /// No data from `from` to `to` (seconds): the time counts as a gap, the slump timer restarts.
    /// The next sample may come at `to` or later.
    public mutating func gap(fromSeconds from: Double, toSeconds to: Double) -> CoachEvents {
        var events = CoachEvents()
        guard from.isFinite, to.isFinite, to >= from else { return events }
        let start = max(from, lastTimeSeconds ?? from)
        if let last = lastTimeSeconds, from > last {
            // Data up to `from`: the interval before the gap keeps the earlier sample's tally.
            if from - last > settings.maxSampleGapSeconds { tallies.gapSeconds += from - last } else if lastMotionless, lastBucket != .notWorn {
                Self.account(from - last, to: lastBucket, training: lastTraining, in: &heldTallies)
                holding = true
            } else {
                Self.account(from - last, to: lastBucket, training: lastTraining, in: &tallies)
            }
        }
        if to > start { tallies.gapSeconds += to - start }
        lastTimeSeconds = max(to, lastTimeSeconds ?? to)
        lastBucket = .gap
        gapReported = true
        interruptForGap()
        move(to: calibrated ? .suppressed(.sensorMissing) : .uncalibrated, at: to, into: &events)
        return events
    }

    /// Starts `exercise` at `timeSeconds`: alerts are held back while it runs; the coach reports
    /// `exerciseDone` when its motion has been seen, or `exerciseIncomplete` when it times out.
    /// An exercise already running is ended as incomplete.
    public mutating func startExercise(_ exercise: ExerciseID, atSeconds t: Double) -> CoachEvents {
        var events = CoachEvents()
        if let running = verifier {
            tallies.exercisesIncomplete += 1
            events.append(
                CoachEvent(
                    kind: .exerciseIncomplete, timeSeconds: t, state: state, exercise: running.exercise,
                    repetitionsDone: running.progress.repetitionsDone,
                    repetitionsNeeded: running.progress.repetitionsNeeded, silent: silent))
        }
        verifier = ExerciseVerifier(exercise: exercise)
        exerciseStartSeconds = t
        let progress = verifier!.progress
        events.append(
            CoachEvent(
                kind: .exerciseStarted, timeSeconds: t, state: state, exercise: exercise, repetitionsDone: 0,
                repetitionsNeeded: progress.repetitionsNeeded, silent: silent))
        if calibrated { move(to: .suppressed(.exercising), at: t, into: &events) }
        return events
    }

    /// Starts the exercise the last alert suggested; nothing when there is none.
    public mutating func startSuggestedExercise(atSeconds t: Double) -> CoachEvents {
        guard let exercise = suggestedExercise else { return CoachEvents() }
        return startExercise(exercise, atSeconds: t)
    }

    /// Stops the exercise in progress (the wearer gave up): `exerciseIncomplete`.
    public mutating func stopExercise(atSeconds t: Double) -> CoachEvents {
        var events = CoachEvents()
        guard let running = verifier else { return events }
        verifier = nil
        fresh = true
        tallies.exercisesIncomplete += 1
        events.append(
            CoachEvent(
                kind: .exerciseIncomplete, timeSeconds: t, state: state, exercise: running.exercise,
                repetitionsDone: running.progress.repetitionsDone,
                repetitionsNeeded: running.progress.repetitionsNeeded, silent: silent))
        return events
    }

    /// No alerts for `seconds` from `timeSeconds` (a slump in progress ends without a correction).
    public mutating func snooze(forSeconds seconds: Double, atSeconds t: Double) -> CoachEvents {
        var events = CoachEvents()
        guard seconds.isFinite, seconds > 0 else { return events }
        snoozeUntilSeconds = t + seconds
        fresh = true
        if calibrated, verifier == nil { move(to: .suppressed(.snoozed), at: t, into: &events) }
        return events
    }

    /// Ends a snooze early; the next sample decides the state.
    public mutating func cancelSnooze() {
        snoozeUntilSeconds = nil
    }
}
