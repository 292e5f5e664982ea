import Foundation
import Testing

@testable import plumbline

@Suite("plumbline replay of native logs")
struct ReplayNativeLogTests {
    let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/logs/format-example.log").path

    @Test("replays the rows of the --sensor role of a two-sensor native log")
    func twoSensors() throws {
        let trunk = try temporaryPath("trunk.csv")
        try runReplay([example, "--trace", trunk])
        let t = try rows(trunk)
        #expect(t.dropFirst().map { $0[0] } == ["12.000000", "12.010000", "12.020000", "12.030000"])
        #expect(t.dropFirst().allSatisfy { $0[1] == "trunk" })
        let head = try temporaryPath("head.csv")
        try runReplay([example, "--trace", head, "--sensor", "head"])  // accelerometer only: the accel filter
        let h = try rows(head)
        #expect(h.dropFirst().map { $0[0] } == ["12.000000", "12.020000"])
        #expect(h.dropFirst().allSatisfy { $0[1] == "head" })
    }

    @Test("names the log and its sensors when the --sensor role is not in it")
    func missingRole() throws {
        let log = try temporaryPath("trunk-only.plog")
        try """
            # plumbline-log 1
            # rate_hz=100
            # sensor trunk chip=MPU-6050 gyro_range_dps=250
            time_s,sensor,ax_g,ay_g,az_g,gx_dps,gy_dps,gz_dps
            0,trunk,0,0,1,0,0,0

            """.write(toFile: log, atomically: true, encoding: .utf8)
        do {
            try runReplay([log, "--trace", try temporaryPath("t.csv"), "--sensor", "head"])
            Issue.record("expected an error")
        } catch let error as ReplayError {
            #expect(error.description == "\(log) has no head sensor; it has trunk.")
        }
    }
}
