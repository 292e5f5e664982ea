// The header of a Fusion CSV file: which field holds what.

/// Where the columns of a Fusion CSV file are, found by name in its header line.
struct FusionColumns {
    static let timeName = "Time (s)"
    static let accelNames = ["Accelerometer X (g)", "Accelerometer Y (g)", "Accelerometer Z (g)"]
    static let gyroNames = ["Gyroscope X (deg/s)", "Gyroscope Y (deg/s)", "Gyroscope Z (deg/s)"]

    let names: [String]
    let time: Int
    let gyro: [Int]?
    /// For each field up to the last one needed: which value it holds (0 time, 1–3 accel, 4–6 gyro) or -1.
    let slots: [Int]
    var needed: Int { slots.count }

    init(headerLine: String, file: String) throws(SensorLogError) {
        let names = headerLine.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingASCII(" \t\r\n")
        }
        func required(_ name: String) throws(SensorLogError) -> Int {
            guard let i = names.firstIndex(of: name) else {
                throw SensorLogError(file: file, line: 1, column: 0, kind: .missingColumn(name))
            }
            return i
        }
        let time = try required(Self.timeName)
        var accel: [Int] = []
        for n in Self.accelNames { accel.append(try required(n)) }
        let g = Self.gyroNames.map { names.firstIndex(of: $0) }
        let gyro: [Int]?
        if g.allSatisfy({ $0 != nil }) {
            gyro = g.compactMap { $0 }
        } else if g.allSatisfy({ $0 == nil }) {
            gyro = nil
        } else {
            throw SensorLogError(file: file, line: 1, column: 0, kind: .partialGyroscope)
        }
        let used = [time] + accel + (gyro ?? [])
        var slots = Array(repeating: -1, count: (used.max() ?? 0) + 1)
        for (slot, column) in used.enumerated() { slots[column] = slot }
        self.names = names
        self.time = time
        self.gyro = gyro
        self.slots = slots
    }
}

extension String {
    /// Without the given ASCII characters at either end.
    fileprivate func trimmingASCII(_ set: String) -> String {
        let trim = Set(set.unicodeScalars)
        var s = unicodeScalars[...]
        while let c = s.first, trim.contains(c) { s.removeFirst() }
        while let c = s.last, trim.contains(c) { s.removeLast() }
        return String(String.UnicodeScalarView(s))
    }
}
