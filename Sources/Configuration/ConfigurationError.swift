/// A configuration problem, located: file, line, column and key path.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        /// The file is missing, unreadable, or a directory.
        case file
        /// The YAML itself does not parse.
        case syntax
        /// A key that Plumbline does not know (usually a typo).
        case unknownKey = "unknown-key"
        /// A value of the wrong type or outside its allowed range.
        case invalidValue = "invalid-value"
        /// A required key is absent.
        case missingKey = "missing-key"
    }

    public var kind: Kind
    public var file: String
    public var line: Int?
    public var column: Int?
    /// Dotted key path, e.g. `coach.delaySeconds`.
    public var key: String?
    /// What is wrong and what is allowed.
    public var message: String

    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        let subject = key.map { "\($0): " } ?? ""
        return "\(place): \(subject)\(message)"
    }
}
