import Coach
import Foundation
import History
import IMUEmulators
import Testing

/// A fresh store in a temporary folder, removed with the test.
struct TemporaryStore {
    let directory: String
    let path: String
    init() {
        directory = NSTemporaryDirectory() + "plumbline-history-\(getpid())-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/history.db"
    }
    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// One interval's tallies with `upright` s upright and `slumps` by kind.
func times(upright: Double, slumps: [SlumpKind: Double] = [:], suppressed: [SuppressionReason: Double] = [:], gap: Double = 0) -> CoachTallies {
    var t = CoachTallies()
    t.uprightSeconds = upright
    for (kind, s) in slumps { t.slumpedSecondsByKind[kind] = s; t.slumpedSeconds += s }
    for (reason, s) in suppressed { t.suppressedSecondsByReason[reason] = s; t.suppressedSeconds += s }
    t.gapSeconds = gap
    return t
}

func event(_ kind: CoachEvent.Kind, at t: Double, state: CoachState, slump: SlumpKind? = nil) -> HistoryEvent {
    HistoryEvent(CoachEvent(kind: kind, timeSeconds: t, state: state, slump: slump), originUnixSeconds: 0)
}

let session = HistorySession(startedAt: 1_000, source: "test", resolutionSeconds: 60, mode: "training")

@Suite("History store")
struct HistoryStoreTests {
    @Test("seeded intervals and events sum up to the same figures as added by hand, for any stretch")
    func sumsMatch() throws {
        let temp = TemporaryStore()
        defer { temp.remove() }
        let store = try HistoryStore.open(path: temp.path)
        let id = try store.beginSession(session, calibrations: [])
        var random = SplitMix64(seed: 13)
        var rows: [(start: Double, t: CoachTallies)] = []
        for i in 0..<200 {
            let start = 1_000 + Double(i) * 60
            let t = times(upright: random.nextUnit() * 30, slumps: [.forwardHead: random.nextUnit() * 10, .collapsedTrunk: random.nextUnit() * 5],
                          suppressed: [.walking: random.nextUnit() * 8], gap: random.nextUnit() < 0.2 ? 7 : 0)
            rows.append((start, t))
            try store.append(HistoryInterval(startAt: start, endAt: start + 60, times: t), events: [], session: id)
        }
        for _ in 0..<20 {
            let a = 1_000 + random.nextUnit() * 12_000, b = a + random.nextUnit() * 6_000
            let s = try store.summary(fromAt: a, toAt: b)
            let inside = rows.filter { $0.start >= a && $0.start < b }
            #expect(s.intervals == inside.count)
            #expect(abs(s.uprightSeconds - inside.map(\.t.uprightSeconds).reduce(0, +)) < 1e-6)
            #expect(abs((s.slumpedSecondsByKind["forward-head"] ?? 0) - inside.map(\.t.slumpedSecondsByKind.forwardHeadSeconds).reduce(0, +)) < 1e-6)
            #expect(abs((s.suppressedSecondsByReason["walking"] ?? 0) - inside.map(\.t.suppressedSeconds).reduce(0, +)) < 1e-6)
            #expect(abs(s.gapSeconds - inside.map(\.t.gapSeconds).reduce(0, +)) < 1e-6)
            #expect(s.slumpedSecondsByKind["upper-back-rounding"] == nil)
        }
    }

    @Test("slump count, alerts, the longest upright streak and the median time to correct come from the events")
    func timeline() throws {
        let temp = TemporaryStore()
        defer { temp.remove() }
        let store = try HistoryStore.open(path: temp.path)
        let id = try store.beginSession(session, calibrations: [])
        let events = [
            event(.stateChanged, at: 1_000, state: .upright),
            event(.stateChanged, at: 1_100, state: .slumping(sinceSeconds: 1_100, kind: .forwardHead)),
            event(.stateChanged, at: 1_115, state: .alerted(atSeconds: 1_115, kind: .forwardHead)),
            event(.slumpAlert, at: 1_115, state: .alerted(atSeconds: 1_115, kind: .forwardHead), slump: .forwardHead),
            event(.stateChanged, at: 1_125, state: .upright),
            event(.corrected, at: 1_125, state: .upright, slump: .forwardHead),
            event(.stateChanged, at: 1_400, state: .slumping(sinceSeconds: 1_400, kind: .upperBackRounding)),
            event(.stateChanged, at: 1_415, state: .alerted(atSeconds: 1_415, kind: .upperBackRounding)),
            event(.slumpAlert, at: 1_415, state: .alerted(atSeconds: 1_415, kind: .upperBackRounding), slump: .upperBackRounding),
            event(.repeatAlert, at: 1_475, state: .alerted(atSeconds: 1_415, kind: .upperBackRounding), slump: .upperBackRounding),
            event(.stateChanged, at: 1_445 + 40, state: .upright),
            event(.corrected, at: 1_485, state: .upright, slump: .upperBackRounding),
        ]
        try store.append(HistoryInterval(startAt: 1_000, endAt: 1_600, times: times(upright: 500)), events: events, session: id)
        let s = try store.summary(fromAt: 0, toAt: 10_000)
        #expect(s.slumps == 2 && s.slumpsByKind == ["forward-head": 1, "upper-back-rounding": 1])
        #expect(s.alerts == 2 && s.repeats == 1 && s.corrections == 2)
        // Upright 1,125 → 1,400 (275 s) is longer than 1,000 → 1,100 and 1,485 → the session's end, 1,600.
        #expect(s.longestUprightSeconds == 275)
        // Corrected after 10 s and after 70 s: the median of two is their mean.
        #expect(s.medianCorrectionSeconds == 40)
        // A stretch that cuts the longest streak counts only its part.
        #expect(try store.summary(fromAt: 1_300, toAt: 10_000).longestUprightSeconds == 115)
    }

