// Fuzz check of the log reader (native logs and the Fusion layout), strict and lenient.
import SensorLog

enum LogReaderCheck {
    nonisolated(unsafe) static let scratch = ScratchFile(suffix: ".plog")

    static func run(_ input: UnsafeRawBufferPointer) -> FuzzOutcome {
        scratch.write(input)
        let strict = read(lenient: false, limit: input.count)
        let lenient = read(lenient: true, limit: input.count)
        switch (strict, lenient) {
        case (.success(let records), .success(let again)):
            // Leniency only skips bad rows: on a log without any it reads exactly the same.
            precondition(again.records == records.records && again.skipped == 0,
                         "lenient mode reads a valid log differently (\(records.records.count) vs \(again.records.count) records)")
            return .accepted("\(records.records.count) record(s)")
        case (.failure(let error), _):
            return .rejected(error.description.replacing(scratch.path, with: "input"))
        case (.success, .failure(let error)):
            preconditionFailure("lenient mode refuses a log that strict mode reads: \(error)")
        }
    }

    struct Read {
        var records: [LogRecord]
        var skipped: Int
    }

    static func read(lenient: Bool, limit: Int) -> Result<Read, SensorLogError> {
        do {
            let reader = try LogReader(path: scratch.path, options: LogReader.Options(lenient: lenient))
            let sensors = reader.header.sensors
            precondition(!sensors.isEmpty, "a log header without sensors was accepted")
            var lastTime = Array(repeating: -Double.infinity, count: sensors.count)
            var records: [LogRecord] = []
            while let record = try reader.next() {
                records.append(record)
                precondition(records.count <= limit, "more records than bytes")
                switch record {
                case .sample(let s):
                    precondition(sensors.indices.contains(s.sensor), "sample of sensor \(s.sensor) of \(sensors.count)")
                    let f = s.frame
                    precondition(f.timeSeconds.isFinite && f.timeSeconds > lastTime[s.sensor],
                                 "time not finite and increasing for sensor \(s.sensor): \(lastTime[s.sensor]) then \(f.timeSeconds)")
                    lastTime[s.sensor] = f.timeSeconds
                    precondition(f.accelerationG.x.isFinite && f.accelerationG.y.isFinite && f.accelerationG.z.isFinite, "acceleration not finite")
                    precondition((f.angularRateDegPerSecond != nil) == sensors[s.sensor].hasGyroscope,
                                 "gyroscope presence differs from the header")
                case .annotation(let a):
                    precondition(a.startSeconds.isFinite && a.endSeconds >= a.startSeconds, "bad annotation interval \(a)")
                case .gap(let g):
                    precondition(g.startSeconds.isFinite && g.endSeconds > g.startSeconds, "bad gap interval \(g)")
                    if let i = g.sensor { precondition(sensors.indices.contains(i), "gap of sensor \(i) of \(sensors.count)") }
                case .note(let n):
                    precondition(n.timeSeconds.isFinite, "note time not finite")
                }
            }
            precondition(lenient || reader.skippedRows == 0, "strict mode skipped rows")
            return .success(Read(records: records, skipped: reader.skippedRows))
        } catch {
            precondition(error.file == scratch.path && !error.message.isEmpty, "error without place or message: \(error)")
            return .failure(error)
        }
    }
}
