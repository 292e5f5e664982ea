import Coach
import Posture

/// Something that watches a running session beside the coach: the history, the raw recorder,
/// the replay trace. Taps see every source event after the session took it, in order.
public protocol SessionTap: AnyObject {
    /// What the tap writes, for messages ("history", "trace out.csv"); its failures name the file.
    var name: String { get }
    func observe(_ event: SourceEvent, session: Session) throws(TapFailure)
    /// Sees every coach event, in order, before the source event that caused it (the history
    /// keeps them; most taps ignore them).
    func observe(_ event: CoachEvent, session: Session) throws(TapFailure)
    /// The end of the run: write what is pending and close.
    func finish(session: Session) throws(TapFailure)
}

extension SessionTap {
    public func observe(_ event: CoachEvent, session: Session) throws(TapFailure) {}
}

/// A tap that could not write; it names the file and the system's reason.
public struct TapFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The session runner: source → posture pipeline → coach → sinks, with taps beside. `monitor`,
/// `replay`, `demo` and the soak run through it, so they behave alike.
///
/// One `step` reads one batch from the source (a FIFO drain, or a block of log rows), feeds each
/// event to the session, hands every coach event to `emit` and every source event to the taps.
/// A tap that fails is reported once through `notice` and dropped: coaching goes on.
public final class SessionRunner {
    public private(set) var session: Session
    public let source: any SampleSource
    public private(set) var taps: [any SessionTap]
    /// Receives every coach event, in order.
    public var emit: (CoachEvent) -> Void
    /// Receives lines for the wearer: a tap that stopped, a calibration that no longer fits.
    public var notice: (String) -> Void
    /// Local seconds since midnight for quiet hours, read once per batch; `nil` for none.
    public var timeOfDay: () -> Double? = { nil }
    private var batch: [SourceEvent] = []
    private var warnedRecalibration = false
    /// The training plan's state last announced: target met, and the day.
    private var announcedTraining = (met: false, day: 0)

    public init(session: Session, source: any SampleSource, taps: [any SessionTap] = [],
                emit: @escaping (CoachEvent) -> Void, notice: @escaping (String) -> Void) {
        self.session = session
        self.source = source
        self.taps = taps
        self.emit = emit
        self.notice = notice
        batch.reserveCapacity(512)
    }

    /// Reads one batch and runs it through; returns `false` once the source has ended.
    @discardableResult
    public func step() throws(SourceError) -> Bool {
        // The batch runs on locals moved out of the runner and back: one access to its state per
        // batch, not several per event (each a dynamic exclusivity check on a class).
        var batch: [SourceEvent] = []
        swap(&batch, &self.batch)
        defer { swap(&batch, &self.batch) }
        batch.removeAll(keepingCapacity: true)
        let more = try source.read(into: &batch)
        var session = self.session
        let now = timeOfDay()
        var coachEvents = CoachEvents()
        // Each event is lent to the session and the taps from the batch's storage: a pointer's
        // subscript lends, where the array's and the buffer's make a copy.
        batch.withUnsafeBufferPointer { buffer in
            guard let events = buffer.baseAddress else { return }
            for index in 0..<buffer.count {
                session.process(events[index], timeOfDaySeconds: now, into: &coachEvents)
                // Iterating copies the buffer: only when there is something in it.
                if !coachEvents.isEmpty {
                    for coachEvent in coachEvents { deliver(coachEvent, session: session) }
                }
                if !taps.isEmpty {
                    forEachTap { tap throws(TapFailure) in try tap.observe(events[index], session: session) }
                }
            }
        }
        self.session = session
        announceTraining()
        if session.needsRecalibration && !warnedRecalibration {
            warnedRecalibration = true
            notice("plumbline: recalibrate: the trunk sensor came back worn differently, so the calibration no longer fits and coaching is paused. Run `plumbline calibrate --lean`.")
        }
        return more
    }

    /// One line when the day's training target is met (tracking from then on), and one when a new
    /// day starts training again.
    private func announceTraining() {
        guard let training = session.training else { return }
        let now = (met: session.trainingTargetMet, day: session.daysStarted)
        guard now != announcedTraining else { return }
        let minutes = Int((training.targetSeconds / 60).rounded())
        if now.met && !announcedTraining.met || now.met && now.day != announcedTraining.day {
            notice("plumbline: today's training target of \(minutes) min is met: tracking only (no alerts) until midnight. Set coach.training_plan: off to be coached all day.")
        } else if now.day != announcedTraining.day {
            notice("plumbline: a new day: coaching until today's training target of \(minutes) min.")
        }
        announcedTraining = now
    }

    /// Runs until the source ends or `shouldStop` says so (checked after every batch).
    public func run(until shouldStop: () -> Bool = { false }) throws(SourceError) {
        while !shouldStop(), try step() {}
    }

    /// Acts on the session between batches (a key press: start the exercise, snooze); its coach
    /// events go to `emit`. An exercise it starts is the wearer's yes: the taps see it as
    /// `.exerciseStarted`, so a raw recording replays it.
    public func perform(_ action: (inout Session) -> CoachEvents) {
        for coachEvent in action(&session) {
            deliver(coachEvent, session: session)
            if coachEvent.kind == .exerciseStarted, let exercise = coachEvent.exercise {
                let event = SourceEvent.exerciseStarted(exercise, timeSeconds: coachEvent.timeSeconds)
                forEachTap { tap throws(TapFailure) in try tap.observe(event, session: session) }
            }
        }
    }

    /// Hands a coach event to `emit` and to every tap, with the session it came from (in `step`,
    /// the batch's own copy).
    private func deliver(_ coachEvent: CoachEvent, session: Session) {
        emit(coachEvent)
        forEachTap { tap throws(TapFailure) in try tap.observe(coachEvent, session: session) }
    }

    /// Ends the run: every tap writes what is pending and closes; a failure is reported.
    public func finish() {
        for tap in taps {
            do { try tap.finish(session: session) } catch { notice("plumbline: \(tap.name): \(error)") }
        }
        taps.removeAll()
    }

    /// Hands something to every tap; a tap that fails is reported once and dropped.
    private func forEachTap(_ body: (any SessionTap) throws(TapFailure) -> Void) {
        var index = 0
        while index < taps.count {
            do {
                try body(taps[index])
                index += 1
            } catch {
                notice("plumbline: \(taps[index].name): \(error) It is no longer written; coaching goes on.")
                taps.remove(at: index)
            }
        }
    }
}
