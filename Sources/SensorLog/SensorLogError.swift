// The one error type of the SensorLog layer.

/// A log that could not be read, with where it went wrong.
public struct SensorLogError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The file could not be opened; `errno` from the C library.
        case cannotOpen(errno: Int32)
        /// The file has no header line.
        case emptyFile
        /// A required column is not in the header.
        case missingColumn(String)
        /// Only some of the gyroscope columns are present.
        case partialGyroscope
        /// A value is not a number.
        case notANumber(String)
        /// A row has fewer fields than the header.
        case missingField(column: String)
        /// Time went backwards or stood still.
        case timeNotIncreasing(previous: Double, current: Double)
        /// Reading failed after opening; `errno` from the C library.
        case readFailed(errno: Int32)
    }

    public var file: String
    /// 1-based line number, 0 when the error is not about a line.
    public var line: Int
    /// 1-based column (field) number, 0 when the error is not about a field.
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
        switch kind {
        case .cannotOpen(let e): return "\(place): cannot open (errno \(e))"
        case .emptyFile: return "\(place): empty file, expected a header line"
        case .missingColumn(let name): return "\(place): header has no column \"\(name)\""
        case .partialGyroscope: return "\(place): header has some but not all gyroscope columns"
        case .notANumber(let text): return "\(place): \"\(text)\" is not a number"
        case .missingField(let name): return "\(place): row ends before column \"\(name)\""
        case .timeNotIncreasing(let p, let c): return "\(place): time \(c) s does not follow \(p) s"
        case .readFailed(let e): return "\(place): read failed (errno \(e))"
        }
    }
}
