import Coach

/// One run that wrote history (`monitor`, or a replayed recording).
public struct HistorySession: Equatable, Sendable {
    /// Wall-clock start, Unix seconds.
    public var startedAt: Double
    /// What ran: `monitor`, `replay FILE`.
    public var source: String
    /// `storage.history_resolution_s` of the run, in seconds.
    public var resolutionSeconds: Double
    /// `coaching` or `tracking`.
    public var mode: String

    public init(startedAt: Double, source: String, resolutionSeconds: Double, mode: String) {
        self.startedAt = startedAt
        self.source = source
        self.resolutionSeconds = resolutionSeconds
        self.mode = mode
    }
}

/// The angles of one interval, in degrees; `nil` when no sample of the interval had them.
public struct IntervalAngles: Equatable, Sendable {
    public var thoracicMeanDeg: Double?
    /// The most forward thoracic angle (the worst slump).
    public var thoracicMaxDeg: Double?
    /// The most backward thoracic angle (the worst lean back).
    public var thoracicMinDeg: Double?
    public var headForwardMeanDeg: Double?
    public var headForwardMaxDeg: Double?

    public init(thoracicMeanDeg: Double? = nil, thoracicMaxDeg: Double? = nil, thoracicMinDeg: Double? = nil,
                headForwardMeanDeg: Double? = nil, headForwardMaxDeg: Double? = nil) {
        self.thoracicMeanDeg = thoracicMeanDeg
        self.thoracicMaxDeg = thoracicMaxDeg
        self.thoracicMinDeg = thoracicMinDeg
        self.headForwardMeanDeg = headForwardMeanDeg
        self.headForwardMaxDeg = headForwardMaxDeg
    }
}

/// Where the time of one interval went.
public struct HistoryInterval: Equatable, Sendable {
    /// Unix seconds of the interval's first and last sample.
    public var startAt: Double
    public var endAt: Double
    /// The coach's tallies for this interval alone (see `CoachTallies.since(_:)`), not-worn time
    /// included.
    public var times: CoachTallies
    public var angles: IntervalAngles

    public init(startAt: Double, endAt: Double, times: CoachTallies, angles: IntervalAngles = .init()) {
        self.startAt = startAt
        self.endAt = endAt
        self.times = times
        self.angles = angles
    }

    /// Time the sensor was not worn, in seconds: `times.notWornSeconds`.
    public var notWornSeconds: Double {
        get { times.notWornSeconds }
        set { times.notWornSeconds = newValue }
    }
}

/// One thing the coach said (or a change of its state), at a wall-clock time.
public struct HistoryEvent: Equatable, Sendable {
    /// Unix seconds.
    public var at: Double
    /// `CoachEvent.Kind`'s raw value: `slump`, `repeat`, `corrected`, `break`, `exercise-started`,
    /// `exercise-done`, `exercise-incomplete`, `state`.
    public var kind: String
    /// The coach's state after the event (`CoachState.name`).
    public var state: String
    public var slump: String?
    public var exercise: String?
    public var repetitionsDone: Int?
    public var thoracicDeg: Double?
    public var headForwardDeg: Double?

    public init(_ event: CoachEvent, originUnixSeconds: Double) {
        at = originUnixSeconds + event.timeSeconds
        kind = event.kind.rawValue
        state = event.state.name
        slump = event.slump?.rawValue ?? event.state.slumpKind?.rawValue
        exercise = event.exercise?.rawValue
        repetitionsDone = event.repetitionsDone
        thoracicDeg = event.thoracicDeg
        headForwardDeg = event.headForwardDeg
    }
}

extension CoachState {
    /// The slump of a slumping or alerted state.
    var slumpKind: SlumpKind? {
        switch self {
        case .slumping(_, let kind), .alerted(_, let kind): kind
        default: nil
        }
    }
}

extension CoachTallies {
    /// What was added to these tallies since `earlier` (the tallies at an interval's start).
    public func since(_ earlier: CoachTallies) -> CoachTallies {
        var d = CoachTallies()
        d.uprightSeconds = uprightSeconds - earlier.uprightSeconds
        d.slumpedSeconds = slumpedSeconds - earlier.slumpedSeconds
        d.suppressedSeconds = suppressedSeconds - earlier.suppressedSeconds
        d.uncalibratedSeconds = uncalibratedSeconds - earlier.uncalibratedSeconds
        d.gapSeconds = gapSeconds - earlier.gapSeconds
        d.notWornSeconds = notWornSeconds - earlier.notWornSeconds
        d.trainingSeconds = trainingSeconds - earlier.trainingSeconds
        for kind in SlumpKind.allCases {
            d.slumpedSecondsByKind[kind] = slumpedSecondsByKind[kind] - earlier.slumpedSecondsByKind[kind]
        }
        for reason in SuppressionReason.allCases {
            d.suppressedSecondsByReason[reason] = suppressedSecondsByReason[reason] - earlier.suppressedSecondsByReason[reason]
        }
        d.alerts = alerts - earlier.alerts
        d.repeats = repeats - earlier.repeats
        d.corrections = corrections - earlier.corrections
        d.breakReminders = breakReminders - earlier.breakReminders
        d.exercisesDone = exercisesDone - earlier.exercisesDone
        d.exercisesIncomplete = exercisesIncomplete - earlier.exercisesIncomplete
        d.rejectedSamples = rejectedSamples - earlier.rejectedSamples
        return d
    }
}
