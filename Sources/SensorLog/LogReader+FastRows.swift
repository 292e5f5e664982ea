// The fast path for rows as writers write them: one pass over the line's bytes, numbers read by
// `DecimalScan`, no allocation. Anything it does not take (spaces, exponents, a bad field, time
// going backwards) is read again by the general path, which gives the same values and names the
// error, so both paths accept the same rows with the same results.

/// A sensor's role and the comma after it as the first bytes of a 64-bit load, for roles of up
/// to seven bytes (longer ones are matched byte by byte).
struct RoleKey {
    var word: UInt64
    var mask: UInt64
    var count: Int

    init(_ role: [UInt8]) {
        count = role.count
        word = 0
        mask = 0
        guard role.count < 8 else { return }
        for (i, b) in (role + [44]).enumerated() {
            word |= UInt64(b) << UInt64(8 * i)
            mask |= 0xFF << UInt64(8 * i)
        }
    }
}

/// What the row reader needs of a sensor, kept outside any array: its `RoleKey` (a role of eight
/// bytes or more never matches here), how many numbers its rows hold after the role, and what
/// ends them: a newline after the last angular rate, or the three commas of empty angular rates
/// and a newline after the last acceleration.
struct SensorKey {
    var word: UInt64
    var mask: UInt64
    var advance: Int
    var numbers: Int
    var tail: UInt32
    var tailMask: UInt32
    /// The newline's offset from the end of the last number.
    var newline: Int

    init(_ key: RoleKey, gyro: Bool) {
        word = key.mask == 0 ? 1 : key.word  // a mask of 0 keeps no bit, so never equals 1
        mask = key.mask
        advance = key.count + 1
        numbers = gyro ? 6 : 3
        tail = gyro ? 0x0A : 0x0A2C_2C2C  // "\n", ",,,\n" (the first byte lowest)
        tailMask = gyro ? 0xFF : 0xFFFF_FFFF
        newline = gyro ? 0 : 3
    }
}

extension LogReader {
    /// The unread bytes a whole row is read in place from: its longest form here (a 17-byte time,
    /// a 7-byte role, six 9-byte numbers and their commas) and the eight bytes loaded past it fit.
    static let rowWindow = 128

    /// The next line when it is a native sample row as writers write them (`DecimalScan.twoWords`
    /// time, a role of up to seven bytes, `DecimalScan.oneWord` numbers, a newline, time
    /// increasing): read in place among the line reader's unread bytes, in one pass, without
    /// looking for its end first. Nil, with nothing read, for anything else.
    ///
    /// The numbers are read into `rowValues` by a loop in a function of its own
    /// (`DecimalScan.numbers`), where its constants stay in registers.
    @inline(__always)
    func fastRow() -> LogRecord? {
        let (start, available) = lines.unread
        guard available >= Self.rowWindow else { return nil }
        var p = start
        guard let t = DecimalScan.twoWords(&p), p.pointee == 44 else { return nil }
        let w = UInt64(littleEndian: UnsafeRawPointer(p + 1).loadUnaligned(as: UInt64.self))
        var sensor = 0
        while true {
            guard sensor < sensorCount else { return nil }
            if w & sensorKeys[sensor].mask == sensorKeys[sensor].word { break }
            sensor &+= 1
        }
        let key = sensorKeys[sensor]
        p += 1 &+ key.advance
        let values = rowValues
        guard DecimalScan.numbers(&p, key.numbers, into: values + 1) else { return nil }
        let tail = UInt32(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt32.self))
        guard tail & key.tailMask == key.tail, t > lastTime[sensor] else { return nil }
        lastTime[sensor] = t
        sampleCount &+= 1
        lines.skipLine(endingAt: p + key.newline)
        let a = SIMD3(values[1], values[2], values[3])
        let g = key.numbers == 6 ? SIMD3(values[4], values[5], values[6]) : nil
        return .sample(LogSample(sensor: sensor, frame: SensorFrame(timeSeconds: t, accelerationG: a, angularRateDegPerSecond: g)))
    }

    /// A native sample row `TIME,ROLE,AX,AY,AZ,GX,GY,GZ` without spaces, or nil.
    func fastSample(_ line: LineReader.Line) -> LogRecord? {
        var p = line.start
        let end = line.start + line.count
        guard let t = DecimalScan.number(&p, wide: true), p.pointee == 44 else { return nil }
        p += 1
        guard let sensor = role(&p, end) else { return nil }
        guard let ax = DecimalScan.number(&p), p.pointee == 44 else { return nil }
        p += 1
        guard let ay = DecimalScan.number(&p), p.pointee == 44 else { return nil }
        p += 1
        guard let az = DecimalScan.number(&p), p.pointee == 44 else { return nil }
        p += 1
        var g: SIMD3<Double>? = nil
        if gyro[sensor] {
            guard let gx = DecimalScan.number(&p), p.pointee == 44 else { return nil }
            p += 1
            guard let gy = DecimalScan.number(&p), p.pointee == 44 else { return nil }
            p += 1
            guard let gz = DecimalScan.number(&p), p == end else { return nil }
            g = SIMD3(gx, gy, gz)
        } else {
            guard end - p == 2, p[0] == 44, p[1] == 44 else { return nil }
        }
        guard t > lastTime[sensor] else { return nil }
        lastTime[sensor] = t
        sampleCount += 1
        return .sample(LogSample(
            sensor: sensor, frame: SensorFrame(timeSeconds: t, accelerationG: SIMD3(ax, ay, az), angularRateDegPerSecond: g)))
    }

    /// A Fusion CSV row whose needed fields are all plain numbers, or nil.
    func fastFusion(_ line: LineReader.Line, _ c: FusionColumns) -> LogRecord? {
        var values = SIMD8<Double>.zero  // time, ax, ay, az, gx, gy, gz
        var p = line.start
        let end = line.start + line.count
        let last = c.needed - 1
        for index in 0...last {
            let slot = c.slots[index]
            if slot >= 0 {
                guard let v = DecimalScan.number(&p) else { return nil }
                values[slot] = v
            } else {
                while p < end, p.pointee != 44 { p += 1 }
            }
            if p == end { guard index == last else { return nil } } else {
                guard p.pointee == 44 else { return nil }
                p += 1
            }
        }
        guard values[0] > lastFusionTime else { return nil }
        return fusionSample(values, c)
    }

    /// The sample of a Fusion row's values (time, acceleration, angular rate), its time kept and
    /// counted; the caller has checked that the time increases.
    func fusionSample(_ values: SIMD8<Double>, _ c: FusionColumns) -> LogRecord {
        lastFusionTime = values[0]
        sampleCount += 1
        return .sample(LogSample(
            sensor: 0,
            frame: SensorFrame(
                timeSeconds: values[0], accelerationG: SIMD3(values[1], values[2], values[3]),
                angularRateDegPerSecond: c.gyro == nil ? nil : SIMD3(values[4], values[5], values[6]))))
    }

    /// The sensor whose role and a comma are the bytes at `p` (moved past them), or nil.
    @inline(__always)
    private func role(_ p: inout UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>) -> Int? {
        let w = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        for i in 0..<roleKeys.count {
            let key = roleKeys[i]
            if key.mask != 0 {
                guard w & key.mask == key.word else { continue }
            } else {
                guard end - p > key.count, p[key.count] == 44, Field(start: p, count: key.count).equals(roles[i]) else { continue }
            }
            p += key.count + 1
            return i
        }
        return nil
    }
}
