import Coach
import Foundation

/// One human-readable line per event: `[   15.0 s] Slump: upper-back rounding (…). Try: …`.
/// Silent events (tracking mode) are marked `(tracking)`; state changes only when asked.
public final class TerminalSink: AlertSink {
    public typealias Failure = AlertError
    public let output: any LineOutput
    public var showStateChanges: Bool

    public init(output: any LineOutput = FileDescriptorOutput.standardOutput(), showStateChanges: Bool = false) {
        self.output = output
        self.showStateChanges = showStateChanges
    }

    /// The line for `event`.
    public static func line(for event: CoachEvent) -> String {
        let time = String(format: "[%9.1f s]", event.timeSeconds)
        return "\(time) \(event.silent ? "(tracking) " : "")\(event.message)"
    }

    public func emit(_ event: CoachEvent) throws(AlertError) {
        if event.kind == .stateChanged && !showStateChanges { return }
        try output.write(line: Self.line(for: event))
    }
}
