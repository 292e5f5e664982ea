import Alerts
import Coach
import Foundation
import Testing

@Suite("Terminal and JSON-lines sinks")
struct TextSinkTests {
    @Test("JSON lines: one object per line with time_s, kind, exercise and both angles, null when unavailable")
    func jsonShape() throws {
        let out = MemoryOutput()
        let sink = JSONLinesSink(output: out)
        let events = coachSession()
        for e in events { try sink.emit(e) }
        // State changes are left out by default.
        #expect(out.lines.count == events.filter { $0.kind != .stateChanged }.count)
        #expect(out.lines.count >= 5)
        var kinds: [String] = []
        for line in out.lines {
            #expect(!line.contains("\n"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["time_s", "kind", "slump", "exercise", "thoracic_deg", "head_forward_deg", "state", "silent"] {
                #expect(object.keys.contains(key), "missing \(key) in \(line)")
            }
            #expect(object["time_s"] is NSNumber)
            kinds.append(try #require(object["kind"] as? String))
        }
        #expect(kinds.prefix(4) == ["slump", "repeat", "corrected", "exercise-started"])
        let first = try #require(try JSONSerialization.jsonObject(with: Data(out.lines[0].utf8)) as? [String: Any])
        #expect(first["exercise"] as? String == "chin-tuck")
        #expect(first["slump"] as? String == "forward-head")
        #expect((first["thoracic_deg"] as? NSNumber)?.doubleValue == 3)
        #expect((first["head_forward_deg"] as? NSNumber)?.doubleValue == 30)
        #expect((first["time_s"] as? NSNumber)?.doubleValue == 10)
        // The exercise-started line has no angles: null, not 0.
        let started = try #require(try JSONSerialization.jsonObject(with: Data(out.lines[3].utf8)) as? [String: Any])
        #expect(started["thoracic_deg"] is NSNull)
        #expect(started["head_forward_deg"] is NSNull)
    }

    @Test("JSON lines: a one-sensor alert has a null head-forward angle, rounded angles, a fixed key order")
    func jsonExactLine() {
        let line = JSONLinesSink.line(for: slumpEvent())
        #expect(
            line == #"{"time_s":15.0,"kind":"slump","slump":"upper-back-rounding","exercise":"shoulder-blade-squeeze","#
                + #""thoracic_deg":18.35,"head_forward_deg":null,"state":"alerted","previous_state":null,"#
                + #""repetitions_done":null,"repetitions_needed":null,"silent":false}"#)
    }

    @Test("JSON lines: the same session gives identical bytes twice")
    func jsonDeterministic() throws {
        func render() throws -> [String] {
            let out = MemoryOutput()
            let sink = JSONLinesSink(output: out, kinds: Set(CoachEvent.Kind.allCases))
            for e in coachSession() { try sink.emit(e) }
            return out.lines
        }
        #expect(try render() == render())
    }

    @Test("terminal: one line per alert with the exercise; state changes only when asked; tracking marked")
    func terminal() throws {
        let out = MemoryOutput()
        let sink = TerminalSink(output: out)
        try sink.emit(slumpEvent())
        #expect(out.lines == [
            "[     15.0 s] Slump: upper-back rounding (thoracic 18.3°, head forward n/a). Try: Shoulder-blade squeeze for the upper back."
        ])
        let change = CoachEvent(kind: .stateChanged, timeSeconds: 16, state: .suppressed(.walking), previousState: .upright)
        try sink.emit(change)
        #expect(out.lines.count == 1)
        sink.showStateChanges = true
        try sink.emit(change)
        #expect(out.lines.last == "[     16.0 s] State: upright → walking.")
        try sink.emit(slumpEvent(silent: true))
        #expect(out.lines.last?.contains("(tracking) Slump") == true)
    }

    @Test("a write to a closed descriptor is a typed error naming the output")
    func writeFailure() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[1])
        close(fds[0])
        let sink = TerminalSink(output: FileDescriptorOutput(fd: fds[1], name: "closed-pipe"))
        #expect(throws: AlertError.write(output: "closed-pipe", errno: EBADF)) { try sink.emit(slumpEvent()) }
    }

    @Test("a file descriptor output writes whole lines")
    func fileOutput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("alerts.jsonl").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        let sink = JSONLinesSink(output: FileDescriptorOutput(fd: fd, name: path))
        try sink.emit(slumpEvent(time: 1))
        try sink.emit(slumpEvent(time: 2))
        close(fd)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.hasSuffix("}\n"))
    }
}
