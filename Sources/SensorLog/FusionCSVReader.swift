// Streaming reader of the CSV layout of the xio Fusion examples.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `Time (s),Gyroscope X (deg/s),…,Accelerometer X (g),…[,Magnetometer …]` one row at a time;
/// memory stays flat whatever the file's length. Columns are found by name, in any order; the
/// gyroscope columns are optional (all three or none), others are ignored. A last row cut short
/// (a recording stopped by power loss) ends the log without an error.
public final class FusionCSVReader {
    public let path: String
    /// True when the file has gyroscope columns.
    public let hasGyroscope: Bool

    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private var lineNumber = 1
    private var previousTime = -Double.infinity
    private let timeColumn: Int
    private let accelColumns: (Int, Int, Int)
    private let gyroColumns: (Int, Int, Int)?
    private let neededFields: Int
    private let columnNames: [String]

    static let timeName = "Time (s)"
    static let accelNames = ["Accelerometer X (g)", "Accelerometer Y (g)", "Accelerometer Z (g)"]
    static let gyroNames = ["Gyroscope X (deg/s)", "Gyroscope Y (deg/s)", "Gyroscope Z (deg/s)"]

    public init(path: String) throws(SensorLogError) {
        self.path = path
        guard let f = fopen(path, "r") else {
            throw SensorLogError(file: path, line: 0, column: 0, kind: .cannotOpen(errno: errno))
        }
        file = f
        var buf: UnsafeMutablePointer<CChar>? = nil
        var cap = 0
        let n = getline(&buf, &cap, f)
        guard n > 0, let headerPtr = buf else {
            free(buf)
            fclose(f)
            throw SensorLogError(file: path, line: 1, column: 0, kind: .emptyFile)
        }
        let header = String(cString: headerPtr)
        buffer = buf
        capacity = cap
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: " \t\r\n")
        }
        columnNames = names
        func index(_ name: String) -> Int? { names.firstIndex(of: name) }
        func required(_ name: String) throws(SensorLogError) -> Int {
            guard let i = index(name) else {
                throw SensorLogError(file: path, line: 1, column: 0, kind: .missingColumn(name))
            }
            return i
        }
        do throws(SensorLogError) {
            timeColumn = try required(Self.timeName)
            accelColumns = (
                try required(Self.accelNames[0]), try required(Self.accelNames[1]), try required(Self.accelNames[2])
            )
            let g = Self.gyroNames.map { index($0) }
            if let gx = g[0], let gy = g[1], let gz = g[2] {
                gyroColumns = (gx, gy, gz)
            } else if g.allSatisfy({ $0 == nil }) {
                gyroColumns = nil
            } else {
                throw SensorLogError(file: path, line: 1, column: 0, kind: .partialGyroscope)
            }
        } catch {
            free(buf)
            fclose(f)
            throw error
        }
        hasGyroscope = gyroColumns != nil
        var last = max(timeColumn, accelColumns.0, accelColumns.1, accelColumns.2)
        if let g = gyroColumns { last = max(last, g.0, g.1, g.2) }
        neededFields = last + 1
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// The next frame, or `nil` at the end of the log.
    public func next() throws(SensorLogError) -> SensorFrame? {
        while true {
            errno = 0
            let n = getline(&buffer, &capacity, file)
            if n < 0 {
                if ferror(file) != 0 {
                    throw SensorLogError(file: path, line: lineNumber, column: 0, kind: .readFailed(errno: errno))
                }
                return nil
            }
            lineNumber += 1
            guard let line = buffer else { return nil }
            let complete = n > 0 && line[n - 1] == 10  // "\n"
            if isBlank(line, count: n) { continue }
            do {
                return try parse(line, count: n)
            } catch {
                // A last line without its newline is a recording cut off mid-row: stop there.
                if !complete, case .missingField = error.kind { return nil }
                if !complete, case .notANumber = error.kind { return nil }
                throw error
            }
        }
    }

    private func isBlank(_ line: UnsafeMutablePointer<CChar>, count: Int) -> Bool {
        for i in 0..<count where line[i] != 10 && line[i] != 13 && line[i] != 32 && line[i] != 9 {
            return false
        }
        return true
    }

    private func parse(_ line: UnsafeMutablePointer<CChar>, count: Int) throws(SensorLogError) -> SensorFrame {
        // Split in place: each comma and the line end become a NUL, and strtod parses each field.
        var values = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)  // time, ax, ay, az, gx, gy, gz
        var field = 0
        var start = 0
        var i = 0
        while field < neededFields {
            while i < count, line[i] != 44, line[i] != 10, line[i] != 13 { i += 1 }  // ","
            let atEnd = i >= count || line[i] != 44
            if i < count { line[i] = 0 } else if i == count { line[i] = 0 }
            let slot = slot(for: field)
            if slot >= 0 {
                let value = try number(line + start, length: i - start, column: field)
                setValue(&values, slot, value)
            }
            field += 1
            i += 1
            start = i
            if atEnd, field < neededFields {
                throw SensorLogError(
                    file: path, line: lineNumber, column: field + 1, kind: .missingField(column: columnNames[field]))
            }
        }
        let t = values.0
        guard t > previousTime else {
            throw SensorLogError(
                file: path, line: lineNumber, column: timeColumn + 1,
                kind: .timeNotIncreasing(previous: previousTime, current: t))
        }
        previousTime = t
        return SensorFrame(
            timeSeconds: t,
            accelG: SIMD3(values.1, values.2, values.3),
            gyroDegPerSecond: gyroColumns == nil ? nil : SIMD3(values.4, values.5, values.6))
    }

    private func slot(for field: Int) -> Int {
        if field == timeColumn { return 0 }
        if field == accelColumns.0 { return 1 }
        if field == accelColumns.1 { return 2 }
        if field == accelColumns.2 { return 3 }
        if let g = gyroColumns {
            if field == g.0 { return 4 }
            if field == g.1 { return 5 }
            if field == g.2 { return 6 }
        }
        return -1
    }

    private func setValue(_ v: inout (Double, Double, Double, Double, Double, Double, Double), _ slot: Int, _ x: Double) {
        switch slot {
        case 0: v.0 = x
        case 1: v.1 = x
        case 2: v.2 = x
        case 3: v.3 = x
        case 4: v.4 = x
        case 5: v.5 = x
        default: v.6 = x
        }
    }

    private func number(_ text: UnsafeMutablePointer<CChar>, length: Int, column: Int) throws(SensorLogError) -> Double {
        var end: UnsafeMutablePointer<CChar>? = nil
        let value = strtod(text, &end)
        var rest = end ?? text
        while rest.pointee == 32 || rest.pointee == 9 { rest += 1 }
        if length == 0 || end == text || rest.pointee != 0 || !value.isFinite {
            throw SensorLogError(
                file: path, line: lineNumber, column: column + 1, kind: .notANumber(String(cString: text)))
        }
        return value
    }
}

extension StringProtocol {
    /// Trims the given ASCII characters (by Unicode scalar, so "\r\n" is two characters here).
    fileprivate func trimmingCharacters(in set: String) -> String {
        let trim = Set(set.unicodeScalars)
        var s = Substring(self).unicodeScalars[...]
        while let c = s.first, trim.contains(c) { s.removeFirst() }
        while let c = s.last, trim.contains(c) { s.removeLast() }
        return String(String.UnicodeScalarView(s))
    }
}
