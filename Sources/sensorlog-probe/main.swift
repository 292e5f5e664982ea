// sensorlog-probe: a small helper for the SensorLog tests and benchmarks, not a user command.
//
//   sensorlog-probe write PATH [--rows N] [--sync-rows N] [--sync-seconds S]
//       Writes a two-sensor log (trunk: gyro + accel at 100 Hz; head: accel only at 50 Hz) whose
//       values follow `Pattern` (also in Tests/SensorLogTests/ProbePattern.swift), with an annotation
//       every 500 trunk rows and a note every 1000. Prints "ready" once the header is on disk.
//       --rows 0 (the default) writes until killed. --max-file-bytes N sets RLIMIT_FSIZE, so that
//       writing fails part-way through a row (exit status 3). --acknowledge prints "row I" on stdout
//       after the appends of trunk row I (and its head row) have returned.
//   sensorlog-probe read PATH [--lenient]
//       Reads a log of either layout to the end and prints what it found and its peak RSS.
//   sensorlog-probe dump PATH [--lenient]
//       Prints every record, each number as the hex of its bits, then what `read` prints without
//       the RSS (or the error): two readers give the same dump exactly when they read the same.
import Glibc
import SensorLog

/// The value of each cell, from the trunk row index `i`.
enum Pattern {
    static func time(_ i: Int) -> Double { Double(i) / 100 }
    static func accel(_ i: Int, head: Bool) -> SIMD3<Double> {
        let a = SIMD3(Double(i % 2000) / 1000 - 1, Double((i * 7) % 1000) / 500 - 1, 1 - Double(i % 100) / 10000)
        return head ? -a : a
    }
    static func gyro(_ i: Int) -> SIMD3<Double> {
        let x = Double(i % 5000) / 10 - 250
        return SIMD3(x, -x / 2, Double(i % 3) - 1.0 / 3)
    }
}

/// Writes `text` straight to a file descriptor (1 stdout, 2 stderr), unbuffered.
func say(_ text: String, to fd: Int32 = 1) {
    var text = text
    _ = text.withUTF8 { b in Glibc.write(fd, b.baseAddress, b.count) }
}

func fail(_ message: String) -> Never {
    say("sensorlog-probe: \(message)\n", to: 2)
    exit(2)
}

func option(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func write(path: String, args: [String]) throws(SensorLogError) {
    let rows = Int(option("--rows", in: args) ?? "0") ?? 0
    let acknowledge = args.contains("--acknowledge")
    if let limit = option("--max-file-bytes", in: args).flatMap(UInt.init) {
        signal(SIGXFSZ, SIG_IGN)  // a write past the limit then fails with EFBIG instead of killing us
        var l = rlimit(rlim_cur: rlim_t(limit), rlim_max: rlim_t(limit))
        guard setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &l) == 0 else { fail("setrlimit failed") }
    }
    var options = SensorLogWriter.Options()
    if let n = option("--sync-rows", in: args).flatMap(Int.init) { options.syncEveryRows = n }
    if let s = option("--sync-seconds", in: args).flatMap(Double.init) { options.syncIntervalSeconds = s }
    let header = LogHeader(
        rateHz: 100,
        sensors: [
            SensorDescription(role: "trunk", chip: "MPU-6050", bus: "/dev/i2c-1", address: 0x68, accelRangeG: 2, gyroRangeDegPerSecond: 250, rateHz: 100),
            SensorDescription(role: "head", chip: "ADXL345", bus: "/dev/i2c-1", address: 0x53, accelRangeG: 4, rateHz: 50),
        ],
        metadata: ["source": "sensorlog-probe"])
    let w = try SensorLogWriter(path: path, header: header, options: options)
    say("ready\n")
    var i = 0
    while rows == 0 || i < rows {
        let t = Pattern.time(i)
        try w.append(SensorFrame(timeSeconds: t, accelerationG: Pattern.accel(i, head: false), angularRateDegPerSecond: Pattern.gyro(i)), sensor: 0)
        if i % 2 == 0 {
            try w.append(SensorFrame(timeSeconds: t, accelerationG: Pattern.accel(i, head: true), angularRateDegPerSecond: nil), sensor: 1)
        }
        if acknowledge { say("row \(i)\n") }
        if i % 500 == 499 {
            try w.annotate(LogAnnotation(startSeconds: t - 4.99, endSeconds: t, label: i % 1000 == 999 ? .upright : .slump, note: "rows \(i - 499)-\(i), probe"))
        }
        if i % 1000 == 999 { try w.note(LogNote(timeSeconds: t, text: "row \(i)")) }
        i += 1
    }
    try w.close()
    say("trunk_rows=\(i) lines=\(w.linesWritten) syncs=\(w.syncCount)\n")
}

