// Durable writer of native logs: every line goes to the kernel with write(2) as it is made, and
// reaches the disk with fdatasync(2) on a bounded interval.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a native log (`FORMAT.md`).
///
/// Durability: each row is built in a fixed buffer and handed to the kernel with one `write(2)`
/// before `append` returns, so a process killed at any moment (`kill -9`) loses at most the row
/// being written; the reader drops such a partial last line. Rows reach the disk with
/// `fdatasync(2)` after `Options.syncIntervalSeconds` of log time or `Options.syncEveryRows` rows,
/// whichever comes first, after every annotation, note and gap, and on `close()`; so a power cut
/// loses at most one interval. The header is synced, and the directory entry too, when the file is
/// created. A live loop whose source goes quiet should call `sync()` itself.
public final class SensorLogWriter {
    public struct Options: Equatable, Sendable {
        /// Longest stretch of log time between syncs, in seconds.
        public var syncIntervalSeconds: Double
        /// Most rows between syncs.
        public var syncEveryRows: Int
        /// Permission bits of a new file (before the umask).
        public var fileMode: UInt32
        /// Replace an existing file instead of refusing it.
        public var replaceExisting: Bool

        public init(syncIntervalSeconds: Double = 1, syncEveryRows: Int = 1000, fileMode: UInt32 = 0o600, replaceExisting: Bool = false) {
            precondition(syncIntervalSeconds > 0 && syncEveryRows > 0, "sync interval must be positive")
            self.syncIntervalSeconds = syncIntervalSeconds
            self.syncEveryRows = syncEveryRows
            self.fileMode = fileMode
            self.replaceExisting = replaceExisting
        }
    }

    public let path: String
    public let header: LogHeader
    public let options: Options
    /// Lines written so far, header included.
    public private(set) var linesWritten = 0
    /// `fdatasync` calls so far, the one for the header included.
    public private(set) var syncCount = 0

    /// Digits after the point: time (µs), acceleration (µg), angular rate (0.1 mdeg/s).
    static let timeDigits = 6
    static let accelDigits = 6
    static let gyroDigits = 4
    /// Largest magnitude a value may have.
    static let maxMagnitude = 1e9

    private var fd: Int32
    private let roles: [[UInt8]]
    private let row: UnsafeMutablePointer<UInt8>
    private let rowCapacity = 256
    private var lastTime: [Double]
    private var rowsSinceSync = 0
    private var lastSyncTime: Double? = nil
    /// Bytes of whole lines in the file.
    private var committedBytes = 0

