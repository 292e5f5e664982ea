import Coach
import Configuration
import Foundation
import Monitor
import Posture
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/scenarios")

/// Every numeric key the configuration documents, with its range (plumbline.example.yaml).
private let numericKeys: [(String, ClosedRange<Double>)] = [
    ("coach.delay_s", 1...3600), ("coach.thoracic_limit_deg", 5...60), ("coach.head_forward_limit_deg", 5...60),
    ("coach.lean_back_limit_deg", 3...45), ("coach.hysteresis_deg", 0...15), ("coach.repeat_after_s", 10...3600),
    ("coach.sitting_break_after_min", 5...480), ("sampling.rate_hz", 12.5...1000), ("sampling.drain_interval_s", 0.02...2),
    ("storage.history_resolution_s", 1...60), ("storage.history_days", 1...3650),
    ("coach.training_start_min", 1...480), ("coach.training_step_min", 0...120), ("coach.training_cap_min", 1...960),
]

private let choiceKeys: [(String, [String])] = [
    ("coach.mode", ["training", "tracking"]), ("sampling.accel_range_g", ["2", "4", "8", "16"]),
    ("sampling.gyro_range_dps", ["250", "500", "1000", "2000"]), ("alerts.terminal", ["true", "false"]),
    ("alerts.json_lines", ["true", "false"]), ("storage.record_raw", ["true", "false"]), ("coach.training_plan", ["on", "off"]),
]

/// A random set of `--set` overrides: each key with probability one half, its value anywhere in its
/// range, and one time in five exactly at an end of it.
private func drawOverrides(_ draw: inout Draw) -> [String] {
    var overrides: [String] = []
    for (key, range) in numericKeys where draw.unit() < 0.5 {
        let edge = draw.unit()
        let value = edge < 0.1 ? range.lowerBound : edge < 0.2 ? range.upperBound : draw.uniform(range)
        overrides.append("\(key)=\(value)")
    }
    for (key, options) in choiceKeys where draw.unit() < 0.5 {
        overrides.append("\(key)=\(options[Int(draw.unit() * Double(options.count))])")
    }
    if draw.unit() < 0.3 {
        let start = Int(draw.unit() * 1440), end = (start + 1 + Int(draw.unit() * 1438)) % 1440
        overrides.append(String(format: "coach.quiet_hours=%02d:%02d-%02d:%02d", start / 60, start % 60, end / 60, end % 60))
    }
    return overrides
}

@Suite("Settings checked as a whole")
struct ConfigurationPropertyTests {
    @Test("random configurations drawn from every key's range either name a key in their error or coach a scenario to the end")
    func randomConfigurations() throws {
        var draw = Draw(seed: 11)
        var accepted = 0, refused = 0
        let fixture = fixtures.appendingPathComponent("slump.plog").path
        let upright = try CalibrationFlow.capture(try LogSource(path: fixture), from: 2, to: 6, pose: "upright").get()
        let calibrations = try CalibrationFlow.calibrations(upright: upright, lean: [:], mounting: { .default(for: $0) },
                                                            chip: { _ in "log" }).get()
        for _ in 0..<300 {
            let overrides = drawOverrides(&draw)
            let configuration: PlumblineConfiguration
            do {
                configuration = try ConfigurationReader.parse("", file: "test", overrides: overrides)
            } catch {
                refused += 1
                let key = try #require(error.key, "an error without a key for \(overrides): \(error)")
                #expect(overrides.contains { $0.hasPrefix(key + "=") }, "\(error) names a key that was not set: \(overrides)")
                #expect(!error.description.contains("\n"))
                continue
            }
            accepted += 1
            let core = try configuration.coreSettings()
            #expect(core.coach.problem == nil)
            // The coach runs a whole scenario with these settings: no trap, and time accounted for.
            let replay = try LogSource(path: fixture)
            let runner = SessionRunner(session: Session(calibrations: calibrations, coach: core.coach), source: replay,
                                       emit: { _ in }, notice: { Issue.record("notice: \($0)") })
            try runner.run()
            let t = runner.session.coach.tallies
            #expect(t.uprightSeconds + t.slumpedSeconds + t.suppressedSeconds > 70)
        }
        // Both kinds are drawn: the sweep exercises the refusals as well as the runs.
        #expect(accepted > 100 && refused > 10, "accepted \(accepted), refused \(refused)")
    }

    @Test("a limit that others follow moves them along: thoracic 30° and 60° give a coach, with the collapsed-trunk and deep-bend angles above it",
          arguments: [30.0, 60.0])
    func derivedLimits(thoracic: Double) throws {
        let configuration = try ConfigurationReader.parse("", file: "test", overrides: ["coach.thoracic_limit_deg=\(thoracic)"])
        let coach = try configuration.coreSettings().coach
        #expect(coach.thoracicThresholdDeg == thoracic)
        #expect(coach.collapsedTrunkDeg > thoracic && coach.deepBendDeg > coach.collapsedTrunkDeg)
        #expect(coach.problem == nil)
    }

    @Test("the defaults are the coach's own defaults")
    func defaults() throws {
        #expect(try PlumblineConfiguration.default.coreSettings().coach == CoachSettings.default)
    }

    @Test("a hysteresis as large as a limit is refused naming both keys and what would work")
    func hysteresisTooLarge() {
        #expect {
            try ConfigurationReader.parse("", file: "test", overrides: ["coach.hysteresis_deg=15"])
        } throws: { error in
            let e = error as! ConfigurationError
            return e.key == "coach.hysteresis_deg" && e.message.contains("coach.thoracic_limit_deg") && e.message.contains("below 15")
        }
    }

    @Test("a small lean-back limit without a hysteresis gets a smaller hysteresis, not a refusal")
    func derivedHysteresis() throws {
        let coach = try ConfigurationReader.parse("", file: "test", overrides: ["coach.lean_back_limit_deg=4"]).coreSettings().coach
        #expect(coach.hysteresisDeg == 2 && coach.problem == nil)
    }
}
