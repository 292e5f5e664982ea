import Foundation
import IMUEmulators
import Testing

private let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/scenarios")
private let samplePeriod = 0.02

/// A scenario fixture replayed into a fresh history, with the report of its day and, as the truth,
/// the time the replay's trace spent in each coach state (each step between two trunk samples goes
/// to the state of the earlier one; a step longer than a second, or in `sensor-missing`, is a gap).
private struct ReplayedHistory {
    var report: [String: Any] = [:]
    var truth: [String: Double] = [:]
    var alertLines: [String] = []

    init(_ name: String, startAt: String = "2026-11-30T09:00:00Z", day: [String] = ["--day", "2026-11-30", "--tz", "UTC"]) throws {
        let directory = NSTemporaryDirectory() + "plumbline-report-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = scenarios.appendingPathComponent("\(name).plog").path
        let replay = try plumbline(["replay", log, "--calibrate-at", "2-6", "--alerts-json", "--trace", directory + "/trace.csv",
                                    "--history", directory + "/h.db", "--start-at", startAt], input: nil)
        #expect(replay.status == 0, "replay: \(replay.stderr)")
        alertLines = replay.stdout.split(separator: "\n").map(String.init)
        let run = try plumbline(["report", "--history", directory + "/h.db", "--json"] + day, input: nil)
        #expect(run.status == 0, "report: \(run.stderr)")
        report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        var trunk: [(Double, String)] = []
        for line in try String(contentsOfFile: directory + "/trace.csv", encoding: .utf8).split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            if cells[1] == "trunk", let t = Double(cells[0]), let state = cells.last { trunk.append((t, String(state))) }
        }
        for ((t, state), (next, _)) in zip(trunk, trunk.dropFirst()) {
            let dt = next - t
            let bucket = switch state {
            case _ where dt > 1, "sensor-missing": "gap"
            case "upright": "upright"
            case "slumping", "alerted": "slumped"
            default: "suppressed:" + state
            }
            truth[bucket, default: 0] += dt
        }
    }

    func seconds(_ key: String) -> Double { report[key] as? Double ?? (report[key] as? Int).map(Double.init) ?? .nan }
    func byKey(_ key: String) -> [String: Double] { report[key] as? [String: Double] ?? [:] }
    func count(_ key: String) -> Int { report[key] as? Int ?? -1 }
    func events(_ kind: String) -> Int { alertLines.filter { $0.contains("\"kind\":\"\(kind)\"") }.count }
    var suppressedTruth: Double { truth.filter { $0.key.hasPrefix("suppressed:") }.values.reduce(0, +) }
}

/// When a smoothstep move from `a` to `b` over `transition` seconds from `start` first passes `threshold`.
private func crossing(from a: Double, to b: Double, transition: Double, threshold: Double, start: Double) -> Double {
    var t = 0.0
    while t <= transition {
        let x = t / transition, value = a + (b - a) * x * x * (3 - 2 * x)
        if b > a ? value >= threshold : value < threshold { return start + t }
        t += 0.001
    }
    return start + transition
}

@Suite("History and report from replayed scenarios")
struct HistoryReportTests {
    @Test("the report's upright, slumped, suppressed and gap seconds equal the replay's states within one sample period; alerts and exercises exact",
          arguments: ["slump", "forward-head", "collapsed-trunk", "walking", "lying", "bending", "unplugged", "exercises"])
    func matchesTrace(name: String) throws {
        let run = try ReplayedHistory(name)
        #expect(abs(run.seconds("upright_s") - (run.truth["upright"] ?? 0)) <= samplePeriod)
        #expect(abs(run.seconds("slumped_s") - (run.truth["slumped"] ?? 0)) <= samplePeriod)
        #expect(abs(run.seconds("suppressed_s") - run.suppressedTruth) <= samplePeriod)
        #expect(abs(run.seconds("gap_s") - (run.truth["gap"] ?? 0)) <= samplePeriod)
        for (reason, seconds) in run.byKey("suppressed_by_reason_s") {
            #expect(abs(seconds - (run.truth["suppressed:" + reason] ?? 0)) <= samplePeriod, "\(reason)")
        }
        #expect(abs(run.byKey("slumped_by_kind_s").values.reduce(0, +) - run.seconds("slumped_s")) <= 0.001 * 4)
        #expect(run.count("alerts") == run.events("slump") && run.count("repeats") == run.events("repeat"))
        #expect(run.count("exercises_done") == run.events("exercise-done"))
        #expect(run.seconds("not_worn_s") == 0)
    }

