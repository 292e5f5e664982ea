import Foundation
@testable import SensorLog
import Testing

/// A seeded generator for the property tests (xorshift64*); RowScanTests uses it too.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }
}

/// `DecimalScan.number` over the bytes of `text` (padded as `LineReader` pads a line), and whether
/// it read all of them.
private func scan(_ text: String) -> Double? {
    var bytes = Array(text.utf8) + Array(repeating: 0, count: 9)
    return bytes.withUnsafeMutableBufferPointer { b -> Double? in
        var p = b.baseAddress!
        guard let v = DecimalScan.number(&p), p == b.baseAddress! + text.utf8.count else { return nil }
        return v
    }
}

private func strtodValue(_ text: String) -> Double {
    text.withCString { strtod($0, nil) }
}

/// Every comma-separated cell of the sample rows of a file that holds a number.
private func numericCells(_ path: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("@") && !$0.hasPrefix("time_s") && !$0.hasPrefix("Time") }
        .flatMap { $0.split(separator: ",", omittingEmptySubsequences: true) }
        .map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        .filter { $0.first.map { $0.isNumber || $0 == "-" } ?? false }
}

@Suite("Decimal scan: numbers read from bytes, bit-identical to strtod")
struct DecimalScanTests {
    @Test("every value the writer writes reads back bit for bit as strtod reads its text")
    func writerValues() throws {
        var random = SeededRandom(state: 0x9E37_79B9_7F4A_7C15)
        let path = try freshPath()
        let w = try SensorLogWriter(path: path, header: twoSensorHeader)
        var written: [SensorFrame] = []
        for i in 0..<20_000 {
            func value() -> Double {
                let magnitude = Double.random(in: 0..<1, using: &random) * pow(10, Double(Int.random(in: -8...8, using: &random)))
                return Bool.random(using: &random) ? -magnitude : magnitude
            }
            let frame = SensorFrame(
                timeSeconds: Double(i) * 0.01 + Double.random(in: 0..<0.005, using: &random),
                accelerationG: SIMD3(value(), value(), value()), angularRateDegPerSecond: SIMD3(value(), value(), value()))
            try w.append(frame, sensor: 0)
            written.append(frame)
        }
        try w.close()
        let cells = try numericCells(path).filter { $0 != "trunk" }
        #expect(cells.count == written.count * 7)
        for cell in cells {
            let v = try #require(scan(cell), "not read: \(cell)")
            #expect(v.bitPattern == strtodValue(cell).bitPattern, "\(cell)")
        }
        let read = samples(try readRecords(path).1)
        #expect(read.count == written.count)
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { $0.contains(",trunk,") }
        for (sample, row) in zip(read, rows) {
            let expected = row.split(separator: ",").map(String.init).filter { $0 != "trunk" }.map(strtodValue)
            let f = sample.frame
            let g = try #require(f.angularRateDegPerSecond)
            let got = [f.timeSeconds, f.accelerationG.x, f.accelerationG.y, f.accelerationG.z, g.x, g.y, g.z]
            #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "\(row)")
        }
    }

    @Test("random digit strings of every length up to 18 read as strtod reads them")
    func randomDigitStrings() {
        var random = SeededRandom(state: 42)
        for _ in 0..<50_000 {
            let whole = Int.random(in: 1...12, using: &random)
            let fraction = Int.random(in: 0...(18 - whole), using: &random)
            var text = Bool.random(using: &random) ? "-" : ""
            text += String((0..<whole).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            if fraction > 0 {
                text += "." + String((0..<fraction).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            }
            let expected = strtodValue(text)
            if let v = scan(text) {
                #expect(v.bitPattern == expected.bitPattern, "\(text)")
            } else {
                // Only a mantissa of 2^53 or more is left to the slow path.
                let digits = text.filter(\.isNumber)
                #expect(UInt64(digits)! >= 1 << 53, "\(text)")
            }
        }
    }

    @Test("the numbers of every fixture read as strtod reads them")
    func fixtures() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.appendingPathComponent("scenarios").path)
            .map { fixturesDirectory.appendingPathComponent("scenarios").appendingPathComponent($0).path }
            + [fixturesDirectory.appendingPathComponent("fusion_sensor_data_3s.csv").path,
               fixturesDirectory.appendingPathComponent("logs/format-example.log").path]
        var read = 0
        for file in files {
            for cell in try numericCells(file) {
                guard let v = scan(cell) else { continue }
                #expect(v.bitPattern == strtodValue(cell).bitPattern, "\(file): \(cell)")
                read += 1
            }
        }
        #expect(read > 100_000)
    }

    @Test("leaves what is not a plain decimal to the slow path")
    func refusals() {
        for text in ["1e5", "1.5E-3", " 1.0", "1.0 ", "+1", "-", "", ".5", "1.", "--1", "9007199254740993", "1234567890123456789", "0x10", "nan"] {
            #expect(scan(text) == nil, "\(text)")
        }
        #expect(scan("9007199254740991")?.bitPattern == 9_007_199_254_740_991.0.bitPattern)
        #expect(scan("-0.000000")?.bitPattern == (-0.0).bitPattern)
    }
}
