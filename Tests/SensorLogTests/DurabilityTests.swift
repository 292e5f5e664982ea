import Foundation
import SensorLog
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Checks that a log written by `sensorlog-probe write` holds exactly the probe's rows, in order,
/// from the first up to its last whole line. Returns the number of trunk rows.
func checkProbeLog(_ path: String) throws -> (trunkRows: Int, truncated: Bool) {
    let (reader, records) = try readRecords(path)
    #expect(reader.header.sensors.map(\.role) == ["trunk", "head"])
    var trunk = 0
    var expectHead = false
    var annotations = 0
    for record in records {
        switch record {
        case .sample(let s) where s.sensor == 0:
            #expect(!expectHead, "a head row is missing before trunk row \(trunk)")
            let i = trunk
            #expect(s.frame.timeSeconds == stored(ProbePattern.time(i), 6))
            let a = ProbePattern.accel(i, head: false)
            #expect(s.frame.accelerationG == SIMD3(stored(a.x, 6), stored(a.y, 6), stored(a.z, 6)), "trunk row \(i)")
            let g = ProbePattern.gyro(i)
            #expect(s.frame.angularRateDegPerSecond == SIMD3(stored(g.x, 4), stored(g.y, 4), stored(g.z, 4)), "trunk row \(i)")
            trunk += 1
            expectHead = i % 2 == 0
        case .sample(let s):
            #expect(expectHead, "unexpected head row after trunk row \(trunk - 1)")
            let a = ProbePattern.accel(trunk - 1, head: true)
            #expect(s.frame.timeSeconds == stored(ProbePattern.time(trunk - 1), 6))
            #expect(s.frame.accelerationG == SIMD3(stored(a.x, 6), stored(a.y, 6), stored(a.z, 6)))
            #expect(s.frame.angularRateDegPerSecond == nil)
            expectHead = false
        case .annotation(let a):
            annotations += 1
            #expect(a.endSeconds == stored(ProbePattern.time(annotations * 500 - 1), 6))
        case .note, .gap:
            break
        }
    }
    #expect(annotations == trunk / 500 || annotations == (trunk - 1) / 500)
    return (trunk, reader.truncatedTail != nil)
}

@Suite("Durability", .serialized)
struct DurabilityTests {
    @Test("a writer killed with SIGKILL at random moments leaves a log that replays up to its last whole row")
    func killNine() throws {
        var rng = SeededGenerator(seed: 2026)
        var total = 0
        var runs: [String] = []
        for run in 0..<12 {
            let path = try freshPath()
            let p = Process()
            p.executableURL = probeURL()
            p.arguments = ["write", path, "--sync-rows", "200", "--acknowledge"]
            let out = try temporaryDirectory().appendingPathComponent("stdout")
            #expect(FileManager.default.createFile(atPath: out.path, contents: nil))
            p.standardOutput = try FileHandle(forWritingTo: out)
            try p.run()
            // Wait for the header to be on disk, then let it write for a random while.
            while try String(contentsOf: out, encoding: .utf8).isEmpty { usleep(1000) }
            let delayMicroseconds = UInt32.random(in: 1_000...250_000, using: &rng)
            usleep(delayMicroseconds)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(p.terminationReason == .uncaughtSignal)
            #expect(p.terminationStatus == SIGKILL)
            // Every row whose append had returned is in the file.
            let said = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
            #expect(said.first == "ready")
            let acknowledged = said.dropFirst().last { $0.hasPrefix("row ") }.flatMap { Int($0.dropFirst(4)) }.map { $0 + 1 } ?? 0
            let (rows, truncated) = try checkProbeLog(path)
            #expect(rows == acknowledged || rows == acknowledged + 1, "run \(run)")  // + the row between append and its "row" line
            total += rows
            runs.append(
                "run \(run): killed after \(delayMicroseconds / 1000) ms, \(acknowledged) trunk rows acknowledged, \(rows) in the file"
                    + (truncated ? ", partial last line" : ""))
        }
        #expect(total > 0)
        print(runs.joined(separator: "\n"))
    }

    @Test("a writer that finishes leaves every row it wrote")
    func completeRun() throws {
        let path = try freshPath()
        let run = try runProbe(["write", path, "--rows", "2500"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("trunk_rows=2500"))
        let (rows, truncated) = try checkProbeLog(path)
        #expect(rows == 2500)
        #expect(!truncated)
    }

    @Test("reading a log ten times longer does not grow the reader's memory")
    func flatMemory() throws {
        func peakKiB(rows: Int) throws -> Int {
            let path = try freshPath()
            let w = try runProbe(["write", path, "--rows", String(rows), "--sync-rows", "100000", "--sync-seconds", "100000"])
            #expect(w.status == 0)
            let r = try runProbe(["read", path])
            #expect(r.status == 0)
            #expect(r.stdout.contains("samples=\(rows + rows / 2) "))
            let field = try #require(r.stdout.split(separator: " ").first { $0.hasPrefix("peak_rss_kib=") })
            try FileManager.default.removeItem(atPath: path)
            return try #require(Int(field.dropFirst("peak_rss_kib=".count).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let small = try peakKiB(rows: 30_000)  // about 2.8 MB
        let large = try peakKiB(rows: 300_000)  // about 28 MB
        print("peak RSS reading 30000 trunk rows: \(small) KiB; 300000 trunk rows: \(large) KiB")
        #expect(large - small < 2048)
    }
}
