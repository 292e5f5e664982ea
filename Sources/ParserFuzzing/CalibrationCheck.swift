// Fuzz check of the calibration loader: decode, and a round trip of whatever it accepts.
import Configuration
import Foundation
import Posture
import Tilt

enum CalibrationCheck {
    static let source = "fuzz-calibration.json"

    static func run(_ input: UnsafeRawBufferPointer) -> FuzzOutcome {
        let calibrations: [Calibration]
        do {
            calibrations = try CalibrationFile.decode(Data(input), source: source)
        } catch {
            precondition(error.description.hasPrefix(source), "calibration error without its source: \(error)")
            return .rejected(error.description)
        }
        for c in calibrations {
            precondition(abs(c.up.length - 1) < 1e-9 && abs(c.flexionAxis.length - 1) < 1e-9,
                         "accepted a calibration whose axes are not unit vectors: \(c)")
            precondition(abs(c.up.dot(c.flexionAxis)) < 0.01, "accepted non-orthogonal axes: \(c)")
        }
        // What was accepted can be saved again and reads back the same.
        let again: [Calibration]
        do {
            again = try CalibrationFile.decode(try CalibrationFile.encode(calibrations), source: "re-encoded")
        } catch {
            preconditionFailure("an accepted calibration does not survive a save and load: \(error)")
        }
        // Loading normalises the axes again, which may move a component by an ulp: equal up to that.
        precondition(again.count == calibrations.count, "a save and load changed the number of sensors")
        for (a, b) in zip(calibrations, again) {
            precondition(a.role == b.role && a.chip == b.chip && a.timeSeconds == b.timeSeconds
                         && a.axisSource == b.axisSource && nearlyEqual(a.up, b.up) && nearlyEqual(a.flexionAxis, b.flexionAxis),
                         "calibration changed in a save and load: \(a) → \(b)")
        }
        return .accepted("\(calibrations.count) sensor calibration(s)")
    }

    static func nearlyEqual(_ a: Vector3, _ b: Vector3) -> Bool {
        abs(a.x - b.x) <= 1e-15 && abs(a.y - b.y) <= 1e-15 && abs(a.z - b.z) <= 1e-15
    }
}
