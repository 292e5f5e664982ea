import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/scenarios")

/// Runs `plumbline` with `environment` added to this process's.
private func plumbline(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = plumblineBinary()
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

private func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

private func wellFormed(_ path: String) throws -> Bool {
    XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path))).parse()
}

/// A temporary folder with the slump and exercises fixtures replayed into `h.db` on 2026-11-30 and
/// 2026-12-02 (UTC), removed with the test.
private struct ChartHistory {
    let directory = NSTemporaryDirectory() + "plumbline-charts-\(getpid())-\(UUID().uuidString)"
    var database: String { directory + "/h.db" }

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, start) in [("slump", "2026-11-30T09:00:00Z"), ("exercises", "2026-12-02T14:00:00Z")] {
            let run = try plumbline(["replay", fixtures.appendingPathComponent("\(name).plog").path, "--calibrate-at", "2-6",
                                     "--history", database, "--start-at", start], environment: [:])
            #expect(run.status == 0, "\(run.stderr)")
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

@Suite("Charts from the command line")
struct ChartCommandTests {
    @Test("report --day --svg writes the day's timeline: well-formed, the slump shaded, its alert marked; one line says where")
    func dayChart() throws {
        let history = try ChartHistory()
        defer { history.remove() }
        let file = history.directory + "/day.svg"
        let run = try plumbline(["report", "--history", history.database, "--day", "2026-11-30", "--tz", "UTC", "--svg", file], environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("Chart written to \(file).\n"))
        let svg = try String(contentsOfFile: file, encoding: .utf8)
        #expect(try wellFormed(file))
        #expect(svg.contains("Posture on Mon 2026-11-30: upright "))
        #expect(occurrences("class=\"marker marker-alert\"", in: svg) == 1)
        #expect(occurrences("slump-upper-back-rounding", in: svg) >= 1)
        #expect(occurrences("class=\"series thoracic\"", in: svg) == 1)
    }

    @Test("report --week --svg draws seven days, two with bars; with --json stdout stays one JSON object")
    func weekChart() throws {
        let history = try ChartHistory()
        defer { history.remove() }
        let file = history.directory + "/week.svg"
        let run = try plumbline(["report", "--history", history.database, "--week", "2026-12-01", "--tz", "UTC", "--json", "--svg", file],
                                environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) is [String: Any])
        #expect(run.stderr.contains("Chart written to \(file)."))
        let svg = try String(contentsOfFile: file, encoding: .utf8)
        #expect(try wellFormed(file))
        #expect(occurrences("class=\"bar\"", in: svg) == 2 && occurrences("class=\"no-data-day\"", in: svg) == 5)
        #expect(svg.contains("Week of 2026-11-30"))
        // --from/--to over several days: a bar per day too.
        let range = try plumbline(["report", "--history", history.database, "--from", "2026-11-29", "--to", "2026-12-02", "--tz", "UTC",
                                   "--svg", file], environment: [:])
        #expect(range.status == 0, "\(range.stderr)")
        #expect(occurrences("class=\"day-label\"", in: try String(contentsOfFile: file, encoding: .utf8)) == 4)
    }

    @Test("on the day the clocks go forward, 10:00 local is drawn at 10:00")
    func clockChange() throws {
        let history = try ChartHistory()
        defer { history.remove() }
        // Europe/Berlin goes from 02:00 to 03:00 on 2026-03-29: 10:00 is nine hours after midnight.
        let replay = try plumbline(["replay", fixtures.appendingPathComponent("slump.plog").path, "--calibrate-at", "2-6",
                                    "--history", history.database, "--start-at", "2026-03-29T10:00:00+02:00"], environment: [:])
        #expect(replay.status == 0, "\(replay.stderr)")
        let file = history.directory + "/dst.svg"
        let run = try plumbline(["report", "--history", history.database, "--day", "2026-03-29", "--tz", "Europe/Berlin", "--svg", file],
                                environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("10:00–10:02 local time"))
    }

    @Test("a .png needs rsvg-convert: without it on PATH the error names librsvg2-bin; with it the file is a PNG")
    func png() throws {
        let history = try ChartHistory()
        defer { history.remove() }
        let file = history.directory + "/day.png"
        let arguments = ["report", "--history", history.database, "--day", "2026-11-30", "--tz", "UTC", "--svg", file]
        let missing = try plumbline(arguments, environment: ["PATH": history.directory])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("plumbline: file: cannot write \(file): a PNG needs rsvg-convert") && missing.stderr.contains("librsvg2-bin"))
        #expect(!FileManager.default.fileExists(atPath: file))
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/rsvg-convert") }) else { return }
        let run = try plumbline(arguments, environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)).prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    @Test("an unwritable chart path is one line naming the file, exit 2")
    func unwritable() throws {
        let history = try ChartHistory()
        defer { history.remove() }
        let file = history.directory + "/missing-folder/day.svg"
        let run = try plumbline(["report", "--history", history.database, "--day", "2026-11-30", "--tz", "UTC", "--svg", file], environment: [:])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("plumbline: file: cannot write \(file): "))
    }

    @Test("the demo ends with its day chart; with --alerts-json stdout is only events and the chart line goes to stderr")
    func demoChart() throws {
        let cache = NSTemporaryDirectory() + "plumbline-demo-cache-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        for _ in 0..<2 {
            let run = try plumbline(["demo", "--speed", "10000", "--alerts-json"], environment: ["XDG_CACHE_HOME": cache])
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n")
            #expect(!lines.isEmpty && lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
            let chart = cache + "/plumbline/demo-day.svg"
            #expect(run.stderr.contains("Day chart: \(chart) (open it in a browser)"))
            let svg = try String(contentsOfFile: chart, encoding: .utf8)
            #expect(try wellFormed(chart))
            // Each run replaces the history: the session's three alerts, not six after the second run.
            #expect(occurrences("class=\"marker marker-alert\"", in: svg) == 3)
            #expect(occurrences("class=\"marker marker-exercise\"", in: svg) == 1)
        }
    }
}

