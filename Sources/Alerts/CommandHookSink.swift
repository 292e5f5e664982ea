import Coach
import Glibc

/// Runs the user's own program for each event, WITHOUT a shell: `posix_spawn` with an argument
/// vector, so no value is ever parsed as shell syntax. The event reaches the program only as
/// environment variables (never interpolated into the command or its arguments):
///
/// | variable | value |
/// |---|---|
/// | `PLUMBLINE_KIND` | `slump`, `repeat`, `corrected`, `break`, `exercise-started`, `exercise-done`, `exercise-incomplete`, `state` |
/// | `PLUMBLINE_TIME_S` | source time in seconds |
/// | `PLUMBLINE_STATE` | state after the event (`upright`, `alerted`, `walking`, …) |
/// | `PLUMBLINE_SLUMP` | slump kind (`forward-head`, …) or empty |
/// | `PLUMBLINE_EXERCISE` | exercise id (`chin-tuck`, …) or empty |
/// | `PLUMBLINE_EXERCISE_TITLE` | the exercise's title or empty |
/// | `PLUMBLINE_THORACIC_DEG`, `PLUMBLINE_HEAD_FORWARD_DEG` | angles in degrees, empty when unavailable |
/// | `PLUMBLINE_SILENT` | `1` in tracking mode, else `0` |
/// | `PLUMBLINE_MESSAGE` | the terminal sink's sentence |
///
/// The program's environment is the caller's plus `extraEnvironment` plus the variables above
/// (which win). Its standard input is `/dev/null`; standard output and error are inherited.
///
/// By default a run is started and not awaited: finished runs are reaped on the next `emit`
/// (a failure of an earlier run is thrown then) and by `finish()`. At most `maxRunning` runs go
/// on at once; beyond that the event is skipped with `hookBusy`. With `wait: true` each run is
/// awaited and its exit status checked before `emit` returns.
public final class CommandHookSink: AlertSink {
    public typealias Failure = AlertError

    public struct Configuration: Sendable {
        /// A path (`/usr/local/bin/notify`, `./hook`), or a bare name looked up in `PATH`.
        public var program: String
        /// Arguments after the program name, passed verbatim.
        public var arguments: [String]
        /// Fixed variables added to the environment, passed verbatim.
        public var extraEnvironment: [String: String]
        /// The kinds that run the program; by default alerts, corrections and exercise results.
        public var kinds: Set<CoachEvent.Kind>
        /// Skip silent (tracking-mode) events.
        public var skipSilent: Bool
        public var wait: Bool
        public var maxRunning: Int

        public static let defaultKinds: Set<CoachEvent.Kind> = [
            .slumpAlert, .repeatAlert, .corrected, .breakReminder, .exerciseDone, .exerciseIncomplete,
        ]

        public init(
            program: String, arguments: [String] = [], extraEnvironment: [String: String] = [:],
            kinds: Set<CoachEvent.Kind> = defaultKinds, skipSilent: Bool = true, wait: Bool = false,
            maxRunning: Int = 4
        ) {
            precondition(!program.isEmpty, "a hook needs a program")
            precondition(maxRunning > 0, "maxRunning is at least 1")
            self.program = program
            self.arguments = arguments
            self.extraEnvironment = extraEnvironment
            self.kinds = kinds
            self.skipSilent = skipSilent
            self.wait = wait
            self.maxRunning = maxRunning
        }
    }

    public let configuration: Configuration
    private struct Run {
        var pid: pid_t
        var event: CoachEvent.Kind
        var timeSeconds: Double
    }
    private var running: [Run] = []

    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Runs still going.
    public var runningCount: Int { running.count }

