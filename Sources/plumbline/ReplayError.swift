import Monitor
import SensorLog

/// Seconds of a log, written START-END (e.g. 2-5).
struct TimeRange: Sendable {
    let startSeconds: Double
    let endSeconds: Double
}

/// Why a replay could not run (no usage text: the arguments were fine): `kind` is the word after
/// `plumbline:` on the error line, `description` what happened and what to do.
struct ReplayError: Error, CustomStringConvertible {
    let kind: String
    let description: String
    init(_ description: String, kind: String = "replay") {
        self.kind = kind
        self.description = description
    }

    /// A source that cannot be read, with the advice that fits.
    static func source(_ error: SourceError) -> ReplayError {
        switch error {
        case .log(let log): return .log(log)
        }
    }

    /// A log that cannot be read, with the advice that fits what is wrong with it.
    static func log(_ error: SensorLogError) -> ReplayError {
        let advice: String
        switch error.kind {
        case .cannotOpen, .readFailed:
            advice = "Check the path and that you may read the file."
        case .notANumber, .missingField, .timeNotIncreasing, .tooManyFields, .expectedEmpty, .unknownSensor,
             .unknownRecord, .badInterval, .lineTooLong:
            advice = "Mend or delete that line, or replay with --lenient to skip bad rows (they are counted)."
        default:
            advice = "Plumbline replays its own logs (`plumbline record`) and the xio Fusion CSV layout."
        }
        return ReplayError("\(error). \(advice)", kind: "bad-log")
    }
}
