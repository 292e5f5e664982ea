import Foundation
import ParserFuzzing
import Testing

/// `fuzz/` at the repository root: one folder per target, each with its seed corpus.
let fuzzRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fuzz")

/// Every file of a target's corpus, by name.
func corpus(of target: FuzzTarget) throws -> [(name: String, bytes: [UInt8])] {
    let dir = fuzzRoot.appendingPathComponent(target.rawValue).appendingPathComponent("corpus")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }.sorted()
    return try names.map { ($0, [UInt8](try Data(contentsOf: dir.appendingPathComponent($0)))) }
}

/// Replays the committed corpora, so every CI run checks the seeds and every fixed finding again.
/// A seed named `ok-…` must be accepted and `bad-…` refused with an error; others (reproducers of
/// findings, kept after the fix) only have to give one or the other. A crash ends the test run.
@Suite("Fuzz corpus replay")
struct CorpusReplayTests {
    @Test("every fuzz target has a corpus with valid and broken seeds", arguments: FuzzTarget.allCases)
    func corpusExists(target: FuzzTarget) throws {
        let names = try corpus(of: target).map(\.name)
        #expect(names.contains { $0.hasPrefix("ok-") }, "\(target.rawValue) has no valid seed")
        #expect(names.contains { $0.hasPrefix("bad-") }, "\(target.rawValue) has no broken seed")
    }

    @Test("valid seeds are accepted and broken ones refused, each with a message", arguments: FuzzTarget.allCases)
    func replay(target: FuzzTarget) throws {
        for (name, bytes) in try corpus(of: target) {
            let outcome = target.check(bytes)
            if name.hasPrefix("ok-") {
                #expect(outcome.isAccepted, "\(target.rawValue)/\(name): \(outcome.text)")
            } else if name.hasPrefix("bad-") {
                #expect(!outcome.isAccepted, "\(target.rawValue)/\(name): \(outcome.text)")
            }
            if case .rejected(let message) = outcome {
                #expect(message.count > 10, "\(target.rawValue)/\(name): error too short to help: \(message)")
            }
        }
    }
}