    /// The environment variables for `event` (without the inherited and extra ones).
    public static func variables(for event: CoachEvent) -> [(String, String)] {
        func deg(_ v: Double?) -> String { v.flatMap { $0.isFinite ? "\($0)" : nil } ?? "" }
        return [
            ("PLUMBLINE_KIND", event.kind.rawValue),
            ("PLUMBLINE_TIME_S", "\(event.timeSeconds)"),
            ("PLUMBLINE_STATE", event.state.name),
            ("PLUMBLINE_SLUMP", event.slump?.rawValue ?? ""),
            ("PLUMBLINE_EXERCISE", event.exercise?.rawValue ?? ""),
            ("PLUMBLINE_EXERCISE_TITLE", event.exercise?.exercise.title ?? ""),
            ("PLUMBLINE_THORACIC_DEG", deg(event.thoracicDeg)),
            ("PLUMBLINE_HEAD_FORWARD_DEG", deg(event.headForwardDeg)),
            ("PLUMBLINE_SILENT", event.silent ? "1" : "0"),
            ("PLUMBLINE_MESSAGE", event.message),
        ]
    }

    public func emit(_ event: CoachEvent) throws(AlertError) {
        var failures = reap(blocking: false)
        let c = configuration
        guard c.kinds.contains(event.kind), !(c.skipSilent && event.silent) else {
            try Self.throwing(failures)
            return
        }
        if running.count >= c.maxRunning {
            failures.append(
                .hookBusy(program: c.program, running: running.count, event: event.kind, timeSeconds: event.timeSeconds))
            try Self.throwing(failures)
            return
        }
        do throws(AlertError) {
            let pid = try spawn(event)
            running.append(Run(pid: pid, event: event.kind, timeSeconds: event.timeSeconds))
        } catch {
            failures.append(error)
        }
        if c.wait { failures += reap(blocking: true) }
        try Self.throwing(failures)
    }

    /// Waits for every run still going; throws the failures among them.
    public func finish() throws(AlertError) {
        try Self.throwing(reap(blocking: true))
    }

    private static func throwing(_ failures: [AlertError]) throws(AlertError) {
        switch failures.count {
        case 0: return
        case 1: throw failures[0]
        default: throw .several(failures)
        }
    }

    /// Collects finished runs (all of them when `blocking`), returning their failures.
    private func reap(blocking: Bool) -> [AlertError] {
        var failures: [AlertError] = []
        var still: [Run] = []
        for run in running {
            var status: Int32 = 0
            var result: pid_t
            repeat {
                result = waitpid(run.pid, &status, blocking ? 0 : WNOHANG)
            } while result < 0 && errno == EINTR
            if result == 0 {
                still.append(run)
                continue
            }
            if result < 0 {
                failures.append(.hookWait(program: configuration.program, errno: errno))
                continue
            }
            let signal = status & 0x7f
            if signal == 0 {
                let code = (status >> 8) & 0xff
                if code != 0 {
                    failures.append(
                        .hookExit(program: configuration.program, status: code, event: run.event, timeSeconds: run.timeSeconds))
                }
            } else if signal != 0x7f {
                failures.append(
                    .hookSignal(program: configuration.program, signal: signal, event: run.event, timeSeconds: run.timeSeconds))
            }
        }
        running = still
        return failures
    }

    private func spawn(_ event: CoachEvent) throws(AlertError) -> pid_t {
        let c = configuration
        var environment: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let eq = text.firstIndex(of: "=") {
                environment[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            entry += 1
        }
        for (k, v) in c.extraEnvironment { environment[k] = v }
        for (k, v) in Self.variables(for: event) { environment[k] = v }

        let argv = ([c.program] + c.arguments).map { strdup($0) }
        let envp = environment.keys.sorted().map { strdup("\($0)=\(environment[$0]!)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

        var pid: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { a in
            (envp + [nil]).withUnsafeBufferPointer { e in
                c.program.contains("/")
                    ? posix_spawn(&pid, c.program, &actions, nil, a.baseAddress!, e.baseAddress!)
                    : posix_spawnp(&pid, c.program, &actions, nil, a.baseAddress!, e.baseAddress!)
            }
        }
        guard result == 0 else {
            throw .hookSpawn(program: c.program, errno: result, event: event.kind, timeSeconds: event.timeSeconds)
        }
        return pid
    }
}
