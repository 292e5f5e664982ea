import Configuration
import Foundation
import ParserFuzzing
import Posture
import Testing
import Tilt

/// What the fuzzers found, each kept as a plain test beside its reproducer in fuzz/*/corpus.
@Suite("Fuzz findings")
struct FindingTests {
    /// fuzz/calibration/corpus/renormalised-axes.json: a flexion axis of [1, 1, 0] is normalised on
    /// load; saving and loading that normalises again and moved a component by one ulp, which the
    /// first version of the round-trip check took for a changed calibration.
    @Test("axes of any length are normalised on load, and a save and load moves them by at most an ulp")
    func renormalisedAxes() throws {
        let json = #"{"version": 1, "sensors": [{"role": "head", "chip": "x", "timeSeconds": 1, "up": [0, 0, -2], "flexionAxis": [1, 1, 0], "axisSource": "mounting"}]}"#
        let first = try CalibrationFile.decode(Data(json.utf8), source: "f.json")
        #expect(first.count == 1)
        #expect(first[0].up == Vector3(0, 0, -1))
        #expect(abs(first[0].flexionAxis.x - 0.5.squareRoot()) < 1e-15 && first[0].flexionAxis.z == 0)
        let second = try CalibrationFile.decode(try CalibrationFile.encode(first), source: "again.json")
        #expect(abs(second[0].flexionAxis.x - first[0].flexionAxis.x) <= first[0].flexionAxis.x.ulp)
        #expect(abs(second[0].flexionAxis.y - first[0].flexionAxis.y) <= first[0].flexionAxis.y.ulp)
        #expect(FuzzTarget.calibration.check(Array(json.utf8)).isAccepted)
    }

    /// fuzz/configuration/corpus/timeout-alias-bomb-in-hook.yaml: found by `scripts/fuzz` in CI (over
    /// 5 s for one input): nested aliases under alerts.hook made Yams compose an enormous document
    /// (more than 20 s and growing). Anchors and aliases are now refused before composing.
    @Test("a configuration with YAML anchors or aliases is refused at once with their position")
    func aliasBomb() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fuzz/configuration/corpus/timeout-alias-bomb-in-hook.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect {
            try ConfigurationReader.parse(text, file: "bomb.yaml")
        } throws: { error in
            let e = error as! ConfigurationError
            return e.kind == .syntax && e.line == 2 && e.message.hasPrefix("YAML anchors and aliases")
        }
        #expect { try ConfigurationReader.parse("", file: "f", overrides: ["alerts.hook=[/bin/true, *x]"]) } throws: {
            ($0 as! ConfigurationError).file == "--set"
        }
        // Quoted, commented or inside a word, & and * are ordinary characters.
        let fine = "alerts:\n  hook: [/bin/echo, \"*loud*\", '&', a&b]  # *not an alias*\n"
        #expect(try ConfigurationReader.parse(fine, file: "f").alerts.hook == ["/bin/echo", "*loud*", "&", "a&b"])
    }
}
