#if canImport(Glibc)
import Glibc
#endif
import Configuration
import Posture

/// A file operation that failed, in the C library's words.
public struct FileFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ what: String, _ path: String) { description = "\(what) \(path): \(String(cString: strerror(errno)))" }
    init(description: String) { self.description = description }
}

/// Files in the state directory: the calibration, and the folders of recordings and history.
public enum StateFiles {
    /// The folder part of `path` ("" for a bare name).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Creates `path` and its missing parents with `mode`.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o750) throws(FileFailure) {
        guard !path.isEmpty else { return }
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, mode) != 0 && errno != EEXIST { throw FileFailure("cannot create", current) }
        }
    }

    /// Writes the calibration atomically (temporary file, fsync, rename), readable by the owner only.
    public static func saveCalibration(_ calibrations: [Calibration], to path: String) throws(FileFailure) {
        let bytes: [UInt8]
        do { bytes = try CalibrationFile.encodedBytes(calibrations) } catch {
            throw FileFailure(description: error.description)
        }
        try makeDirectories(directory(of: path))
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileFailure("cannot create", temporary) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        guard written == bytes.count, synced == 0 else {
            let failure = FileFailure("cannot write", temporary)
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let failure = FileFailure("cannot rename into", path)
            unlink(temporary)
            throw failure
        }
    }

    /// The calibrations in `path`, by role.
    public static func loadCalibrations(_ path: String) throws(CalibrationFileError) -> [SensorRole: Calibration] {
        var result: [SensorRole: Calibration] = [:]
        for c in try CalibrationFile.load(path: path) { result[c.role] = c }
        return result
    }
}