    @Test("a slump counts once, by the kind of its first alert (a trunk that rounds, then collapses)")
    func slumpKindAtAlert() throws {
        let temp = TemporaryStore()
        defer { temp.remove() }
        let store = try HistoryStore.open(path: temp.path)
        let id = try store.beginSession(session, calibrations: [])
        let events = [
            event(.stateChanged, at: 1_000, state: .slumping(sinceSeconds: 1_000, kind: .upperBackRounding), slump: .upperBackRounding),
            event(.stateChanged, at: 1_015, state: .alerted(atSeconds: 1_015, kind: .collapsedTrunk), slump: .collapsedTrunk),
            event(.slumpAlert, at: 1_015, state: .alerted(atSeconds: 1_015, kind: .collapsedTrunk), slump: .collapsedTrunk),
            event(.stateChanged, at: 1_030, state: .suppressed(.moving)),
            event(.stateChanged, at: 1_040, state: .slumping(sinceSeconds: 1_040, kind: .forwardHead), slump: .forwardHead),
            event(.stateChanged, at: 1_045, state: .upright),
        ]
        try store.append(HistoryInterval(startAt: 1_000, endAt: 1_060, times: times(upright: 15)), events: events, session: id)
        let s = try store.summary(fromAt: 0, toAt: 2_000)
        #expect(s.slumps == 2 && s.slumpsByKind == ["collapsed-trunk": 1, "forward-head": 1])
    }

    @Test("the median of seeded samples equals the middle of the sorted samples")
    func medianProperty() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let n = 1 + Int(random.nextUnit() * 40)
            let values = (0..<n).map { _ in (random.nextUnit() * 100).rounded() }
            let m = try #require(HistorySummary.median(values))
            #expect(values.filter { $0 < m }.count <= n / 2 && values.filter { $0 > m }.count <= n / 2)
        }
    }

    @Test("retention deletes intervals and events that started before the cutoff, and nothing after")
    func retention() throws {
        let temp = TemporaryStore()
        defer { temp.remove() }
        let store = try HistoryStore.open(path: temp.path)
        let id = try store.beginSession(session, calibrations: [])
        for start in stride(from: 1_000.0, to: 5_000, by: 1_000) {
            try store.append(HistoryInterval(startAt: start, endAt: start + 60, times: times(upright: 60)),
                             events: [event(.slumpAlert, at: start + 1, state: .upright)], session: id)
        }
        try store.prune(before: 2_500)
        let s = try store.summary(fromAt: 0, toAt: 10_000)
        #expect(s.intervals == 2 && s.alerts == 2 && s.uprightSeconds == 120)
    }

    @Test("opening twice keeps what was written (migrations run once), and the file is whole")
    func reopen() throws {
        let temp = TemporaryStore()
        defer { temp.remove() }
        do {
            let store = try HistoryStore.open(path: temp.path)
            let id = try store.beginSession(session, calibrations: [])
            try store.append(HistoryInterval(startAt: 1_000, endAt: 1_060, times: times(upright: 60)), events: [], session: id)
        }
        let again = try HistoryStore.open(path: temp.path)
        #expect(try again.summary(fromAt: 0, toAt: 2_000).uprightSeconds == 60)
        #expect(try again.integrityProblems().isEmpty)
        #expect(try HistoryStore.openForReading(path: temp.path).summary(fromAt: 0, toAt: 2_000).intervals == 1)
    }

    @Test("a file that is not a history is refused with its name and what to do")
    func notAHistory() throws {
        let temp = TemporaryStore()
        defer { temp.remove() }
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: temp.path))
        #expect {
            _ = try HistoryStore.open(path: temp.path)
        } throws: { error in
            let text = "\(error)"
            return text.contains(temp.path) && text.contains("move it aside")
        }
    }

    @Test("a folder that cannot hold the file is refused with its name and what to do")
    func cannotCreate() throws {
        // A path under a regular file cannot be created, whoever runs the test.
        let temp = TemporaryStore()
        defer { temp.remove() }
        FileManager.default.createFile(atPath: temp.directory + "/file", contents: Data())
        let path = temp.directory + "/file/history.db"
        #expect {
            _ = try HistoryStore.open(path: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("--history")
        }
    }
}
