import Foundation
import IMUEmulators
import Testing

/// The scenario fixtures: sessions of the simulated wearer recorded as Plumbline logs
/// (`scripts/make-fixtures`), with the truth as `@annotation` records, replayed through
/// the whole pipeline by the `replay` command as a user would run it.
private let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/scenarios")

private struct Truth {
    var start: Double, end: Double, label: String, note: String?

    /// For a posture change: the target angles and the transition time of the eased move.
    func value(_ key: String) -> Double? {
        note?.split(separator: " ").first { $0.hasPrefix(key + "=") }.flatMap { Double($0.dropFirst(key.count + 1)) }
    }
}

private struct Replayed {
    var events: [[String: String]] = []
    var truth: [Truth] = []
    var raw = ""
    /// The trace: time and coach state of each trunk sample.
    var states: [(time: Double, state: String)] = []

    init(_ name: String, calibrateAt: [String] = ["--calibrate-at", "2-6"], settings: [String] = []) throws {
        let path = scenarios.appendingPathComponent("\(name).plog").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("@annotation,") {
            let f = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            truth.append(Truth(start: Double(f[1])!, end: Double(f[2])!, label: f[3], note: f.count > 4 ? f[4] : nil))
        }
        let trace = NSTemporaryDirectory() + "plumbline-\(name)-\(getpid())-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let run = try plumbline(["replay", path] + calibrateAt + settings + ["--alerts-json", "--trace", trace], input: nil)
        #expect(run.status == 0, "replay failed: \(run.stderr)")
        for line in try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            if cells[1] == "trunk", let t = Double(cells[0]), let state = cells.last { states.append((t, String(state))) }
        }
        raw = run.stdout
        for line in run.stdout.split(separator: "\n") {
            var object: [String: String] = [:]
            let body = line.dropFirst().dropLast()
            for pair in body.split(separator: ",") {
                let kv = pair.split(separator: ":", maxSplits: 1).map { $0.replacingOccurrences(of: "\"", with: "") }
                if kv.count == 2 { object[kv[0]] = kv[1] }
            }
            events.append(object)
        }
    }

    func events(_ kind: String) -> [[String: String]] { events.filter { $0["kind"] == kind } }
    func time(_ e: [String: String]) -> Double { Double(e["time_s"] ?? "") ?? .nan }
    var alerts: [[String: String]] { events.filter { ["slump", "repeat"].contains($0["kind"]) } }
    var summary: [String: String] { events.last { $0["kind"] == "summary" } ?? [:] }
}

/// Default coach settings (README, "Coaching"): delay 15 s, thoracic 15°, head-forward 20°.
private let delay = 15.0, samplePeriod = 0.02
/// How far the simulated wearer's sway (breathing, drift, tremor) moves an angle off the script, in
/// degrees: twice the trunk's bound, since the calibration caught the sway at some value too.
private let swayDeg = 2 * 0.4 * SimulatedWearer.trunkSwayBoundPerDegree

/// When the eased move of a `sit` segment crosses `threshold` (smoothstep profile, as scripted).
private func crossing(from a: Double, to b: Double, transition: Double, threshold: Double, start: Double) -> Double {
    var t = 0.0
    while t <= transition {
        let x = t / transition, f = x * x * (3 - 2 * x)
        if a + (b - a) * f >= threshold { return start + t }
        t += 0.001
    }
    return start + transition
}

@Suite("Scenario fixtures replayed")
struct ScenarioFixtureTests {
    @Test("every sustained slump is alerted within its delay (plus one sample) with the exercise for its kind",
          arguments: [("slump", "trunk_deg", 15.0, "upper-back-rounding", "shoulder-blade-squeeze"),
                      ("forward-head", "head_deg", 20.0, "forward-head", "chin-tuck"),
                      ("collapsed-trunk", "trunk_deg", 15.0, "collapsed-trunk", "rib-lift")])
    func sustainedSlump(name: String, key: String, threshold: Double, kind: String, exercise: String) throws {
        try expectAlerted(try Replayed(name), key: key, threshold: threshold, kind: kind, exercise: exercise)
    }

    /// The slump of `run` is alerted once its angle has stayed past `threshold` for the delay, with the
    /// exercise for its kind, and corrected after it ends.
    fileprivate func expectAlerted(_ run: Replayed, key: String, threshold: Double, kind: String, exercise: String) throws {
        let slump = try #require(run.truth.first { $0.label == "slump" })
        let target = try #require(slump.value(key)), transition = try #require(slump.value("transition_s"))
        // Head-forward is head flexion minus trunk flexion; both move together in these scripts.
        let trunkTarget = slump.value("trunk_deg") ?? 0
        let effective = key == "head_deg" ? target - trunkTarget : target
        // The script crosses the threshold between these times once the sway is allowed for.
        let earliest = crossing(from: 0, to: effective, transition: transition, threshold: threshold - swayDeg, start: slump.start)
        let latest = crossing(from: 0, to: effective, transition: transition, threshold: threshold + swayDeg, start: slump.start)
        let first = try #require(run.events("slump").first)
        // The estimate trails the truth by a few hundredths of a second at most; 0.2 s is allowed for it.
        #expect(run.time(first) >= earliest + delay - 0.2)
        #expect(run.time(first) <= latest + delay + samplePeriod + 0.2)
        #expect(first["slump"] == kind && first["exercise"] == exercise)
        // Against the estimate itself: the alert comes exactly one delay after the sample at which the
        // slump began (the first trunk sample in state `slumping` after the slump's start), give or
        // take one sample period.
        let began = try #require(run.states.first { $0.state == "slumping" && $0.time >= slump.start }?.time)
        #expect(abs(run.time(first) - (began + delay)) <= samplePeriod + 1e-6)
        #expect(run.events("corrected").contains { run.time($0) > slump.end })
        // Nothing else alerts: the calibration's lean and the upright stretches stay quiet.
        #expect(run.alerts.allSatisfy { run.time($0) >= slump.start && run.time($0) <= slump.end + 1 })
    }

