import Foundation
@testable import SensorLog
import Testing

/// `read` over the bytes of `text` followed by `after` and padding (as the line reader's buffer
/// has): the value and how many bytes it took, or nil.
private func scan(
    _ text: String, after: String = ",", _ read: (inout UnsafeMutablePointer<UInt8>) -> Double?
) -> (value: Double, taken: Int)? {
    var bytes = Array((text + after).utf8) + Array(repeating: 0x35, count: 24)  // "5": digits past the end
    return bytes.withUnsafeMutableBufferPointer { b -> (Double, Int)? in
        var p = b.baseAddress!
        guard let v = read(&p) else { return nil }
        return (v, p - b.baseAddress!)
    }
}

private func strtodValue(_ text: String) -> Double { text.withCString { strtod($0, nil) } }

/// A random `[-]DIGITS.DIGITS` (or with a part left out, or another byte in it).
private func randomNumber(_ random: inout SeededRandom) -> String {
    let digits = "0123456789"
    func run(_ n: Int) -> String { String((0..<n).map { _ in digits.randomElement(using: &random)! }) }
    var s = (Bool.random(using: &random) ? "-" : "") + run(Int.random(in: 0...8, using: &random))
    if Int.random(in: 0..<8, using: &random) > 0 { s += "." + run(Int.random(in: 0...9, using: &random)) }
    if Int.random(in: 0..<10, using: &random) == 0 {
        var b = Array(s.utf8)
        b.insert(Array("-.,e+ x".utf8).randomElement(using: &random)!, at: Int.random(in: 0...b.count, using: &random))
        s = String(decoding: b, as: UTF8.self)
    }
    return s
}

@Suite("Row scan: the row reader's numbers, bit-identical to strtod")
struct RowScanTests {
    @Test("oneWord and twoWords read what they take as strtod does, and take the writer's numbers")
    func againstStrtod() {
        var random = SeededRandom(state: 0xD1B5_4A32_D192_ED03)
        var taken = (one: 0, two: 0)
        for _ in 0..<60_000 {
            let text = randomNumber(&random)
            let isNumber = text.wholeMatch(of: /-?[0-9]+\.[0-9]*/) != nil
            let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            let point = unsigned.firstIndex(of: ".").map { unsigned.distance(from: unsigned.startIndex, to: $0) }
            let decimals = point.map { unsigned.count - $0 - 1 } ?? 0
            for after in [",", "\n"] {
                // oneWord: a value only counts when the byte after it is a comma or a newline.
                if let (v, n) = scan(text, after: after, DecimalScan.oneWord), n == text.utf8.count {
                    #expect(isNumber, "\(text) taken")
                    #expect(v.bitPattern == strtodValue(text).bitPattern, "\(text)")
                    taken.one += 1
                } else if isNumber, unsigned.count <= 8, let point, point >= 1 {
                    Issue.record("\(text) not taken by oneWord")
                }
                // twoWords: the same.
                if let (v, n) = scan(text, after: after, DecimalScan.twoWords), n == text.utf8.count {
                    #expect(isNumber, "\(text) taken")
                    #expect(v.bitPattern == strtodValue(text).bitPattern, "\(text)")
                    taken.two += 1
                } else if isNumber, let point, (1...7).contains(point), (1...7).contains(decimals) {
                    Issue.record("\(text) not taken by twoWords")
                }
            }
        }
        #expect(taken.one > 5_000 && taken.two > 5_000)
    }

    @Test("the writer's shapes at every sign, place and length read bit for bit")
    func writerShapes() {
        var random = SeededRandom(state: 7)
        for whole in 1...6 {
            for decimals in 1...(7 - whole) {
                for _ in 0..<2_000 {
                    let magnitude = Double.random(in: 0..<pow(10, Double(whole)), using: &random)
                    for sign in ["", "-"] {
                        let text = sign + String(format: "%0\(whole + decimals + 1).\(decimals)f", magnitude)
                        guard text.count == sign.count + whole + decimals + 1 else { continue }
                        let one = scan(text, DecimalScan.oneWord)
                        #expect(one?.taken == text.utf8.count, "\(text)")
                        #expect(one?.value.bitPattern == strtodValue(text).bitPattern, "\(text)")
                    }
                }
            }
        }
    }
}
