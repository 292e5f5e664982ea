#if canImport(Glibc)
import Glibc
#endif
import Coach

/// The day in summary: one JSON line per interval (1 to 60 s of source time) with the time spent
/// upright, slumped, suppressed and without data, the mean angles, and the alerts, in a file that
/// survives a power cut: each line is written whole with one `write(2)` and synced at once, so a
/// `kill -9` loses at most the interval in progress.
public final class HistoryWriter: SessionTap {
    public let path: String
    public let resolutionSeconds: Double
    private let fd: CInt
    private var intervalStartSeconds: Double?
    private var talliesAtStart = CoachTallies()
    private var thoracicSum = 0.0, thoracicCount = 0
    private var headSum = 0.0, headCount = 0
    public private(set) var linesWritten = 0

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Opens (creating, mode 0600) or appends to `path`.
    public init(path: String, resolutionSeconds: Double = 60) throws(Failure) {
        precondition(resolutionSeconds > 0, "a positive resolution")
        self.path = path
        self.resolutionSeconds = resolutionSeconds
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw Failure(description: "cannot open the history \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(fd) }

    /// Takes one posture frame and the coach after it; writes a line when an interval closes.
    public func record(_ frame: PostureFrame, coach: Coach) throws(Failure) {
        let start = intervalStartSeconds ?? frame.timeSeconds
        if intervalStartSeconds == nil {
            intervalStartSeconds = start
            talliesAtStart = coach.tallies
        }
        if frame.timeSeconds - start >= resolutionSeconds {
            try flush(until: frame.timeSeconds, coach: coach)
            intervalStartSeconds = frame.timeSeconds
            talliesAtStart = coach.tallies
        }
        if let angles = frame.angles {
            thoracicSum += angles.thoracicDeg
            thoracicCount += 1
            if let head = angles.headForwardDeg {
                headSum += head
                headCount += 1
            }
        }
    }

    /// Writes the interval in progress (at shutdown).
    public func finish(at timeSeconds: Double, coach: Coach) throws(Failure) {
        guard let start = intervalStartSeconds, timeSeconds > start else { return }
        try flush(until: timeSeconds, coach: coach)
        intervalStartSeconds = nil
    }

    // MARK: As a tap of the session runner

    public var name: String { "history \(path)" }

    public func observe(_ event: SourceEvent, session: Session) throws(TapFailure) {
        guard case .sample(let s) = event, s.role == .trunk, let frame = session.lastFrame, frame.timeSeconds == s.timeSeconds else { return }
        do { try record(frame, coach: session.coach) } catch { throw TapFailure(error.description) }
    }

    public func finish(session: Session) throws(TapFailure) {
        guard let frame = session.lastFrame else { return }
        do { try finish(at: frame.timeSeconds, coach: session.coach) } catch { throw TapFailure(error.description) }
    }

    private func flush(until endSeconds: Double, coach: Coach) throws(Failure) {
        guard let start = intervalStartSeconds else { return }
        let t = coach.tallies, s = talliesAtStart
        func mean(_ sum: Double, _ n: Int) -> String { n == 0 ? "null" : Self.fixed(sum / Double(n), 2) }
        let line = "{\"start_s\":\(Self.fixed(start, 3)),\"end_s\":\(Self.fixed(endSeconds, 3)),"
            + "\"upright_s\":\(Self.fixed(t.uprightSeconds - s.uprightSeconds, 3)),"
            + "\"slumped_s\":\(Self.fixed(t.slumpedSeconds - s.slumpedSeconds, 3)),"
            + "\"suppressed_s\":\(Self.fixed(t.suppressedSeconds - s.suppressedSeconds, 3)),"
            + "\"gap_s\":\(Self.fixed(t.gapSeconds - s.gapSeconds, 3)),"
            + "\"thoracic_mean_deg\":\(mean(thoracicSum, thoracicCount)),"
            + "\"head_forward_mean_deg\":\(mean(headSum, headCount)),"
            + "\"alerts\":\(t.alerts - s.alerts),\"repeats\":\(t.repeats - s.repeats),"
            + "\"corrections\":\(t.corrections - s.corrections),\"exercises_done\":\(t.exercisesDone - s.exercisesDone),"
            + "\"state\":\"\(coach.state.name)\"}\n"
        thoracicSum = 0; thoracicCount = 0; headSum = 0; headCount = 0
        var bytes = Array(line.utf8)
        let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fdatasync(fd) == 0 else {
            throw Failure(description: "writing the history \(path) failed: \(String(cString: strerror(errno)))")
        }
        linesWritten += 1
    }

    /// A JSON number with `digits` decimals, `null` when not finite.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? fixedDecimal(value, digits: digits) : "null"
    }
}
