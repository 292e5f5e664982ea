// JSON encoding of Posture's Calibration (kept out of the Foundation-free core).
import Foundation
import Posture
import Tilt

/// `{"version": 1, "sensors": [{"role", "chip", "timeSeconds", "up": [x,y,z], "flexionAxis": [x,y,z], "axisSource"}]}`
enum CalibrationFile {
    struct Entry: Codable {
        var role: String
        var chip: String
        var timeSeconds: Double
        var up: [Double]
        var flexionAxis: [Double]
        var axisSource: String
    }

    struct Document: Codable {
        var version: Int
        var sensors: [Entry]
    }

    static func load(path: String) throws -> [Calibration] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReplayError("cannot read calibration \(path): \(error.localizedDescription)")
        }
        return try decode(data, source: path)
    }

    static func decode(_ data: Data, source: String) throws -> [Calibration] {
        let doc: Document
        do {
            doc = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ReplayError("\(source) is not a calibration file: \(error)")
        }
        guard doc.version == 1 else { throw ReplayError("\(source): unsupported calibration version \(doc.version)") }
        return try doc.sensors.enumerated().map { i, e in
            guard let role = SensorRole(rawValue: e.role) else {
                throw ReplayError("\(source): sensors[\(i)].role \"\(e.role)\" is not trunk or head")
            }
            guard let source_ = FlexionAxisSource(rawValue: e.axisSource) else {
                throw ReplayError("\(source): sensors[\(i)].axisSource \"\(e.axisSource)\" is not forwardLean or mounting")
            }
            guard e.up.count == 3, e.flexionAxis.count == 3,
                  let u = Vector3(e.up[0], e.up[1], e.up[2]).normalized,
                  let a = Vector3(e.flexionAxis[0], e.flexionAxis[1], e.flexionAxis[2]).normalized,
                  abs(u.dot(a)) < 0.01
            else {
                throw ReplayError("\(source): sensors[\(i)] needs unit, orthogonal up and flexionAxis of 3 numbers")
            }
            return Calibration(
                role: role, chip: e.chip, timeSeconds: e.timeSeconds, up: u, flexionAxis: a, axisSource: source_)
        }
    }

    static func encode(_ calibrations: [Calibration]) throws -> Data {
        let doc = Document(
            version: 1,
            sensors: calibrations.map {
                Entry(
                    role: $0.role.rawValue, chip: $0.chip, timeSeconds: $0.timeSeconds,
                    up: [$0.up.x, $0.up.y, $0.up.z],
                    flexionAxis: [$0.flexionAxis.x, $0.flexionAxis.y, $0.flexionAxis.z],
                    axisSource: $0.axisSource.rawValue)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(doc)
    }
}
