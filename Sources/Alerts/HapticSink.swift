import Haptics
import Coach
import IMU

/// Plays a vibration pattern on a haptic driver (the DRV2605L) for the events that prompt the
/// wearer: distinct patterns for a slump, a repeat and a correction. Silent (tracking-mode)
/// events and kinds without a pattern do nothing. The caller configures the driver
/// (`configure(actuator:)`) before the first event.
public final class HapticSink: AlertSink {
    public typealias Failure = AlertError

    /// The pattern per event kind; `nil` plays nothing.
    public struct Patterns: Sendable {
        public var slump: HapticPattern?
        public var repeatAlert: HapticPattern?
        public var corrected: HapticPattern?
        public var breakReminder: HapticPattern?
        public var exerciseDone: HapticPattern?

        public init(
            slump: HapticPattern? = .slump, repeatAlert: HapticPattern? = .repeatAlert,
            corrected: HapticPattern? = .corrected, breakReminder: HapticPattern? = .repeatAlert,
            exerciseDone: HapticPattern? = .corrected
        ) {
            self.slump = slump
            self.repeatAlert = repeatAlert
            self.corrected = corrected
            self.breakReminder = breakReminder
            self.exerciseDone = exerciseDone
        }

        public static let `default` = Patterns()

        public func pattern(for kind: CoachEvent.Kind) -> HapticPattern? {
            switch kind {
            case .slumpAlert: slump
            case .repeatAlert: repeatAlert
            case .corrected: corrected
            case .breakReminder: breakReminder
            case .exerciseDone: exerciseDone
            case .exerciseStarted, .exerciseIncomplete, .stateChanged: nil
            }
        }
    }

    public let driver: any HapticDriver
    public var patterns: Patterns

    public init(driver: any HapticDriver, patterns: Patterns = .default) {
        self.driver = driver
        self.patterns = patterns
    }

    public func emit(_ event: CoachEvent) throws(AlertError) {
        guard !event.silent, let pattern = patterns.pattern(for: event.kind) else { return }
        do {
            try driver.play(pattern)
        } catch {
            throw .haptic(error, event: event.kind, timeSeconds: event.timeSeconds)
        }
    }
}
