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
}
