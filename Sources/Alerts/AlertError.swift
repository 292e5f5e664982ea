import Glibc
import Coach
import IMU

/// Why a sink could not deliver an event. Every case names the sink's output or program and,
/// where it concerns one event, the event's kind and source time.
public enum AlertError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Writing to an output failed with `errno`.
    case write(output: String, errno: Int32)
    /// The hook program could not be started (`posix_spawn` returned `errno`).
    case hookSpawn(program: String, errno: Int32, event: CoachEvent.Kind, timeSeconds: Double)
    /// The hook program ran and exited with a non-zero status.
    case hookExit(program: String, status: Int32, event: CoachEvent.Kind, timeSeconds: Double)
    /// The hook program was killed by a signal.
    case hookSignal(program: String, signal: Int32, event: CoachEvent.Kind, timeSeconds: Double)
    /// Waiting for the hook program failed with `errno`.
    case hookWait(program: String, errno: Int32)
    /// Too many earlier runs of the hook are still going; this event was not passed on.
    case hookBusy(program: String, running: Int, event: CoachEvent.Kind, timeSeconds: Double)
    /// The haptic driver failed while playing the pattern for an event.
    case haptic(IMUError, event: CoachEvent.Kind, timeSeconds: Double)
    /// Several sinks of a multiplexer failed on one event, in sink order.
    case several([AlertError])

    public var description: String {
        switch self {
        case let .write(output, errno):
            "alert output \(output): write failed: \(Self.errnoText(errno))"
        case let .hookSpawn(program, errno, event, t):
            "alert hook \(program) for \(event.rawValue) at \(t) s could not start: \(Self.errnoText(errno))"
        case let .hookExit(program, status, event, t):
            "alert hook \(program) for \(event.rawValue) at \(t) s exited with status \(status)"
        case let .hookSignal(program, signal, event, t):
            "alert hook \(program) for \(event.rawValue) at \(t) s was killed by signal \(signal)"
        case let .hookWait(program, errno):
            "alert hook \(program): waiting for it failed: \(Self.errnoText(errno))"
        case let .hookBusy(program, running, event, t):
            "alert hook \(program): \(running) earlier runs still going, \(event.rawValue) at \(t) s skipped"
        case let .haptic(error, event, t):
            "haptic alert for \(event.rawValue) at \(t) s failed: \(error)"
        case .several(let errors):
            errors.map(\.description).joined(separator: "; ")
        }
    }

    static func errnoText(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }
}

