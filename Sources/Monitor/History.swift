import Coach
import History
import Posture

/// The history tap: keeps one interval (`storage.history_resolution_s`, 1 to 60 s) in memory —
/// the coach's tallies at its start, the angles' sums and extremes, the coach's events — and
/// writes it to the store in one transaction when the interval closes. Nothing touches the disk
/// between two interval ends, so the sample path never waits for it, and a `kill -9` loses at
/// most the interval in progress.
///
/// Interval boundaries fall on wall-clock multiples of the resolution (a minute's intervals start
/// on the minute), so days split at midnight on a boundary.
public final class HistoryWriter: SessionTap {
    public let store: HistoryStore
    public let resolutionSeconds: Double
    /// Unix seconds at source time 0: wall time = origin + source time. Set at the first event
    /// when the writer was anchored at the first sample.
    public private(set) var originUnixSeconds: Double?
    private let firstSampleUnixSeconds: Double?
    public let sessionID: Int64
    private var intervalStartSeconds: Double?
    private var boundarySeconds = 0.0
    private var talliesAtStart = CoachTallies()
    private var angles = AngleAccumulator()
    private var pending: [HistoryEvent] = []
    public private(set) var intervalsWritten = 0

    /// Where source time meets the wall clock.
    public enum Anchor: Sendable {
        /// Unix seconds at source time 0 (a live run: the wall clock now minus the source's now).
        case origin(unixSeconds: Double)
        /// Unix seconds of the first sample (a replay's `--start-at`).
        case firstSample(unixSeconds: Double)
    }

    /// Starts a session in `store` (pruning what is older than `retentionDays`, when given).
    public init(store: HistoryStore, session: HistorySession, calibrations: [Calibration],
                anchor: Anchor, retentionDays: Double? = nil) throws(HistoryError) {
        self.store = store
        resolutionSeconds = max(session.resolutionSeconds, 0.001)
        switch anchor {
        case .origin(let unix): (originUnixSeconds, firstSampleUnixSeconds) = (unix, nil)
        case .firstSample(let unix): (originUnixSeconds, firstSampleUnixSeconds) = (nil, unix)
        }
        if let retentionDays { try store.prune(before: session.startedAt - retentionDays * 86_400) }
        sessionID = try store.beginSession(session, calibrations: calibrations)
        pending.reserveCapacity(64)
    }

    // MARK: As a tap of the session runner

    /// Its failures name the store's path themselves.
    public var name: String { "history" }

    public func observe(_ event: SourceEvent, session: Session) throws(TapFailure) {
        if originUnixSeconds == nil, case .sample(let s) = event { anchor(at: s.timeSeconds) }
        guard case .sample(let s) = event, s.role == .trunk, let frame = session.lastFrame, frame.timeSeconds == s.timeSeconds else { return }
        do { try record(frame, coach: session.coach) } catch { throw TapFailure(error.description) }
    }

    public func observe(_ event: CoachEvent, session: Session) throws(TapFailure) {
        let origin = anchor(at: event.timeSeconds)
        pending.append(HistoryEvent(event, originUnixSeconds: origin))
    }

    public func finish(session: Session) throws(TapFailure) {
        guard let frame = session.lastFrame else { return }
        do { try finish(at: frame.timeSeconds, coach: session.coach) } catch { throw TapFailure(error.description) }
    }

    // MARK: Intervals

    /// Takes one posture frame and the coach after it; writes the interval when it closes.
    public func record(_ frame: PostureFrame, coach: Coach) throws(HistoryError) {
        anchor(at: frame.timeSeconds)
        if intervalStartSeconds == nil { begin(at: frame.timeSeconds, coach: coach) }
        if frame.timeSeconds >= boundarySeconds {
            try flush(until: frame.timeSeconds, coach: coach)
            begin(at: frame.timeSeconds, coach: coach)
        }
        angles.add(frame.angles)
    }

    /// Writes the interval in progress (at the end of the run).
    public func finish(at timeSeconds: Double, coach: Coach) throws(HistoryError) {
        guard let start = intervalStartSeconds, timeSeconds > start || !pending.isEmpty else { return }
        try flush(until: timeSeconds, coach: coach, final: true)
        intervalStartSeconds = nil
    }

    /// The origin, fixed by the first source time seen when anchored at the first sample.
    @discardableResult
    private func anchor(at timeSeconds: Double) -> Double {
        if let originUnixSeconds { return originUnixSeconds }
        let origin = (firstSampleUnixSeconds ?? 0) - timeSeconds
        originUnixSeconds = origin
        return origin
    }

    private func begin(at timeSeconds: Double, coach: Coach) {
        intervalStartSeconds = timeSeconds
        talliesAtStart = coach.tallies
        let origin = anchor(at: timeSeconds)
        let wall = origin + timeSeconds
        boundarySeconds = ((wall / resolutionSeconds).rounded(.down) + 1) * resolutionSeconds - origin
    }

    /// Writes the interval from its start to `endSeconds`. Time the coach holds back (the sensor
    /// motionless, not yet judged) goes to the interval that settles it; at the end (`final`), it
    /// counts as worn.
    private func flush(until endSeconds: Double, coach: Coach, final: Bool = false) throws(HistoryError) {
        guard let start = intervalStartSeconds, let originUnixSeconds else { return }
        let times = (final ? coach.talliesReleasingHeldTime : coach.tallies).since(talliesAtStart)
        let interval = HistoryInterval(startAt: originUnixSeconds + start, endAt: originUnixSeconds + endSeconds,
                                       times: times, angles: angles.summary)
        angles = AngleAccumulator()
        defer { pending.removeAll(keepingCapacity: true) }
        try store.append(interval, events: pending, session: sessionID)
        intervalsWritten += 1
    }
}

/// Sums and extremes of the angles over one interval.
struct AngleAccumulator {
    private var thoracicSum = 0.0, thoracicCount = 0
    private var thoracicMax = -Double.infinity, thoracicMin = Double.infinity
    private var headSum = 0.0, headCount = 0, headMax = -Double.infinity

    mutating func add(_ angles: PostureAngles?) {
        guard let angles, angles.thoracicDeg.isFinite else { return }
        thoracicSum += angles.thoracicDeg
        thoracicCount += 1
        thoracicMax = max(thoracicMax, angles.thoracicDeg)
        thoracicMin = min(thoracicMin, angles.thoracicDeg)
        if let head = angles.headForwardDeg, head.isFinite {
            headSum += head
            headCount += 1
            headMax = max(headMax, head)
        }
    }

    var summary: IntervalAngles {
        IntervalAngles(thoracicMeanDeg: thoracicCount == 0 ? nil : thoracicSum / Double(thoracicCount),
                       thoracicMaxDeg: thoracicCount == 0 ? nil : thoracicMax,
                       thoracicMinDeg: thoracicCount == 0 ? nil : thoracicMin,
                       headForwardMeanDeg: headCount == 0 ? nil : headSum / Double(headCount),
                       headForwardMaxDeg: headCount == 0 ? nil : headMax)
    }
}
