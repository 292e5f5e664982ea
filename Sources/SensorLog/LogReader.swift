// Streaming reader of native logs and of the xio Fusion CSV layout, behind one API.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a log one record at a time through a fixed buffer: memory stays flat whatever the
/// file's length. The layout is chosen by the first line: `# plumbline-log VERSION` is a native
/// log (`FORMAT.md`), anything else is read as a Fusion CSV header.
///
/// A bad row throws a `SensorLogError` naming file, line and column, or, with `lenient`, is
/// skipped and counted in `skippedRows`. A last line that the file ends without a newline (a
/// recording cut off by power loss) is not returned: reading stops before it and `truncatedTail`
/// says so. (A Fusion file may end its last whole row without a newline; that row is kept when it
/// parses.) Header errors are never skipped.
///
/// A reader is used from one thread at a time (it is not `Sendable`), so its per-row state is
/// declared `@exclusivity(unchecked)`: the runtime's access checks would cost more than a row.
public final class LogReader {
    public struct Options: Equatable, Sendable {
        /// Skip bad rows and count them instead of throwing.
        public var lenient: Bool

        public init(lenient: Bool = false) { self.lenient = lenient }
    }

    /// The unfinished last line that reading stopped before.
    public struct TruncatedTail: Equatable, Sendable {
        /// Its line number.
        public var line: Int
        /// Its length in bytes.
        public var bytes: Int

        public init(line: Int, bytes: Int) {
            self.line = line
            self.bytes = bytes
        }
    }

    public let path: String
    public let header: LogHeader
    public let options: Options
    /// Rows skipped in lenient mode.
    @exclusivity(unchecked) public private(set) var skippedRows = 0
    /// The error of the first skipped row, for a report.
    public private(set) var firstSkipped: SensorLogError?
    /// Set when the file ends in a line without a newline that was not read.
    @exclusivity(unchecked) public private(set) var truncatedTail: TruncatedTail?
    /// Samples returned so far.
    @exclusivity(unchecked) public internal(set) var sampleCount = 0

    let lines: LineReader
    private let fusion: FusionColumns?
    /// The log is in the native layout (`fusion` is nil).
    private let isNative: Bool
    let roles: [[UInt8]]
    let roleKeys: [RoleKey]
    let gyro: [Bool]
    /// Each sensor's last time, and what the row reader needs of it: one of each per sensor,
    /// allocated once, so that a row reads them without an array's checks.
    let lastTime: UnsafeMutablePointer<Double>
    let sensorKeys: UnsafeMutablePointer<SensorKey>
    let sensorCount: Int
    /// The numbers of the row `fastRow` is reading: time, then acceleration and angular rate.
    let rowValues: UnsafeMutablePointer<Double>
    /// Time of the last Fusion row (one sensor).
    @exclusivity(unchecked) var lastFusionTime = -Double.infinity
    @exclusivity(unchecked) private var finished = false

    /// Opens `path` and reads its header.
    public init(path: String, options: Options = Options()) throws(SensorLogError) {
        self.path = path
        self.options = options
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SensorLogError(file: path, line: 0, column: 0, kind: .cannotOpen(errno: errno)) }
        let lines = LineReader(fd: fd)
        self.lines = lines

        func nextLine() throws(SensorLogError) -> LineReader.Line? {
            let n: LineReader.Next
            do { n = try lines.next() } catch {
                throw SensorLogError(file: path, line: error.line, column: 0, kind: .readFailed(errno: error.errno))
            }
            switch n {
            case .line(let l): return l
            case .end: return nil
            case .tooLong:
                throw SensorLogError(file: path, line: lines.lineNumber, column: 0, kind: .lineTooLong(limit: lines.maxLineBytes))
            }
        }