    @Test("a sustained slump is one alert, and its seconds are the script's (sway and the estimate's lag allowed), all of its kind",
          arguments: [("slump", 21.0, 15.0, 8.0, 20.0, 60.0, "upper-back-rounding"), ("forward-head", 26.0, 20.0, 6.0, 20.0, 55.0, "forward-head"),
                      ("collapsed-trunk", 33.0, 15.0, 10.0, 20.0, 60.0, "collapsed-trunk")])
    func sustainedSlump(name: String, targetDeg: Double, limitDeg: Double, transition: Double, start: Double, end: Double, kind: String) throws {
        let run = try ReplayedHistory(name)
        #expect(run.count("alerts") == 1 && run.count("slumps") == 1)
        let sway = 2 * 0.4 * SimulatedWearer.trunkSwayBoundPerDegree, hysteresis = 5.0, lag = 0.2
        // It begins when the rising angle passes the limit and ends when the falling one (a 2 s move)
        // drops below the limit less the hysteresis; the sway moves both by up to `sway` degrees.
        let shortest = crossing(from: targetDeg, to: 0, transition: 2, threshold: limitDeg - hysteresis + sway, start: end)
            - crossing(from: 0, to: targetDeg, transition: transition, threshold: limitDeg + sway, start: start)
        let longest = crossing(from: targetDeg, to: 0, transition: 2, threshold: limitDeg - hysteresis - sway, start: end)
            - crossing(from: 0, to: targetDeg, transition: transition, threshold: limitDeg - sway, start: start)
        let slumped = run.seconds("slumped_s")
        #expect(slumped >= shortest - lag - samplePeriod && slumped <= longest + lag + samplePeriod, "\(slumped) s")
        let byKind = run.byKey("slumped_by_kind_s")
        #expect(byKind.max { $0.value < $1.value }?.key == kind, "\(byKind)")
        #expect(run.report["slumps_by_kind"] as? [String: Int] == [kind: 1])
        #expect((run.report["median_correction_s"] as? Double).map { $0 > 0 } == true)
    }

    @Test("no alert while walking, lying, bending, or unplugged; the unplugged minute is a gap the length of the log's @gap")
    func quietScenarios() throws {
        for name in ["walking", "lying", "bending"] {
            #expect(try ReplayedHistory(name).count("alerts") == 0, "\(name)")
        }
        let unplugged = try ReplayedHistory("unplugged")
        // The log's @gap runs from 29.75 to 61.5 s; the gap counted runs between the samples around it.
        #expect(abs(unplugged.seconds("gap_s") - (61.5 - 29.75)) <= 2 * samplePeriod)
        #expect(unplugged.count("alerts") == 0)
    }

    @Test("a sensor left on a desk: no alert, and its time is not worn (the script's desk stretch less the handling and the seconds before the signs of life fade), never upright or slumped")
    func notWorn() throws {
        let run = try ReplayedHistory("not-worn")
        #expect(run.count("alerts") == 0 && run.count("repeats") == 0)
        // The desk stretch runs from 20 to 170 s; the first 2 s are handling (moving).
        let notWorn = run.seconds("not_worn_s")
        #expect(notWorn >= 150 - 8 && notWorn <= 150, "\(notWorn) s not worn")
        // The trace shows `not-worn` from the moment it was judged; the minute of stillness before
        // that (shown as upright or slumping) counts as not worn too.
        let judged = run.truth["suppressed:not-worn"] ?? 0
        #expect(judged > 60 && abs(notWorn - judged - 60) <= samplePeriod, "judged \(judged) s, counted \(notWorn) s")
        // Nothing lost or counted twice: the report's buckets add up to the trace's.
        let reported = ["upright_s", "slumped_s", "suppressed_s", "gap_s", "not_worn_s", "uncalibrated_s"].map(run.seconds).reduce(0, +)
        #expect(abs(reported - run.truth.values.reduce(0, +)) <= samplePeriod, "\(reported) s reported")
        #expect(run.seconds("upright_s") <= (run.truth["upright"] ?? 0) + samplePeriod)
        // Slumped only while the desk's tilt was still on its way, or before the signs of life faded.
        #expect(run.seconds("slumped_s") <= 8, "\(run.seconds("slumped_s")) s slumped")
    }

    @Test("days roll over at local midnight: a session across it splits between the two days, nothing lost")
    func midnight() throws {
        // The slump fixture (80 s) starting 30 s before midnight in Berlin (23:00 UTC in winter).
        let start = "2026-11-30T23:59:30+01:00"
        let first = try ReplayedHistory("slump", startAt: start, day: ["--day", "2026-11-30", "--tz", "Europe/Berlin"])
        let second = try ReplayedHistory("slump", startAt: start, day: ["--day", "2026-12-01", "--tz", "Europe/Berlin"])
        func total(_ r: ReplayedHistory) -> Double { ["upright_s", "slumped_s", "suppressed_s", "gap_s"].map(r.seconds).reduce(0, +) }
        let whole = first.truth.values.reduce(0, +)
        #expect(abs(total(first) + total(second) - whole) <= samplePeriod)
        // Intervals start on the minute, so the first day holds the 30 s before midnight.
        #expect(abs(total(first) - 30) <= 2 * samplePeriod, "\(total(first)) s before midnight")
        #expect(first.count("alerts") + second.count("alerts") == 1 && second.count("alerts") == 1)
    }

    @Test("the same log replayed twice gives the same report")
    func deterministic() throws {
        let a = try ReplayedHistory("collapsed-trunk"), b = try ReplayedHistory("collapsed-trunk")
        #expect(NSDictionary(dictionary: a.report).isEqual(to: b.report) && !a.report.isEmpty)
    }
}
