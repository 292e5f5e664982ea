import Foundation
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

    init(_ name: String) throws {
        let path = scenarios.appendingPathComponent("\(name).plog").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("@annotation,") {
            let f = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            truth.append(Truth(start: Double(f[1])!, end: Double(f[2])!, label: f[3], note: f.count > 4 ? f[4] : nil))
        }
        let trace = NSTemporaryDirectory() + "plumbline-\(name)-\(getpid())-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let run = try plumbline("replay", path, "--calibrate-at", "2-6", "--alerts-json", "--trace", trace)
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
        let run = try Replayed(name)
        let slump = try #require(run.truth.first { $0.label == "slump" })
        let target = try #require(slump.value(key)), transition = try #require(slump.value("transition_s"))
        // Head-forward is head flexion minus trunk flexion; both move together in these scripts.
        let trunkTarget = slump.value("trunk_deg") ?? 0
        let effective = key == "head_deg" ? target - trunkTarget : target
        let onset = crossing(from: 0, to: effective, transition: transition, threshold: threshold, start: slump.start)
        let first = try #require(run.events("slump").first)
        // The estimate trails the truth by a few hundredths of a second at most; 0.2 s is allowed for it.
        #expect(run.time(first) >= onset + delay - 0.2)
        #expect(run.time(first) <= onset + delay + samplePeriod + 0.2)
        #expect(first["slump"] == kind && first["exercise"] == exercise)
        // Against the estimate itself: the alert comes exactly one delay after the sample at which the
        // slump began (the first trunk sample in state `slumping`), give or take one sample period.
        let began = try #require(run.states.first { $0.state == "slumping" }?.time)
        #expect(abs(run.time(first) - (began + delay)) <= samplePeriod + 1e-6)
        #expect(run.events("corrected").contains { run.time($0) > slump.end })
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
