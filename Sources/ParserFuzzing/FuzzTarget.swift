// The parsers that take outside input, each as a fuzz target: one input in, an outcome out.

/// One parser of outside input under fuzzing. `check` feeds it one input and returns what it made
/// of it; a crash, a sanitizer report, a broken invariant (a `precondition` here) or a hang is a bug.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `ConfigurationReader.parse` on the text, then each of its first lines as a `--set` override.
    case configuration
    /// `CalibrationFile.decode`, and on success a round trip through `encode`.
    case calibration
    /// `FusionCSVReader` over the input as a file, to the end of the log.
    case fusionCSV = "fusion-csv"
    /// `LogReader` (native logs and the Fusion layout) to the end, strict and lenient, compared.
    case logReader = "log-reader"

    /// Runs the parser on one input.
    public func check(_ input: UnsafeRawBufferPointer) -> FuzzOutcome {
        switch self {
        case .configuration: return ConfigurationCheck.run(input)
        case .calibration: return CalibrationCheck.run(input)
        case .fusionCSV: return FusionCSVCheck.run(input)
        case .logReader: return LogReaderCheck.run(input)
        }
    }

    /// Runs the parser on one input given as bytes.
    public func check(_ bytes: [UInt8]) -> FuzzOutcome {
        bytes.withUnsafeBytes { check($0) }
    }
}

/// What a parser made of one input: a valid result or a clear error; either way a line to show.
public enum FuzzOutcome: Equatable, Sendable {
    /// The input is valid; a short summary of what was read.
    case accepted(String)
    /// The input was refused with this error message.
    case rejected(String)

    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }

    public var text: String {
        switch self {
        case .accepted(let s): return "accepted: \(s)"
        case .rejected(let s): return "rejected: \(s)"
        }
    }
}