func read(path: String, lenient: Bool) throws(SensorLogError) {
    let r = try LogReader(path: path, options: LogReader.Options(lenient: lenient))
    var samples = 0
    var others = 0
    var checksum = 0.0
    while let record = try r.next() {
        if case .sample(let s) = record {
            samples += 1
            checksum += s.frame.accelerationG.z
        } else {
            others += 1
        }
    }
    let peak = peakResidentKiB()
    let tail = r.truncatedTail.map { "line \($0.line) (\($0.bytes) bytes)" } ?? "none"
    say("samples=\(samples) other_records=\(others) skipped=\(r.skippedRows) truncated=\(tail) checksum=\(checksum) peak_rss_kib=\(peak)\n")
}

/// The bits of `v`, in hex: equal exactly when the doubles are identical.
func bits(_ v: Double) -> String { String(v.bitPattern, radix: 16) }

func bits(_ v: SIMD3<Double>) -> String { "\(bits(v.x)) \(bits(v.y)) \(bits(v.z))" }

func dump(path: String, lenient: Bool) throws(SensorLogError) {
    let r = try LogReader(path: path, options: LogReader.Options(lenient: lenient))
    var text = ""
    while let record = try r.next() {
        switch record {
        case .sample(let s):
            let g = s.frame.angularRateDegPerSecond.map(bits) ?? "-"
            text += "s \(s.sensor) \(bits(s.frame.timeSeconds)) \(bits(s.frame.accelerationG)) \(g)\n"
        case .annotation(let a):
            text += "a \(bits(a.startSeconds)) \(bits(a.endSeconds)) \(a.label.text) \(a.note ?? "-")\n"
        case .note(let n): text += "n \(bits(n.timeSeconds)) \(n.text)\n"
        case .gap(let g): text += "g \(bits(g.startSeconds)) \(bits(g.endSeconds)) \(g.sensor.map(String.init) ?? "-")\n"
        }
        if text.utf8.count > 1 << 16 {
            say(text)
            text = ""
        }
    }
    let tail = r.truncatedTail.map { "line \($0.line) (\($0.bytes) bytes)" } ?? "none"
    let first = r.firstSkipped?.description ?? "-"
    say(text + "samples=\(r.sampleCount) skipped=\(r.skippedRows) first_skipped=\(first) truncated=\(tail)\n")
}

/// This process's peak resident set, in KiB: `VmHWM` of /proc/self/status. (getrusage's
/// ru_maxrss would not do: Linux carries it across exec, so it can report the parent's peak.)
func peakResidentKiB() -> Int {
    guard let f = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(f) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), f) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("VmHWM:") {
            return Int(text.dropFirst(6).filter { $0.isNumber }) ?? -1
        }
    }
    return -1
}

let args = Array(CommandLine.arguments.dropFirst())
guard args.count >= 2 else { fail("usage: sensorlog-probe write|read PATH [options]") }
do {
    switch args[0] {
    case "write": try write(path: args[1], args: args)
    case "read": try read(path: args[1], lenient: args.contains("--lenient"))
    case "dump": try dump(path: args[1], lenient: args.contains("--lenient"))
    default: fail("unknown mode \(args[0])")
    }
} catch {
    say("sensorlog-probe: \(error.description)\n", to: 2)
    exit(error.kind == .writeFailed(errno: EFBIG) ? 3 : 2)
}
