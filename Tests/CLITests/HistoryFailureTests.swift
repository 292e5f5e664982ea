import Foundation
import History
import Testing

private let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/scenarios")

/// A folder with a history that a replay has written, removed with the test.
private struct StoreFolder {
    let directory = NSTemporaryDirectory() + "plumbline-store-\(getpid())-\(UUID().uuidString)"
    var path: String { directory + "/history.db" }

    init(written: Bool) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard written else { return }
        let run = try plumbline("replay", scenarios.appendingPathComponent("slump.plog").path, "--calibrate-at", "2-6",
                                "--history", path, "--start-at", "2026-11-29T09:00:00Z")
        #expect(run.status == 0, "\(run.stderr)")
    }

    func remove() {
        _ = chattr("-i", directory, path)
        chmod(directory, 0o755)
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs chattr (as root, the only way to make a file read-only to root); false when it cannot.
@discardableResult
private func chattr(_ flag: String, _ paths: String...) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["chattr", flag] + paths
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}

/// The simulated working session through `monitor`, as fast as it goes, under `sh -c` with `limits`.
private func monitor(history: String?, limits: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
    var command = "\(limits) exec \"$0\" monitor --simulate --speed 0 --set storage.history_resolution_s=1"
    if let history { command += " --history '\(history)'" }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command, plumblineBinary().path]
    let out = Pipe(), err = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

/// Plumbline's own lines on stderr (the journal's WARNING/NOTICE lines of the sensors left out).
private func plumblineLines(_ stderr: String) -> [Substring] {
    stderr.split(separator: "\n").filter { $0.hasPrefix("plumbline:") }
}

@Suite("History that cannot be written")
struct HistoryFailureTests {
    @Test("a full disk mid-session is one warning; coaching goes on to the same alerts, and what was written stays readable")
    func fullDisk() throws {
        let store = try StoreFolder(written: true)
        defer { store.remove() }
        let baseline = try monitor(history: nil)
        // Files may grow to 100 KiB: the write-ahead log reaches it after a few intervals.
        let run = try monitor(history: store.path, limits: "ulimit -f 100; trap '' XFSZ;")
        #expect(run.status == 0)
        let lines = plumblineLines(run.stderr)
        #expect(lines.count == 1 && lines.first?.hasPrefix("plumbline: history: cannot write an interval to the history \(store.path)") == true,
                "\(run.stderr)")
        #expect(lines.first?.hasSuffix("coaching goes on.") == true)
        #expect(run.stdout.split(separator: "\n").filter { $0.contains("Slump:") }.count == 3)
        #expect(run.stdout.split(separator: "\n").last == baseline.stdout.split(separator: "\n").last)
        let intervals = try HistoryStore.openForReading(path: store.path).intervals(fromAt: 0, toAt: .greatestFiniteMagnitude)
        #expect(intervals.count > 2, "the monitor's intervals before the disk filled")
    }

    @Test("a read-only store is one warning at the start; coaching goes on")
    func readOnly() throws {
        let store = try StoreFolder(written: true)
        defer { store.remove() }
        chmod(store.path, 0o444)
        chmod(store.directory, 0o555)
        var fd = open(store.path, O_RDWR)
        if fd >= 0 {
            close(fd)
            chattr("+i", store.path, store.directory)  // root ignores modes
            fd = open(store.path, O_RDWR)
        }
        if fd >= 0 { close(fd) }
        try #require(fd < 0, "could not make \(store.path) read-only here (root without chattr on this filesystem)")
        let run = try monitor(history: store.path)
        #expect(run.status == 0)
        let lines = plumblineLines(run.stderr)
        #expect(lines.count == 1 && lines.first?.hasPrefix("plumbline: history: cannot open the history \(store.path)") == true, "\(run.stderr)")
        #expect(lines.first?.hasSuffix("Coaching goes on without history.") == true)
        #expect(run.stdout.split(separator: "\n").filter { $0.contains("Slump:") }.count == 3)
    }

    @Test("report on a missing, empty or quiet store says so in one line and exits 0", arguments: ["missing", "empty", "other day"])
    func emptyStore(kind: String) throws {
        let store = try StoreFolder(written: kind == "other day")
        defer { store.remove() }
        if kind == "empty" { FileManager.default.createFile(atPath: store.path, contents: Data()) }
        let run = try plumbline("report", "--history", store.path, "--day", "2026-11-30", "--tz", "UTC")
        #expect(run.status == 0 && run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("No history"), "\(run.stdout)")
        #expect(lines[0].contains(store.path))
        // With --json: one JSON object all the same, no intervals, the sentence in `message`.
        let json = try plumbline("report", "--history", store.path, "--day", "2026-11-30", "--tz", "UTC", "--json")
        #expect(json.status == 0 && json.stderr.isEmpty && json.stdout.split(separator: "\n").count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["intervals"] as? Int == 0, "\(json.stdout)")
        #expect((object?["message"] as? String)?.hasPrefix("No history") == true || object?["upright_s"] as? Double == 0, "\(json.stdout)")
    }
}