@Suite("Charts from the command line: not worn")
struct NotWornChartTests {
    /// The `x` (and `width`) of each element of `className` in `svg`, with its text for <text>.
    private func elements(_ svg: String, _ tag: String, className: String) -> [(attributes: [String: String], text: String)] {
        var found: [(attributes: [String: String], text: String)] = []
        for piece in svg.components(separatedBy: "<\(tag) ").dropFirst() {
            guard let close = piece.firstIndex(of: ">") else { continue }
            let head = String(piece[..<close])
            var attributes: [String: String] = [:]
            for pair in head.components(separatedBy: "\" ") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { attributes[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].replacingOccurrences(of: "\"", with: "") }
            }
            guard attributes["class"] == className else { continue }
            let rest = piece[piece.index(after: close)...]
            found.append((attributes, String(rest.prefix { $0 != "<" })))
        }
        return found
    }

    @Test("the minute of stillness before a sensor was judged not worn is drawn as not worn where it happened, not piled on the interval that settled it")
    func heldTimeInPlace() throws {
        let directory = NSTemporaryDirectory() + "plumbline-notworn-chart-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let db = directory + "/h.db", file = directory + "/day.svg"
        let replay = try plumbline(["replay", fixtures.appendingPathComponent("not-worn.plog").path, "--calibrate-at", "2-6", "--history", db,
                                    "--start-at", "2026-11-30T09:00:00Z", "--set", "storage.history_resolution_s=10"], environment: [:])
        #expect(replay.status == 0, "\(replay.stderr)")
        let run = try plumbline(["report", "--history", db, "--day", "2026-11-30", "--tz", "UTC", "--svg", file, "--json"], environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        let notWorn = try #require((try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["not_worn_s"] as? Double)
        let svg = try String(contentsOfFile: file, encoding: .utf8)
        // Seconds per pixel from two tick labels of the time axis (HH:MM).
        let ticks = elements(svg, "text", className: "tick-label").compactMap { e -> (Double, Double)? in
            let hm = e.text.split(separator: ":").compactMap { Double($0) }
            guard hm.count == 2, let x = e.attributes["x"].flatMap(Double.init) else { return nil }
            return (x, hm[0] * 3600 + hm[1] * 60)
        }
        try #require(ticks.count >= 2)
        let secondsPerPixel = (ticks.last!.1 - ticks.first!.1) / (ticks.last!.0 - ticks.first!.0)
        let blanks = elements(svg, "rect", className: "blank not-worn")
        let drawn = blanks.compactMap { $0.attributes["width"].flatMap(Double.init) }.reduce(0, +) * secondsPerPixel
        let startSecond = ticks.first!.1 + ((blanks.compactMap { $0.attributes["x"].flatMap(Double.init) }.min() ?? 0) - ticks.first!.0) * secondsPerPixel
        // Drawn as long as counted (within an interval), beginning within an interval of when the
        // sensor went still: put down at 09:00:20, handled for 2 s, quiet a few seconds later.
        #expect(abs(drawn - notWorn) <= 10, "drawn \(drawn) s, counted \(notWorn) s")
        #expect(startSecond >= 9 * 3600 + 19 && startSecond <= 9 * 3600 + 40, "not worn drawn from \(startSecond - 9 * 3600) s after 09:00")
    }
}
