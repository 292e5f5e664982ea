#if canImport(GRDB)
import GRDB
#endif

/// A history store that could not be opened, read or written: the file, what was being done, the
/// SQLite reason, and what to do about it.
public struct HistoryError: Error, CustomStringConvertible, Sendable {
    /// The store's path.
    public let path: String
    /// What Plumbline was doing ("open", "write an interval to", "read").
    public let action: String
    /// SQLite's (or the system's) words.
    public let reason: String
    /// What the user can do.
    public let advice: String

    public init(path: String, action: String, reason: String, advice: String) {
        self.path = path
        self.action = action
        self.reason = reason
        self.advice = advice
    }

    public var description: String { "cannot \(action) the history \(path): \(reason). \(advice)" }

    /// Wraps an error from GRDB with advice that fits its result code.
    static func wrapping(_ error: any Error, path: String, action: String) -> HistoryError {
        guard let database = error as? DatabaseError else {
            return HistoryError(path: path, action: action, reason: "\(error)", advice: "Check the file and its folder.")
        }
        let reason = database.message ?? "SQLite error \(database.resultCode.rawValue)"
        let advice: String
        switch database.resultCode {
        case .SQLITE_FULL:
            advice = "The disk is full: free some space (old recordings in the state directory are the largest files)."
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            advice = "Make the file and its folder writable by this user, or give another path with --history."
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            advice = "The file is damaged or not a Plumbline history: move it aside, and the next run starts a new one."
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            advice = "Another program holds the store locked: stop it, or give another path with --history."
        default:
            advice = "Check the disk's free space and health (`df -h`, `dmesg`)."
        }
        return HistoryError(path: path, action: action, reason: reason, advice: advice)
    }
}