    /// Creates the file (refusing an existing one unless `replaceExisting`), writes the header and syncs it.
    public init(path: String, header: LogHeader, options: Options = Options()) throws(SensorLogError) {
        self.path = path
        self.options = options
        var h = header
        h.layout = .native
        h.version = LogHeader.currentVersion
        let lines = h.renderedLines()
        // Validate with the reader's own header parser, so the writer never makes a log the reader refuses.
        var parser = HeaderParser(file: path)
        var parsed: LogHeader? = nil
        for (i, line) in lines.enumerated() {
            let text = String(line.dropLast())
            if text.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) {
                throw SensorLogError(file: path, line: i + 1, column: 0, kind: .invalidText(HeaderParser.clip(text)))
            }
            if i == 0 {
                try parser.signature(text, line: 1)
            } else if i == lines.count - 1 {
                parsed = try parser.finish(columns: text, line: i + 1)
            } else {
                try parser.add(text, line: i + 1)
            }
        }
        for (i, s) in h.sensors.enumerated() where s.hasGyroscope != parsed?.sensors[i].hasGyroscope {
            throw SensorLogError(file: path, line: 0, column: 0, kind: .missingHeaderKey("gyro_range_dps= for sensor \(s.role)"))
        }
        self.header = parsed ?? h
        roles = h.sensors.map { Array($0.role.utf8) }
        lastTime = Array(repeating: -Double.infinity, count: h.sensors.count)

        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_APPEND | (options.replaceExisting ? O_TRUNC : O_EXCL)
        fd = open(path, flags, mode_t(options.fileMode))
        guard fd >= 0 else { throw SensorLogError(file: path, line: 0, column: 0, kind: .cannotOpen(errno: errno)) }
        row = .allocate(capacity: rowCapacity)
        do throws(SensorLogError) {
            for line in lines {
                try writeText(line)
                linesWritten += 1
            }
            try sync()
            try syncDirectory()
        } catch {
            _ = closeDescriptor(fd)
            fd = -1
            throw error
        }
    }

    deinit {
        row.deallocate()
        // Without close() the rows already written stay in the file; close() is where a final sync error is reported.
        if fd >= 0 { _ = closeDescriptor(fd) }
    }

    /// The index of the sensor with this role, for `append`.
    public func sensorIndex(role: String) -> Int? { header.sensorIndex(role: role) }

    /// Writes one sample row. Time must increase for each sensor (rows of different sensors may
    /// come in the order the source delivers them); the frame has angular rate exactly when the
    /// sensor has a gyroscope.
    public func append(_ frame: SensorFrame, sensor: Int) throws(SensorLogError) {
        guard fd >= 0 else { throw error(0, .writerClosed) }
        guard header.sensors.indices.contains(sensor) else { throw error(2, .unknownSensor(String(sensor))) }
        let t = frame.timeSeconds
        try check(t, 1, "time_s")
        if t <= lastTime[sensor] { throw error(1, .timeNotIncreasing(previous: lastTime[sensor], current: t)) }
        let hasGyro = header.sensors[sensor].hasGyroscope
        let names = LogHeader.columns
        for k in 0..<3 { try check(frame.accelerationG[k], 3 + k, names[2 + k]) }
        if hasGyro {
            guard let g = frame.angularRateDegPerSecond else { throw error(6, .missingField(column: names[5])) }
            for k in 0..<3 { try check(g[k], 6 + k, names[5 + k]) }
        } else if frame.angularRateDegPerSecond != nil {
            throw error(6, .expectedEmpty(column: names[5]))
        }

        var n = 0
        n = put(t, Self.timeDigits, at: n)
        n = put(44, at: n)
        roles[sensor].withUnsafeBufferPointer { r in
            row.advanced(by: n).update(from: r.baseAddress!, count: r.count)
        }
        n += roles[sensor].count
        for k in 0..<3 {
            n = put(44, at: n)
            n = put(frame.accelerationG[k], Self.accelDigits, at: n)
        }
        for k in 0..<3 {
            n = put(44, at: n)
            if hasGyro, let g = frame.angularRateDegPerSecond { n = put(g[k], Self.gyroDigits, at: n) }
        }
        n = put(10, at: n)
        try writeAll(row, n)
        linesWritten += 1
        lastTime[sensor] = t

        rowsSinceSync += 1
        let since = lastSyncTime ?? t
        if lastSyncTime == nil { lastSyncTime = t }
        if rowsSinceSync >= options.syncEveryRows || t - since >= options.syncIntervalSeconds {
            try sync()
            lastSyncTime = t
        }
    }

    /// Writes `@annotation,START_S,END_S,LABEL[,NOTE]` and syncs.
    public func annotate(_ a: LogAnnotation) throws(SensorLogError) {
        try check(a.startSeconds, 2, "start_s")
        try check(a.endSeconds, 3, "end_s")
        guard a.endSeconds >= a.startSeconds else { throw error(3, .badInterval(start: a.startSeconds, end: a.endSeconds)) }
        let label = a.label.text
        guard !label.isEmpty else { throw error(4, .missingField(column: "label")) }
        guard label.first != " ", label.last != " " else { throw error(4, .invalidText(label)) }  // the reader trims them
        try checkText(label, 4, allowComma: false)
        var line = "@annotation,\(fixed(a.startSeconds)),\(fixed(a.endSeconds)),\(label)"
        if let note = a.note {
            try checkText(note, 5, allowComma: true)
            line += ",\(note)"
        }
        try record(line)
    }

    /// Writes `@note,TIME_S,TEXT` and syncs.
    public func note(_ n: LogNote) throws(SensorLogError) {
        try check(n.timeSeconds, 2, "time_s")
        try checkText(n.text, 3, allowComma: true)
        try record("@note,\(fixed(n.timeSeconds)),\(n.text)")
    }

    /// Writes `@gap,START_S,END_S[,SENSOR]` and syncs.
    public func gap(_ g: LogGap) throws(SensorLogError) {
        try check(g.startSeconds, 2, "start_s")
        try check(g.endSeconds, 3, "end_s")
        guard g.endSeconds > g.startSeconds else { throw error(3, .badInterval(start: g.startSeconds, end: g.endSeconds)) }
        var line = "@gap,\(fixed(g.startSeconds)),\(fixed(g.endSeconds))"
        if let s = g.sensor {
            guard header.sensors.indices.contains(s) else { throw error(4, .unknownSensor(String(s))) }
            line += ",\(header.sensors[s].role)"
        }
        try record(line)
    }

    /// Forces what has been written to the disk.
    public func sync() throws(SensorLogError) {
        guard fd >= 0 else { throw error(0, .writerClosed) }
        while fdatasync(fd) != 0 {
            if errno != EINTR { throw error(0, .syncFailed(errno: errno)) }
        }
        syncCount += 1
        rowsSinceSync = 0
    }

    /// Syncs and closes the file. Further use throws `writerClosed`.
    public func close() throws(SensorLogError) {
        guard fd >= 0 else { throw error(0, .writerClosed) }
        defer { fd = -1 }
        do throws(SensorLogError) {
            try sync()
        } catch {
            _ = closeDescriptor(fd)
            throw error
        }
        if closeDescriptor(fd) != 0 { throw error(0, .writeFailed(errno: errno)) }
    }

    // MARK: - Helpers

    private func error(_ column: Int, _ kind: SensorLogError.Kind) -> SensorLogError {
        SensorLogError(file: path, line: linesWritten + 1, column: column, kind: kind)
    }

    private func check(_ v: Double, _ column: Int, _ name: String) throws(SensorLogError) {
        guard v.isFinite, abs(v) < Self.maxMagnitude else { throw error(column, .invalidValue(column: name, value: v)) }
    }

    private func checkText(_ s: String, _ column: Int, allowComma: Bool) throws(SensorLogError) {
        if s.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 || (!allowComma && $0 == ",") }) {
            throw error(column, .invalidText(HeaderParser.clip(s)))
        }
    }

    private func record(_ text: String) throws(SensorLogError) {
        guard fd >= 0 else { throw error(0, .writerClosed) }
        try writeText(text + "\n")
        linesWritten += 1
        try sync()
    }

    private func fixed(_ v: Double) -> String {
        let n = put(v, Self.timeDigits, at: 0)
        return String(decoding: UnsafeBufferPointer(start: row, count: n), as: UTF8.self)
    }

    private func put(_ byte: UInt8, at n: Int) -> Int {
        row[n] = byte
        return n + 1
    }

    /// Writes `v` rounded to `digits` decimals at `row[n...]`, returns the new end.
    private func put(_ v: Double, _ digits: Int, at start: Int) -> Int {
        var scale = 1.0
        var unit: Int64 = 1
        for _ in 0..<digits {
            scale *= 10
            unit *= 10
        }
        let scaled = Int64((v * scale).rounded())  // |v| < 1e9 so |scaled| < 1e15
        var n = start
        if scaled < 0 { n = put(45, at: n) }  // "-"
        let magnitude = scaled.magnitude
        var whole = magnitude / UInt64(unit)
        var fraction = magnitude % UInt64(unit)
        // Integer part, most significant digit first.
        var divisor: UInt64 = 1
        while divisor <= whole / 10 { divisor *= 10 }
        repeat {
            n = put(UInt8(48 + whole / divisor), at: n)
            whole %= divisor
            divisor /= 10
        } while divisor > 0
        if digits > 0 {
            n = put(46, at: n)  // "."
            var d = UInt64(unit) / 10
            while d > 0 {
                n = put(UInt8(48 + fraction / d), at: n)
                fraction %= d
                d /= 10
            }
        }
        return n
    }

    private func writeAll(_ p: UnsafePointer<UInt8>, _ count: Int) throws(SensorLogError) {
        try committed(Self.writeAll(fd, p, count), count)
    }

    private func writeText(_ text: String) throws(SensorLogError) {
        var text = text
        let count = text.utf8.count
        try committed(text.withUTF8 { b in Self.writeAll(fd, b.baseAddress!, b.count) }, count)
    }

    /// After a write: counts its bytes, or, when it failed (disk full, file size limit), cuts off
    /// whatever part of the line did reach the file, so that the next line starts on a line of its
    /// own and the file holds whole lines only.
    private func committed(_ errorNumber: Int32, _ count: Int) throws(SensorLogError) {
        guard errorNumber == 0 else {
            _ = ftruncate(fd, off_t(committedBytes))  // best effort; the write error is the one to report
            throw error(0, .writeFailed(errno: errorNumber))
        }
        committedBytes += count
    }

    /// Writes every byte, retrying short writes and EINTR; 0 or the errno of the failure.
    private static func writeAll(_ fd: Int32, _ p: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
        var done = 0
        while done < count {
            let w = write(fd, p + done, count - done)
            if w < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += w
        }
        return 0
    }

    private func syncDirectory() throws(SensorLogError) {
        var dir = path
        if let slash = dir.lastIndex(of: "/") {
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        } else {
            dir = "."
        }
        let d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard d >= 0 else { throw error(0, .syncFailed(errno: errno)) }
        defer { _ = closeDescriptor(d) }
        while fsync(d) != 0 {
            if errno != EINTR { throw error(0, .syncFailed(errno: errno)) }
        }
    }
}

/// `close(2)`, under a name the writer's own `close()` does not shadow.
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
