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
    @Test("SIGTERM stops monitor at once, exit 0, with the interval in progress written")
    func sigterm() throws {
        let history = NSTemporaryDirectory() + "plumbline-term-\(getpid()).db"
        defer { removeStore(history) }
        let process = try launch(["monitor", "--simulate", "--speed", "20", "--history", history,
                                  "--set", "storage.history_resolution_s=10"])
        Thread.sleep(forTimeInterval: 2)
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let intervals = try historyIntervals(history)
        // 2 s at 20x is about 40 s of session: three whole 10 s intervals and the one in progress.
        #expect(intervals.count >= 3)
        expectWhole(intervals)
        // Stopped by the signal, not by the end of the six-minute script (which 20x reaches in 18 s).
        let first = try #require(intervals.first), last = try #require(intervals.last)
        #expect(last.endAt - first.startAt > 30)
        #expect(last.endAt - first.startAt < 300)
    }

    @Test("SIGINT (Ctrl-C) stops monitor with exit 0, its summary printed and the interval in progress written")
    func sigint() throws {
        let history = NSTemporaryDirectory() + "plumbline-int-\(getpid()).db"
        defer { removeStore(history) }
        let process = Process()
        process.executableURL = plumblineBinary()
        process.arguments = ["monitor", "--simulate", "--speed", "20", "--history", history, "--set", "storage.history_resolution_s=10"]
        let out = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 2)
        process.interrupt()  // SIGINT
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(stdout.contains("Upright "), "\(stdout)")
        let intervals = try historyIntervals(history)
        #expect(intervals.count >= 2)
        expectWhole(intervals)
        // Stopped by the signal, not by the end of the six-minute script (which 20x would reach in 18 s).
        let first = try #require(intervals.first), last = try #require(intervals.last)
        #expect(last.endAt - first.startAt < 300)
    }

    @Test("SIGTERM and SIGINT each stop a monitor paced at real time at its next sleep, with the summary printed", arguments: [SIGTERM, SIGINT])
    func stopWhileSleeping(signal: Int32) throws {
        let process = Process()
        process.executableURL = plumblineBinary()
        process.arguments = ["monitor", "--simulate", "--speed", "1", "--alerts-json"]
        let out = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 6)  // past the simulated calibration (about 3 s), into the loop's sleeps
        kill(process.processIdentifier, signal)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        // The summary covers the seconds before the signal, not the six-minute script.
        let summary = try #require(stdout.split(separator: "\n").last { $0.contains("\"kind\":\"summary\"") })
        #expect(summary.contains("\"upright_s\""), "\(summary)")
        let upright = try #require(Double(summary.split(separator: "\"upright_s\":")[1].prefix { $0 != "," }))
        #expect(upright < 60, "\(summary)")
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
