// JSON encoding of Posture's Calibration (kept out of the Foundation-free core).
import Foundation
import Posture
import Tilt

/// `{"version": 1, "sensors": [{"role", "chip", "timeSeconds", "up": [x,y,z], "flexionAxis": [x,y,z], "axisSource"}]}`
public enum CalibrationFile {
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

    public static func load(path: String) throws(CalibrationFileError) -> [Calibration] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CalibrationFileError("no calibration at \(path)")
        }
        guard !isDirectory.boolValue else {
            throw CalibrationFileError("\(path) is a directory, not a calibration file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CalibrationFileError("cannot read calibration \(path): \(error.localizedDescription)")
        }
        return try decode(data, source: path)
    }

    public static func decode(_ data: Data, source: String) throws(CalibrationFileError) -> [Calibration] {
        let doc: Document
        do {
            doc = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw CalibrationFileError("\(source) is not a calibration file: \(error)")
        }
        guard doc.version == 1 else { throw CalibrationFileError("\(source): unsupported calibration version \(doc.version)") }
        var result: [Calibration] = []
        for (i, e) in doc.sensors.enumerated() {
            guard let role = SensorRole(rawValue: e.role) else {
                throw CalibrationFileError("\(source): sensors[\(i)].role \"\(e.role)\" is not trunk or head")
            }
            guard let source_ = FlexionAxisSource(rawValue: e.axisSource) else {
                throw CalibrationFileError("\(source): sensors[\(i)].axisSource \"\(e.axisSource)\" is not forwardLean or mounting")
            }
            guard e.up.count == 3, e.flexionAxis.count == 3,
                  let u = Vector3(e.up[0], e.up[1], e.up[2]).normalized,
                  let a = Vector3(e.flexionAxis[0], e.flexionAxis[1], e.flexionAxis[2]).normalized,
                  abs(u.dot(a)) < 0.01
            else {
                throw CalibrationFileError("\(source): sensors[\(i)] needs unit, orthogonal up and flexionAxis of 3 numbers")
            }
            result.append(Calibration(
                role: role, chip: e.chip, timeSeconds: e.timeSeconds, up: u, flexionAxis: a, axisSource: source_))
        }
        return result
    }

    public static func encode(_ calibrations: [Calibration]) throws -> Data {
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

    /// The JSON document's bytes.
    public static func encodedBytes(_ calibrations: [Calibration]) throws(CalibrationFileError) -> [UInt8] {
        do { return Array(try encode(calibrations)) } catch {
            throw CalibrationFileError("cannot encode the calibration: \(error)")
        }
    }
}

/// A calibration file that cannot be used, with the file and what is wrong.
public struct CalibrationFileError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
