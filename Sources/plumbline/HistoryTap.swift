import ArgumentParser
import Coach
import Configuration
import Foundation
import History
import Monitor
import Posture

/// A history opened for a session: its writer (a tap for the session runner) and, with a
/// training plan, where the session's day stands in it.
struct OpenedHistory {
    let writer: HistoryWriter
    let training: TrainingDay?
}

/// Opens the history store at `path` and starts a session in it. With a training `plan`, today's
/// target and the training done earlier today come from the store (days begin at local midnight).
func openHistory(path: String, configuration: PlumblineConfiguration, source: String, calibrations: [SensorRole: Calibration],
                 startedAt: Date, anchor: HistoryWriter.Anchor, plan: TrainingPlan?) throws -> OpenedHistory {
    do {
        try StateFiles.makeDirectories(StateFiles.directory(of: path))
    } catch {
        throw HistoryError(path: path, action: "create the folder of", reason: error.description,
                           advice: "Give a writable --history path, or set storage.directory.")
    }
    let store = try HistoryStore.open(path: path)
    let session = HistorySession(startedAt: startedAt.timeIntervalSince1970, source: source,
                                 resolutionSeconds: configuration.storage.historyResolutionSeconds,
                                 mode: configuration.coach.mode.rawValue)
    var training: TrainingDay?
    if let plan, let today = try store.trainingDays(through: startedAt.timeIntervalSince1970, plan: plan, timeZone: .current).last {
        training = TrainingDay(plan: plan, targetSeconds: today.targetSeconds, doneBeforeSeconds: today.trainedSeconds)
    }
    let writer = try HistoryWriter(store: store, session: session, calibrations: calibrations.values.sorted { $0.role.rawValue < $1.role.rawValue },
                                   anchor: anchor, retentionDays: configuration.storage.historyDays)
    return OpenedHistory(writer: writer, training: training)
}

extension Replay {
    func validateHistory() throws {
        if startAt != nil && history == nil { throw ValidationError("--start-at goes with --history.") }
        if let startAt, ReportPeriod.time(startAt, timeZone: .current) == nil {
            throw ValidationError("--start-at takes an ISO 8601 time such as 2026-11-30T09:00:00+01:00 (got \(startAt)).")
        }
    }

    /// The history writer, anchored at --start-at or the log's `started` header.
    func historyTap(_ path: String, source: LogSource, configuration: PlumblineConfiguration,
                    calibrations: [SensorRole: Calibration], plan: TrainingPlan?) throws -> OpenedHistory {
        guard let text = startAt ?? source.reader.header.metadata["started"], let start = ReportPeriod.time(text, timeZone: .current) else {
            throw ReplayError("\(recording) does not say when it was recorded (no `started` in its header). Give --start-at 2026-11-30T09:00:00 (local time, or with a zone).", kind: "history")
        }
        do {
            return try openHistory(path: path, configuration: configuration, source: "replay \(recording)", calibrations: calibrations,
                                   startedAt: start, anchor: .firstSample(unixSeconds: start.timeIntervalSince1970), plan: plan)
        } catch { throw ReplayError("\(error)", kind: "history") }
    }
}
