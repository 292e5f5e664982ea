// The one error type of the SensorLog layer, for reading and for writing.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A log that could not be read or written, with where it went wrong.
///
/// `line` is 1-based. `column` is the 1-based field number: fields are separated by commas in
/// rows, records and the column line, and by spaces in `#` header lines (the word after `#` is
/// field 1). Both are 0 when the error is not about a line or a field. For the writer, `line` is
/// the line the rejected row would have had.
public struct SensorLogError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The file could not be opened or created; `errno` from the C library.
        case cannotOpen(errno: Int32)
        /// The file has no header line.
        case emptyFile
        /// A required column is not in the header of a Fusion CSV file.
        case missingColumn(String)
        /// Only some of the gyroscope columns are present.
        case partialGyroscope
        /// A value is not a number.
        case notANumber(String)
        /// A row has fewer fields than the layout needs; the first missing column.
        case missingField(column: String)
        /// Time went backwards or stood still.
        case timeNotIncreasing(previous: Double, current: Double)
        /// Reading failed after opening; `errno` from the C library.
        case readFailed(errno: Int32)

        /// The first line starts with `#` but is not `# plumbline-log VERSION`.
        case notALog(String)
        /// The log's format version is not one this reader knows.
        case unsupportedVersion(String)
        /// A header line is neither `# KEY=VALUE` nor `# sensor ROLE KEY=VALUE…`.
        case badHeaderLine(String)
        /// A header value is out of range or malformed; `expected` says what is allowed.
        case badHeaderValue(key: String, value: String, expected: String)
        /// A sensor line names a key the format does not define.
        case unknownHeaderKey(String)
        /// A required header key (or the `sensor` line itself) is missing.
        case missingHeaderKey(String)
        /// A key or a sensor role appears twice.
        case duplicateHeaderKey(String)
        /// The header has more lines than the reader accepts.
        case tooManyHeaderLines(limit: Int)
        /// The column line is not the one this version defines.
        case badColumnLine(String)
        /// The file ends before the column line.
        case incompleteHeader
        /// A row names a sensor the header does not declare.
        case unknownSensor(String)
        /// A row or record has more fields than its layout.
        case tooManyFields(expected: Int)
        /// A cell that must stay empty (gyroscope of an accelerometer-only sensor) has a value.
        case expectedEmpty(column: String)
        /// A line starting with `@` is not a record this version defines.
        case unknownRecord(String)
        /// An interval whose end comes before its start (or, for a gap, does not follow it).
        case badInterval(start: Double, end: Double)
        /// A line is longer than the reader's fixed buffer.
        case lineTooLong(limit: Int)

        /// A value the writer cannot store (not finite, or beyond the format's range).
        case invalidValue(column: String, value: Double)
        /// Text the writer cannot store on one line (a newline, a control character, or a comma
        /// where one would split the field).
        case invalidText(String)
        /// `write(2)` failed; `errno` from the C library.
        case writeFailed(errno: Int32)
        /// `fsync(2)`/`fdatasync(2)` failed; `errno` from the C library.
        case syncFailed(errno: Int32)
        /// The writer was used after `close()`.
        case writerClosed
    }

    public var file: String
    /// 1-based line number, 0 when the error is not about a line.
    public var line: Int
    /// 1-based field number, 0 when the error is not about a field.
    public var column: Int
    public var kind: Kind

    public init(file: String, line: Int, column: Int, kind: Kind) {
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
    }

    public var description: String {
        let place = line > 0 ? (column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)") : file
        return "\(place): \(message)"
    }

    /// What went wrong and what was expected, without the place.
    public var message: String {
        switch kind {
        case .cannotOpen(let e): return "cannot open: \(Self.explain(e))"
        case .emptyFile: return "empty file, expected a header line (`# plumbline-log 1` or a Fusion CSV header)"
        case .missingColumn(let name):
            return "header has no column \"\(name)\" (expected `# plumbline-log 1` or a Fusion CSV header)"
        case .partialGyroscope: return "header has some but not all gyroscope columns (expected all three or none)"
        case .notANumber(let text): return "\"\(text)\" is not a number, expected a decimal number"
        case .missingField(let name): return "row ends before column \"\(name)\""
        case .timeNotIncreasing(let p, let c): return "time \(c) s does not follow \(p) s, expected increasing time"
        case .readFailed(let e): return "read failed: \(Self.explain(e))"
        case .notALog(let text): return "\"\(text)\" is not a log signature, expected `# plumbline-log 1`"
        case .unsupportedVersion(let v):
            let known = LogHeader.supportedVersions.map(String.init).joined(separator: ", ")
            return "plumbline-log version \"\(v)\" is not supported; this reader supports version \(known)"
        case .badHeaderLine(let text):
            return "\"\(text)\" is not a header line, expected `# KEY=VALUE` or `# sensor ROLE KEY=VALUE…`"
        case .badHeaderValue(let key, let value, let expected): return "\(key)=\(value): expected \(expected)"
        case .unknownHeaderKey(let key):
            return "unknown sensor key \"\(key)\", expected one of \(LogHeader.sensorKeys.joined(separator: ", "))"
        case .missingHeaderKey(let key): return "header lacks \(key)"
        case .duplicateHeaderKey(let key): return "\(key) appears twice in the header"
        case .tooManyHeaderLines(let limit): return "header longer than \(limit) lines"
        case .badColumnLine(let text): return "column line \"\(text)\" is not `\(LogHeader.columnLine)`"
        case .incompleteHeader: return "file ends in the header, before the column line `\(LogHeader.columnLine)`"
        case .unknownSensor(let role): return "sensor \"\(role)\" is not declared in the header"
        case .tooManyFields(let n): return "row has more than \(n) fields"
        case .expectedEmpty(let column): return "column \"\(column)\" must be empty for an accelerometer-only sensor"
        case .unknownRecord(let text):
            return "unknown record \"\(text)\", expected @annotation, @note or @gap"
        case .badInterval(let s, let e): return "interval \(s)–\(e) s ends before it starts"
        case .lineTooLong(let limit): return "line longer than \(limit) bytes"
        case .invalidValue(let column, let v): return "\(column) = \(v) cannot be stored, expected a finite number below 1e9 in magnitude"
        case .invalidText(let text): return "\"\(text)\" cannot be stored on one line (no newline, control character or, in a label or role, comma)"
        case .writeFailed(let e): return "write failed: \(Self.explain(e))"
        case .syncFailed(let e): return "sync to disk failed: \(Self.explain(e))"
        case .writerClosed: return "writer used after close()"
        }
    }

    /// The C library's text for an errno, with its number: "No such file or directory (errno 2)".
    static func explain(_ e: Int32) -> String {
        guard let text = strerror(e) else { return "errno \(e)" }
        return "\(String(cString: text)) (errno \(e))"
    }
}
