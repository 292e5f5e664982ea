import Foundation
import Logging

/// swift-log backend for stderr. Under systemd (`JOURNAL_STREAM` set) each line starts with the
/// syslog priority in `<N>` form, which journald turns into the entry's priority, and carries no
/// timestamp (journald adds its own). In a terminal: `LEVEL label: message key=value`.
struct JournalLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let journal: Bool

    init(label: String, level: Logger.Level, journal: Bool) {
        self.label = label
        self.logLevel = level
        self.journal = journal
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        let merged = metadata.merging(explicit ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = "\(label): \(message)\(fields.isEmpty ? "" : " " + fields)"
        let out = journal ? "<\(Self.priority(level))>\(text)\n" : "\(level.rawValue.uppercased()) \(text)\n"
        FileHandle.standardError.write(Data(out.utf8))
    }

    /// syslog(3) priorities.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// Installs the handler once, at start: level from PLUMBLINE_LOG_LEVEL (trace … critical, default notice).
    static func bootstrap() {
        let environment = ProcessInfo.processInfo.environment
        let level = environment["PLUMBLINE_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .notice
        let journal = environment["JOURNAL_STREAM"] != nil
        LoggingSystem.bootstrap { JournalLogHandler(label: $0, level: level, journal: journal) }
    }
}
