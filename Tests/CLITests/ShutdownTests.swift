import Foundation
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

private func historyLines(_ path: String) throws -> [[String: Any]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.isEmpty || text.hasSuffix("\n"), "a partial line in the history")
    return try text.split(separator: "\n").map {
        try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
}

@Suite("Stopping and power loss")
struct ShutdownTests {
    @Test("SIGTERM stops monitor within a second, exit 0, with the interval in progress written")
    func sigterm() throws {
        let history = NSTemporaryDirectory() + "plumbline-term-\(getpid()).jsonl"
        defer { try? FileManager.default.removeItem(atPath: history) }
        let process = try launch(["monitor", "--simulate", "--speed", "20", "--history", history,
                                  "--set", "storage.history_resolution_s=10"])
        Thread.sleep(forTimeInterval: 2)
        let sent = Date()
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        let took = Date().timeIntervalSince(sent)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(took < 1, "took \(took) s")
        let lines = try historyLines(history)
        // 2 s at 20x is about 40 s of session: three whole 10 s lines and the one in progress.
        #expect(lines.count >= 3)
        let last = try #require(lines.last?["end_s"] as? Double)
        #expect(last > 30)
    }

    @Test("kill -9 at random moments leaves the history whole up to its last line", arguments: [0.7, 1.3, 2.1])
    func killNine(after seconds: Double) throws {
        let history = NSTemporaryDirectory() + "plumbline-kill-\(getpid())-\(Int(seconds * 10)).jsonl"
        defer { try? FileManager.default.removeItem(atPath: history) }
        let process = try launch(["monitor", "--simulate", "--speed", "50", "--history", history,
                                  "--set", "storage.history_resolution_s=1"])
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let lines = try historyLines(history)
        #expect(!lines.isEmpty)
        // Whole lines, one per simulated second, in order.
        let ends = lines.compactMap { $0["end_s"] as? Double }
        #expect(ends.count == lines.count && ends == ends.sorted())
    }
}
