import Foundation
import History
import Testing

/// Starts `plumbline` in the background; the caller signals it.
private func launch(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = plumblineBinary()
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice  // not the runner's terminal (monitor's key controls)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// Every interval of the history at `path`, after SQLite's own check of the file.
private func historyIntervals(_ path: String) throws -> [HistoryInterval] {
    let store = try HistoryStore.openForReading(path: path)
    #expect(try store.integrityProblems().isEmpty)
    return try store.intervals(fromAt: 0, toAt: .greatestFiniteMagnitude)
}

/// Whether the intervals follow each other without a hole, and each one's time adds up to its span.
private func expectWhole(_ intervals: [HistoryInterval]) {
    for (a, b) in zip(intervals, intervals.dropFirst()) { #expect(b.startAt == a.endAt, "a hole between intervals") }
    for i in intervals {
        let t = i.times
        let sum = t.uprightSeconds + t.slumpedSeconds + t.suppressedSeconds + t.uncalibratedSeconds + t.gapSeconds
        #expect(abs(sum - (i.endAt - i.startAt)) < 1e-6, "interval at \(i.startAt): \(sum) s of \(i.endAt - i.startAt)")
    }
}

private func removeStore(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

@Suite("Stopping and power loss")
struct ShutdownTests {
    @Test("SIGTERM stops monitor within a second, exit 0, with the interval in progress written")
    func sigterm() throws {
        let history = NSTemporaryDirectory() + "plumbline-term-\(getpid()).db"
        defer { removeStore(history) }
        let process = try launch(["monitor", "--simulate", "--speed", "20", "--history", history,
                                  "--set", "storage.history_resolution_s=10"])
        Thread.sleep(forTimeInterval: 2)
        let sent = Date()
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        let took = Date().timeIntervalSince(sent)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(took < 1, "took \(took) s")
        let intervals = try historyIntervals(history)
        // 2 s at 20x is about 40 s of session: three whole 10 s intervals and the one in progress.
        #expect(intervals.count >= 3)
        expectWhole(intervals)
        let first = try #require(intervals.first), last = try #require(intervals.last)
        #expect(last.endAt - first.startAt > 30)
    }

    @Test("kill -9 at random moments leaves the history whole up to its last interval", arguments: [0.7, 1.3, 2.1])
    func killNine(after seconds: Double) throws {
        let history = NSTemporaryDirectory() + "plumbline-kill-\(getpid())-\(Int(seconds * 10)).db"
        defer { removeStore(history) }
        let process = try launch(["monitor", "--simulate", "--speed", "50", "--history", history,
                                  "--set", "storage.history_resolution_s=1"])
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // Whole intervals of at most a simulated second (and one sample), in order, without a hole.
        let intervals = try historyIntervals(history)
        #expect(!intervals.isEmpty)
        expectWhole(intervals)
        #expect(intervals.allSatisfy { $0.endAt - $0.startAt <= 1.02 + 1e-6 })
        // Readable by the report as a user runs it.
        let report = try plumbline("report", "--history", history, "--from", "1970-01-01", "--to", "2100-01-01", "--json")
        #expect(report.status == 0 && report.stdout.contains("\"upright_s\""), "\(report.stderr)")
    }
}
