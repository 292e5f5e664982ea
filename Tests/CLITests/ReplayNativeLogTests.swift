import Foundation
import Testing

@Suite("plumbline replay of native logs")
struct ReplayNativeLogTests {
    let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/logs/format-example.log").path

    @Test("replays every sensor of a two-sensor native log, each row naming its sensor")
    func twoSensors() throws {
        let trace = try temporaryPath("trace.csv")
        try runReplay([example, "--trace", trace])
        let t = try rows(trace).dropFirst()
        #expect(t.filter { $0[1] == "trunk" }.map { $0[0] } == ["12.000000", "12.010000", "12.020000", "12.030000"])
        // The head sensor is accelerometer-only: the accelerometer estimator serves it.
        #expect(t.filter { $0[1] == "head" }.map { $0[0] } == ["12.000000", "12.020000"])
    }

    @Test("--sensor names the role of a single-sensor Fusion recording")
    func fusionRole() throws {
        let trace = try temporaryPath("trace.csv")
        try runReplay([fixture, "--trace", trace, "--sensor", "head"])
        #expect(try rows(trace).dropFirst().allSatisfy { $0[1] == "head" })
    }
}