        guard let first = try nextLine() else { throw SensorLogError(file: path, line: 1, column: 0, kind: .emptyFile) }
        let firstText = Field(start: first.start, count: first.count).string
        if first.count > 0, first.start[0] == 35 {  // "#"
            var parser = HeaderParser(file: path)
            try parser.signature(firstText, line: 1)
            while true {
                let next = try nextLine()
                guard let l = next, l.terminated else {
                    let line = next == nil ? lines.lineNumber + 1 : lines.lineNumber  // the missing or the cut line
                    throw SensorLogError(file: path, line: line, column: 0, kind: .incompleteHeader)
                }
                let field = Field(start: l.start, count: l.count)
                if field.isEmpty { continue }
                if l.start[0] != 35 {  // the column line ends the header
                    header = try parser.finish(columns: field.string, line: lines.lineNumber)
                    break
                }
                try parser.add(field.string, line: lines.lineNumber)
            }
            fusion = nil
            isNative = true
        } else {
            let columns = try FusionColumns(headerLine: firstText, file: path)
            fusion = columns
            isNative = false
            header = LogHeader(
                layout: .fusionCSV, version: 0, rateHz: nil,
                sensors: [SensorDescription(role: "imu", chip: nil, hasGyroscope: columns.gyro != nil)], metadata: [:])
        }
        roles = header.sensors.map { Array($0.role.utf8) }
        roleKeys = roles.map(RoleKey.init)
        gyro = header.sensors.map(\.hasGyroscope)
        sensorCount = header.sensors.count
        lastTime = .allocate(capacity: sensorCount)
        lastTime.initialize(repeating: -Double.infinity, count: sensorCount)
        sensorKeys = .allocate(capacity: sensorCount)
        for i in 0..<sensorCount { (sensorKeys + i).initialize(to: SensorKey(roleKeys[i], gyro: gyro[i])) }
        rowValues = .allocate(capacity: 7)
        rowValues.initialize(repeating: 0, count: 7)
    }

    deinit {
        lastTime.deallocate()
        sensorKeys.deallocate()
        rowValues.deallocate()
    }

    /// The next record, or `nil` at the end of the log.
    public func next() throws(SensorLogError) -> LogRecord? {
        if isNative, let record = fastRow() { return record }  // the usual row
        return try nextLine()
    }

    /// `next()` for a line that `fastRow` does not take, and for the end of the buffer or file.
    @inline(never)
    private func nextLine() throws(SensorLogError) -> LogRecord? {
        while !finished {
            if let line = lines.bufferedLine() {  // the usual case: a whole line already read
                if let record = try take(line) { return record }
                continue
            }
            let n: LineReader.Next
            do { n = try lines.next() } catch {
                throw SensorLogError(file: path, line: error.line, column: 0, kind: .readFailed(errno: error.errno))
            }
            switch n {
            case .end:
                finished = true
            case .tooLong(let bytes, let terminated):
                if !terminated {  // a tail of junk, such as the zeros a file system may leave after a power cut
                    truncatedTail = TruncatedTail(line: lines.lineNumber, bytes: bytes)
                    finished = true
                    return nil
                }
                try skipOrThrow(
                    SensorLogError(file: path, line: lines.lineNumber, column: 0, kind: .lineTooLong(limit: lines.maxLineBytes)))
            case .line(let line):
                if let record = try take(line) { return record }
            }
        }
        return nil
    }

    /// The record of one line; nil for a blank or comment line, a skipped row, or a cut last line
    /// (then `finished` is set).
    private func take(_ line: LineReader.Line) throws(SensorLogError) -> LogRecord? {
        if line.count > 0 {  // rows as writers write them, read in one pass
            if isNative {
                if line.terminated, let record = fastSample(line) { return record }
            } else if let f = fusion, let record = fastFusion(line, f) {
                return record
            }
        }
        if Field(start: line.start, count: line.count).isEmpty { return nil }
        if !line.terminated, fusion == nil {
            stopBefore(line)
            return nil
        }
        do throws(SensorLogError) {
            return try parse(line)
        } catch {
            if !line.terminated {
                stopBefore(line)
                return nil
            }
            try skipOrThrow(error)
            return nil
        }
    }

    /// The next sample, skipping annotations, notes and gaps; `nil` at the end of the log.
    public func nextSample() throws(SensorLogError) -> LogSample? {
        while let r = try next() {
            if case .sample(let s) = r { return s }
        }
        return nil
    }

    private func stopBefore(_ line: LineReader.Line) {
        truncatedTail = TruncatedTail(line: lines.lineNumber, bytes: line.count)
        finished = true
    }

    private func skipOrThrow(_ error: SensorLogError) throws(SensorLogError) {
        guard options.lenient else { throw error }
        skippedRows += 1
        if firstSkipped == nil { firstSkipped = error }
    }

    private func fail(_ column: Int, _ kind: SensorLogError.Kind) -> SensorLogError {
        SensorLogError(file: path, line: lines.lineNumber, column: column, kind: kind)
    }

    private func parse(_ line: LineReader.Line) throws(SensorLogError) -> LogRecord? {
        if let f = fusion { return try parseFusion(line, f) }
        switch line.start[0] {
        case 35: return nil  // "#": a comment after the header
        case 64: return try parseRecord(line)  // "@"
        default: return try parseSample(line)
        }
    }

    private func number(_ field: Field, _ column: Int) throws(SensorLogError) -> Double {
        guard let v = field.number() else { throw fail(column, .notANumber(field.text)) }
        return v
    }

    private func field(_ scanner: inout FieldScanner, _ column: Int, _ name: String) throws(SensorLogError) -> Field {
        guard let f = scanner.next() else { throw fail(column, .missingField(column: name)) }
        return f
    }

    private func sensorIndex(_ field: Field) throws(SensorLogError) -> Int {
        let t = field.trimmed
        for i in 0..<roles.count where t.equals(roles[i]) { return i }
        throw fail(2, .unknownSensor(field.text))
    }

    private func parseSample(_ line: LineReader.Line) throws(SensorLogError) -> LogRecord {
        let names = LogHeader.columns
        var scanner = FieldScanner(line)
        let t = try number(try field(&scanner, 1, names[0]), 1)
        let sensor = try sensorIndex(try field(&scanner, 2, names[1]))
        let ax = try number(try field(&scanner, 3, names[2]), 3)
        let ay = try number(try field(&scanner, 4, names[3]), 4)
        let az = try number(try field(&scanner, 5, names[4]), 5)
        var g = SIMD3<Double>.zero
        for k in 0..<3 {
            let f = try field(&scanner, 6 + k, names[5 + k])
            if gyro[sensor] {
                g[k] = try number(f, 6 + k)
            } else if !f.isEmpty {
                throw fail(6 + k, .expectedEmpty(column: names[5 + k]))
            }
        }
        if scanner.next() != nil { throw fail(names.count + 1, .tooManyFields(expected: names.count)) }
        if t <= lastTime[sensor] { throw fail(1, .timeNotIncreasing(previous: lastTime[sensor], current: t)) }
        lastTime[sensor] = t
        sampleCount += 1
        return .sample(LogSample(
            sensor: sensor,
            frame: SensorFrame(timeSeconds: t, accelerationG: SIMD3(ax, ay, az), angularRateDegPerSecond: gyro[sensor] ? g : nil)))
    }

    private static let annotationWord = Array("@annotation".utf8)
    private static let noteWord = Array("@note".utf8)
    private static let gapWord = Array("@gap".utf8)

    private func parseRecord(_ line: LineReader.Line) throws(SensorLogError) -> LogRecord {
        var scanner = FieldScanner(line)
        let kind = try field(&scanner, 1, "record").trimmed
        if kind.equals(Self.annotationWord) {
            let start = try number(try field(&scanner, 2, "start_s"), 2)
            let end = try number(try field(&scanner, 3, "end_s"), 3)
            guard end >= start else { throw fail(3, .badInterval(start: start, end: end)) }
            let label = try field(&scanner, 4, "label").trimmed
            guard label.count > 0 else { throw fail(4, .missingField(column: "label")) }
            let note = scanner.rest()?.string
            return .annotation(LogAnnotation(
                startSeconds: start, endSeconds: end, label: AnnotationLabel(label.string), note: note))
        }
        if kind.equals(Self.noteWord) {
            let t = try number(try field(&scanner, 2, "time_s"), 2)
            guard let text = scanner.rest() else { throw fail(3, .missingField(column: "text")) }
            return .note(LogNote(timeSeconds: t, text: text.string))
        }
        if kind.equals(Self.gapWord) {
            let start = try number(try field(&scanner, 2, "start_s"), 2)
            let end = try number(try field(&scanner, 3, "end_s"), 3)
            guard end > start else { throw fail(3, .badInterval(start: start, end: end)) }
            var sensor: Int? = nil
            if let s = scanner.next(), !s.isEmpty {
                let t = s.trimmed
                guard let i = roles.firstIndex(where: { t.equals($0) }) else { throw fail(4, .unknownSensor(s.text)) }
                sensor = i
            }
            if scanner.next() != nil { throw fail(5, .tooManyFields(expected: 4)) }
            return .gap(LogGap(startSeconds: start, endSeconds: end, sensor: sensor))
        }
        throw fail(1, .unknownRecord(kind.text))
    }

    private func parseFusion(_ line: LineReader.Line, _ c: FusionColumns) throws(SensorLogError) -> LogRecord {
        var values = SIMD8<Double>.zero  // time, ax, ay, az, gx, gy, gz
        var scanner = FieldScanner(line)
        for index in 0..<c.needed {
            let f = try field(&scanner, index + 1, c.names[index])
            let slot = c.slots[index]
            if slot >= 0 { values[slot] = try number(f, index + 1) }
        }
        let t = values[0]
        guard t > lastFusionTime else { throw fail(c.time + 1, .timeNotIncreasing(previous: lastFusionTime, current: t)) }
        return fusionSample(values, c)
    }
}