    @Test("a sensor worn upside down or sideways, calibrated from the log with a forward lean, alerts as the truth says",
          arguments: ["upside-down", "sideways"])
    func anyMounting(name: String) throws {
        let run = try Replayed(name, calibrateAt: ["--calibrate-at", "2-6", "--lean-at", "15-21"])
        try expectAlerted(run, key: "trunk_deg", threshold: 15, kind: "upper-back-rounding", exercise: "shoulder-blade-squeeze")
    }

    @Test("without the lean pose, an upside-down sensor is refused in one line that asks for --lean-at")
    func upsideDownNeedsLean() throws {
        let path = scenarios.appendingPathComponent("upside-down.plog").path
        let run = try plumbline("replay", path, "--calibrate-at", "2-6")
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("plumbline: replay: cannot calibrate the trunk sensor"))
        #expect(run.stderr.contains("--lean-at") && run.stderr.split(separator: "\n").count == 1)
    }

    @Test("combined settings from the command line: a slump fixture runs to the end or one line names the key, never a signal",
          arguments: [["coach.thoracic_limit_deg=30"], ["coach.thoracic_limit_deg=60"], ["coach.hysteresis_deg=15"],
                      ["coach.lean_back_limit_deg=4"], ["coach.hysteresis_deg=4.5", "coach.lean_back_limit_deg=4"]])
    func combinedSettings(settings: [String]) throws {
        let path = scenarios.appendingPathComponent("slump.plog").path
        let run = try plumbline(["replay", path, "--calibrate-at", "2-6", "--alerts-json"] + settings.flatMap { ["--set", $0] }, input: nil)
        #expect(run.status == 0 || run.status == 2, "exit \(run.status): \(run.stderr)")
        if run.status == 0 {
            #expect(run.stdout.contains("\"kind\":\"summary\""))
        } else {
            let line = run.stderr.trimmingCharacters(in: .newlines)
            #expect(!line.contains("\n") && line.hasPrefix("plumbline: config: "))
            #expect(settings.contains { line.contains($0.split(separator: "=")[0]) }, "\(line)")
        }
        // A thoracic limit of 30° is above the 21° slump: no alert then.
        if settings == ["coach.thoracic_limit_deg=30"] { #expect(run.status == 0 && !run.stdout.contains("\"kind\":\"slump\"")) }
        if settings == ["coach.hysteresis_deg=15"] { #expect(run.status == 2) }
    }

    @Test("no alert while walking, bending to pick something up, lying, or with a sensor unplugged",
          arguments: ["walking", "bending", "lying", "unplugged"])
    func noFalseAlerts(name: String) throws {
        let run = try Replayed(name)
        let quiet = run.truth.filter { ["walking", "bending", "lying", "unplugged"].contains($0.label) }
        #expect(!quiet.isEmpty)
        for interval in quiet {
            #expect(!run.alerts.contains { run.time($0) >= interval.start && run.time($0) <= interval.end + 1 },
                    "alert during \(interval.label) \(interval.start)–\(interval.end)")
        }
        if name != "unplugged" { #expect(run.alerts.isEmpty) }
    }

    @Test("time without data is a gap: not upright, not slumped")
    func gapsAreNotCounted() throws {
        let run = try Replayed("unplugged")
        let unplugged = try #require(run.truth.first { $0.label == "unplugged" })
        let gap = try #require(Double(run.summary["gap_s"] ?? ""))
        // The gap runs from the last sample before the unplug to the reconnection (backoff ≤ 8 s).
        #expect(gap >= unplugged.end - unplugged.start - 0.3 && gap <= unplugged.end - unplugged.start + 8.5)
        let upright = try #require(Double(run.summary["upright_s"] ?? ""))
        let slumped = try #require(Double(run.summary["slumped_s"] ?? ""))
        let suppressed = try #require(Double(run.summary["suppressed_s"] ?? ""))
        let total = run.truth.map(\.end).max()! - 0.02
        #expect(abs(upright + slumped + suppressed + gap - total) < 1.5)
    }

    @Test("each performed exercise is recognised; stillness between them is not")
    func exercises() throws {
        let run = try Replayed("exercises")
        let done = run.events("exercise-done").compactMap { $0["exercise"] }
        #expect(done == ["chin-tuck", "shoulder-blade-squeeze", "rib-lift", "pelvic-tilts", "spinal-flexion-extension"])
        let intervals = run.truth.filter { $0.label == "exercise" }
        for (event, interval) in zip(run.events("exercise-done"), intervals) {
            #expect(run.time(event) > interval.start && run.time(event) <= interval.end)
        }
    }

    @Test("replaying the same log twice gives identical alert JSON")
    func deterministic() throws {
        let a = try Replayed("slump"), b = try Replayed("slump")
        #expect(a.raw == b.raw && !a.raw.isEmpty)
    }
}
