import Coach
import History
import Testing

@Suite("History events for the charts")
struct HistoryEventsTests {
    @Test("events(fromAt:toAt:) reads back the events of a stretch in time order, start included and end excluded, as written")
    func readsEvents() throws {
        let temp = TemporaryStore()
        defer { temp.remove() }
        let store = try HistoryStore.open(path: temp.path)
        let id = try store.beginSession(session, calibrations: [])
        let written = [
            event(.slumpAlert, at: 1_115, state: .alerted(atSeconds: 1_115, kind: .forwardHead), slump: .forwardHead),
            event(.corrected, at: 1_130, state: .upright),
            event(.stateChanged, at: 1_010, state: .upright),
            event(.slumpAlert, at: 1_200, state: .alerted(atSeconds: 1_200, kind: .collapsedTrunk), slump: .collapsedTrunk),
        ]
        try store.append(HistoryInterval(startAt: 1_000, endAt: 1_240, times: times(upright: 240)), events: written, session: id)
        let read = try store.events(fromAt: 1_010, toAt: 1_200)
        #expect(read.map(\.at) == [1_010, 1_115, 1_130])
        #expect(read.map(\.kind) == ["state", "slump", "corrected"])
        #expect(read[1] == written[0] && read[2] == written[1])
        #expect(try store.events(fromAt: 2_000, toAt: 3_000).isEmpty)
    }
}
