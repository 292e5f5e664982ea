import Alerts
import Coach
import Foundation
import Testing

@Suite("Command hook sink", .serialized)
struct CommandHookSinkTests {
    /// A hook that writes its environment and arguments (one per line) next to itself.
    static let recorder = """
        #!/bin/sh
        env > "$(dirname "$0")/env.txt"
        for a in "$@"; do printf '%s\\n' "$a"; done > "$(dirname "$0")/args.txt"
        """

    static func environment(in dir: URL) throws -> [String: String] {
        let text = try String(contentsOf: dir.appendingPathComponent("env.txt"), encoding: .utf8)
        var env: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            env[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return env
    }

    @Test("the hook gets the event as PLUMBLINE_ environment variables")
    func environmentVariables() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hook = try script(Self.recorder, in: dir)
        let sink = CommandHookSink(.init(program: hook.path, wait: true))
        try sink.emit(slumpEvent())
        let env = try Self.environment(in: dir)
        #expect(env["PLUMBLINE_KIND"] == "slump")
        #expect(env["PLUMBLINE_TIME_S"] == "15.0")
        #expect(env["PLUMBLINE_STATE"] == "alerted")
        #expect(env["PLUMBLINE_SLUMP"] == "upper-back-rounding")
        #expect(env["PLUMBLINE_EXERCISE"] == "shoulder-blade-squeeze")
        #expect(env["PLUMBLINE_EXERCISE_TITLE"] == "Shoulder-blade squeeze for the upper back")
        #expect(env["PLUMBLINE_THORACIC_DEG"] == "18.3456")
        #expect(env["PLUMBLINE_HEAD_FORWARD_DEG"] == "")
        #expect(env["PLUMBLINE_SILENT"] == "0")
        #expect(env["PLUMBLINE_MESSAGE"]?.hasPrefix("Slump: upper-back rounding") == true)
        // The caller's environment is passed on.
        #expect(env["PATH"] == ProcessInfo.processInfo.environment["PATH"])
    }

    @Test("arguments and values with shell syntax arrive verbatim and nothing is interpreted")
    func noShell() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hook = try script(Self.recorder, in: dir)
        let pwned = dir.appendingPathComponent("pwned").path
        let hostile = [
            "; rm -rf \(dir.path)/nothing; touch \(pwned)",
            "$(touch \(pwned))",
            "`touch \(pwned)`",
            "a b  'c' \"d\" | touch \(pwned) &",
            "*",
        ]
        let sink = CommandHookSink(
            .init(program: hook.path, arguments: hostile, extraEnvironment: ["PLUMBLINE_NOTE": hostile[0], "X": hostile[1]], wait: true))
        try sink.emit(slumpEvent())
        let args = try String(contentsOf: dir.appendingPathComponent("args.txt"), encoding: .utf8)
        #expect(args == hostile.map { $0 + "\n" }.joined())
        let env = try Self.environment(in: dir)
        #expect(env["PLUMBLINE_NOTE"] == hostile[0])
        #expect(env["X"] == hostile[1])
        #expect(!FileManager.default.fileExists(atPath: pwned))
    }

    @Test("a failing hook is a typed error naming the program, event and status; the next event still runs")
    func failingHook() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hook = try script("#!/bin/sh\necho \"$PLUMBLINE_KIND\" >> \"$(dirname \"$0\")/runs.txt\"\nexit 3\n", in: dir)
        let sink = CommandHookSink(.init(program: hook.path, wait: true))
        #expect(throws: AlertError.hookExit(program: hook.path, status: 3, event: .slumpAlert, timeSeconds: 15)) {
            try sink.emit(slumpEvent())
        }
        var corrected = slumpEvent(time: 20)
        corrected.kind = .corrected
        #expect(throws: AlertError.hookExit(program: hook.path, status: 3, event: .corrected, timeSeconds: 20)) {
            try sink.emit(corrected)
        }
        let runs = try String(contentsOf: dir.appendingPathComponent("runs.txt"), encoding: .utf8)
        #expect(runs == "slump\ncorrected\n")
    }

    // Under qemu-user (scripts/test-aarch64) posix_spawn of a missing path reports status 12, not
    // ENOENT: the emulator's doing, not the Pi's. That script skips this test; it runs everywhere else.
    @Test("a missing program is a spawn error with ENOENT; a bare name is looked up in PATH")
    func missingProgram() throws {
        let sink = CommandHookSink(.init(program: "/nonexistent/plumbline-hook", wait: true))
        #expect(throws: AlertError.hookSpawn(program: "/nonexistent/plumbline-hook", errno: ENOENT, event: .slumpAlert, timeSeconds: 15)) {
            try sink.emit(slumpEvent())
        }
        let onPath = CommandHookSink(.init(program: "true", wait: true))
        try onPath.emit(slumpEvent())
        let failing = CommandHookSink(.init(program: "false", wait: true))
        #expect(throws: AlertError.hookExit(program: "false", status: 1, event: .slumpAlert, timeSeconds: 15)) {
            try failing.emit(slumpEvent())
        }
    }

    @Test("in the background the hook is not awaited; finish() reaps it, and too many runs are refused")
    func background() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gate = dir.appendingPathComponent("gate").path
        // Each run waits until the gate file exists (giving up with status 9 after 20 s).
        let hook = try script("#!/bin/sh\nn=0\nwhile [ ! -e \"$1\" ]; do n=$((n+1)); [ $n -gt 400 ] && exit 9; sleep 0.05; done\n", in: dir)
        let sink = CommandHookSink(.init(program: hook.path, arguments: [gate], maxRunning: 2))
        try sink.emit(slumpEvent(time: 1))
        try sink.emit(slumpEvent(time: 2))
        #expect(sink.runningCount == 2)
        #expect(throws: AlertError.hookBusy(program: hook.path, running: 2, event: .slumpAlert, timeSeconds: 3)) {
            try sink.emit(slumpEvent(time: 3))
        }
        #expect(FileManager.default.createFile(atPath: gate, contents: nil))
        try sink.finish()
        #expect(sink.runningCount == 0)
    }

    @Test("tracking-mode events and kinds not asked for do not run the hook")
    func filtering() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hook = try script("#!/bin/sh\necho \"$PLUMBLINE_KIND\" >> \"$(dirname \"$0\")/runs.txt\"\n", in: dir)
        let sink = CommandHookSink(.init(program: hook.path, kinds: [.corrected], wait: true))
        try sink.emit(slumpEvent())
        var corrected = slumpEvent(time: 20, silent: true)
        corrected.kind = .corrected
        try sink.emit(corrected)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("runs.txt").path))
        corrected.silent = false
        try sink.emit(corrected)
        let runs = try String(contentsOf: dir.appendingPathComponent("runs.txt"), encoding: .utf8)
        #expect(runs == "corrected\n")
    }
}
