import GRDB

extension HistoryStore {
    /// The events from `fromAt` to `toAt` (Unix seconds, end excluded), in time order.
    public func events(fromAt: Double, toAt: Double) throws(HistoryError) -> [HistoryEvent] {
        try read("read") { db in
            try Row.fetchAll(db, sql: """
                SELECT at, kind, state, slump, exercise, repetitions_done, thoracic_deg, head_forward_deg
                FROM event WHERE at >= ? AND at < ? ORDER BY at, id
                """, arguments: [fromAt, toAt]).map { row in
                HistoryEvent(at: row[0], kind: row[1], state: row[2], slump: row[3], exercise: row[4], repetitionsDone: row[5],
                             thoracicDeg: row[6], headForwardDeg: row[7])
            }
        }
    }
}

extension HistoryEvent {
    /// An event as the store holds it.
    public init(at: Double, kind: String, state: String, slump: String? = nil, exercise: String? = nil, repetitionsDone: Int? = nil,
                thoracicDeg: Double? = nil, headForwardDeg: Double? = nil) {
        self.at = at
        self.kind = kind
        self.state = state
        self.slump = slump
        self.exercise = exercise
        self.repetitionsDone = repetitionsDone
        self.thoracicDeg = thoracicDeg
        self.headForwardDeg = headForwardDeg
    }
}
