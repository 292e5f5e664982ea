#if canImport(Glibc)
import Glibc
#endif
import Coach
import GRDB
import Posture

/// The history: an SQLite file (through GRDB) with the sessions, the calibrations they used, one
/// row per interval of `storage.history_resolution_s` and the coach's events. WAL mode with full
/// synchronisation: a transaction that returned is on the disk, and a process killed at any moment
/// leaves every earlier transaction whole.
public final class HistoryStore {
    public let path: String
    private let database: DatabaseQueue

    private init(path: String, database: DatabaseQueue) {
        self.path = path
        self.database = database
    }

    /// Opens `path`, creating it readable by the owner only (SQLite gives its -wal and -shm files
    /// the same mode), and brings its tables up to date.
    public static func open(path: String) throws(HistoryError) -> HistoryStore {
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw HistoryError(path: path, action: "open", reason: reason,
                               advice: "Make the file and its folder writable by this user, or give another path with --history.")
        }
        close(fd)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.busyMode = .timeout(2)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try HistorySchema.migrator.migrate(queue)
            return HistoryStore(path: path, database: queue)
        } catch {
            throw HistoryError.wrapping(error, path: path, action: "open")
        }
    }

    /// Opens an existing store for reading only (the report).
    public static func openForReading(path: String) throws(HistoryError) -> HistoryStore {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let missing = try queue.read { db in try !HistorySchema.migrator.hasCompletedMigrations(db) }
            if missing {
                throw HistoryError(path: path, action: "read", reason: "its tables are older or newer than this Plumbline's",
                                   advice: "Open it once with `plumbline monitor` of this version, or use the Plumbline that wrote it.")
            }
            return HistoryStore(path: path, database: queue)
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError.wrapping(error, path: path, action: "read")
        }
    }

    /// Starts a session and records the calibrations it uses; returns its id.
    public func beginSession(_ session: HistorySession, calibrations: [Calibration]) throws(HistoryError) -> Int64 {
        try write("start a session in") { db in
            try db.execute(sql: "INSERT INTO session (started_at, source, resolution_s, mode) VALUES (?, ?, ?, ?)",
                           arguments: [session.startedAt, session.source, session.resolutionSeconds, session.mode])
            let id = db.lastInsertedRowID
            for c in calibrations {
                try db.execute(sql: """
                    INSERT INTO calibration (session_id, role, chip, up_x, up_y, up_z, axis_x, axis_y, axis_z, axis_source)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, c.role.rawValue, c.chip, c.up.x, c.up.y, c.up.z,
                                     c.flexionAxis.x, c.flexionAxis.y, c.flexionAxis.z, c.axisSource.rawValue])
            }
            return id
        }
    }

    /// Writes one interval and the events in it, in one transaction, and moves the session's end.
    public func append(_ interval: HistoryInterval, events: [HistoryEvent], session: Int64) throws(HistoryError) {
        try write("write an interval to") { db in
            try Self.insert(interval, session: session, db)
            for e in events {
                try db.execute(sql: """
                    INSERT INTO event (session_id, at, kind, state, slump, exercise, repetitions_done, thoracic_deg, head_forward_deg)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [session, e.at, e.kind, e.state, e.slump, e.exercise, e.repetitionsDone, e.thoracicDeg, e.headForwardDeg])
            }
            try db.execute(sql: "UPDATE session SET ended_at = ? WHERE id = ?", arguments: [interval.endAt, session])
        }
    }

    /// Deletes what started before `cutoff` (Unix seconds): `storage.history_days`.
    public func prune(before cutoff: Double) throws(HistoryError) {
        try write("prune") { db in
            try db.execute(sql: "DELETE FROM event WHERE at < ?", arguments: [cutoff])
            try db.execute(sql: "DELETE FROM interval WHERE start_at < ?", arguments: [cutoff])
            try db.execute(sql: """
                DELETE FROM session WHERE started_at < ? AND coalesce(ended_at, started_at) < ?
                  AND NOT EXISTS (SELECT 1 FROM interval WHERE session_id = session.id)
                """, arguments: [cutoff, cutoff])
        }
    }

    /// SQLite's own check of the file: empty when it is whole.
    public func integrityProblems() throws(HistoryError) -> [String] {
        try read("check") { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
        }
    }

    func read<T>(_ action: String, _ body: (Database) throws -> T) throws(HistoryError) -> T {
        do { return try database.read(body) } catch { throw HistoryError.wrapping(error, path: path, action: action) }
    }

    private func write<T>(_ action: String, _ body: (Database) throws -> T) throws(HistoryError) -> T {
        do { return try database.write(body) } catch { throw HistoryError.wrapping(error, path: path, action: action) }
    }

    private static func insert(_ i: HistoryInterval, session: Int64, _ db: Database) throws {
        let t = i.times, a = i.angles
        try db.execute(sql: """
            INSERT INTO interval (session_id, start_at, end_at, upright_s, slumped_s, suppressed_s, uncalibrated_s, gap_s, not_worn_s,
                training_s, thoracic_mean_deg, thoracic_max_deg, thoracic_min_deg, head_forward_mean_deg, head_forward_max_deg)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [session, i.startAt, i.endAt, t.uprightSeconds, t.slumpedSeconds, t.suppressedSeconds,
                             t.uncalibratedSeconds, t.gapSeconds, i.notWornSeconds, t.trainingSeconds, a.thoracicMeanDeg,
                             a.thoracicMaxDeg, a.thoracicMinDeg, a.headForwardMeanDeg, a.headForwardMaxDeg])
        let id = db.lastInsertedRowID
        for kind in SlumpKind.allCases where t.slumpedSecondsByKind[kind] != 0 {
            try db.execute(sql: "INSERT INTO interval_slump (interval_id, kind, seconds) VALUES (?, ?, ?)",
                           arguments: [id, kind.rawValue, t.slumpedSecondsByKind[kind]])
        }
        for reason in SuppressionReason.allCases where t.suppressedSecondsByReason[reason] != 0 {
            try db.execute(sql: "INSERT INTO interval_suppressed (interval_id, reason, seconds) VALUES (?, ?, ?)",
                           arguments: [id, reason.rawValue, t.suppressedSecondsByReason[reason]])
        }
    }
}
