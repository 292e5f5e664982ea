import GRDB

/// The store's tables, one migration per change (never edit a migration once released: add one).
///
/// Times are Unix seconds (UTC) as REAL; durations are seconds; angles are degrees.
enum HistorySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sessions, calibrations, intervals, events") { db in
            try db.execute(sql: """
                CREATE TABLE session (
                    id INTEGER PRIMARY KEY,
                    started_at REAL NOT NULL,
                    ended_at REAL,
                    source TEXT NOT NULL,
                    resolution_s REAL NOT NULL,
                    mode TEXT NOT NULL
                );
                CREATE TABLE calibration (
                    id INTEGER PRIMARY KEY,
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    chip TEXT NOT NULL,
                    up_x REAL NOT NULL, up_y REAL NOT NULL, up_z REAL NOT NULL,
                    axis_x REAL NOT NULL, axis_y REAL NOT NULL, axis_z REAL NOT NULL,
                    axis_source TEXT NOT NULL
                );
                CREATE TABLE interval (
                    id INTEGER PRIMARY KEY,
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    start_at REAL NOT NULL,
                    end_at REAL NOT NULL,
                    upright_s REAL NOT NULL,
                    slumped_s REAL NOT NULL,
                    suppressed_s REAL NOT NULL,
                    uncalibrated_s REAL NOT NULL,
                    gap_s REAL NOT NULL,
                    not_worn_s REAL NOT NULL,
                    thoracic_mean_deg REAL,
                    thoracic_max_deg REAL,
                    thoracic_min_deg REAL,
                    head_forward_mean_deg REAL,
                    head_forward_max_deg REAL
                );
                CREATE INDEX interval_by_start ON interval(start_at);
                CREATE TABLE interval_slump (
                    interval_id INTEGER NOT NULL REFERENCES interval(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    seconds REAL NOT NULL,
                    PRIMARY KEY (interval_id, kind)
                );
                CREATE TABLE interval_suppressed (
                    interval_id INTEGER NOT NULL REFERENCES interval(id) ON DELETE CASCADE,
                    reason TEXT NOT NULL,
                    seconds REAL NOT NULL,
                    PRIMARY KEY (interval_id, reason)
                );
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY,
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    at REAL NOT NULL,
                    kind TEXT NOT NULL,
                    state TEXT NOT NULL,
                    slump TEXT,
                    exercise TEXT,
                    repetitions_done INTEGER,
                    thoracic_deg REAL,
                    head_forward_deg REAL
                );
                CREATE INDEX event_by_time ON event(at);
                """)
        }
        migrator.registerMigration("v2: training time per interval") { db in
            try db.execute(sql: "ALTER TABLE interval ADD COLUMN training_s REAL NOT NULL DEFAULT 0")
        }
        return migrator
    }
}
