// Writes a chart: the SVG as it is, or a PNG converted by rsvg-convert (Debian librsvg2-bin).
import Foundation

/// Why a chart could not be written: the file, what went wrong, and what to do.
struct ChartFileError: Error, CustomStringConvertible {
    let description: String
}

enum ChartFile {
    /// Writes `svg` to `path`; a path ending in `.png` is converted with `rsvg-convert` at twice the
    /// design size.
    static func write(_ svg: String, to path: String) throws(ChartFileError) {
        guard path.lowercased().hasSuffix(".png") else {
            try writeText(svg, to: path)
            return
        }
        guard let converter = executable("rsvg-convert") else {
            throw ChartFileError(description: "cannot write \(path): a PNG needs rsvg-convert, which is not installed (Debian and Ubuntu: `sudo apt-get install librsvg2-bin`). Or give a path ending in .svg")
        }
        let temporary = NSTemporaryDirectory() + "plumbline-chart-\(getpid())-\(UUID().uuidString).svg"
        try writeText(svg, to: temporary)
        // A temporary file that cannot be removed is left for the system's cleaning; the chart is what matters.
        defer { _ = unlink(temporary) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: converter)
        process.arguments = ["--width", "960", "--keep-aspect-ratio", "--format", "png", "--output", path, temporary]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw ChartFileError(description: "cannot run \(converter) to write \(path): \(error.localizedDescription)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = message.trimmingCharacters(in: .whitespacesAndNewlines)
            throw ChartFileError(description: "rsvg-convert could not write \(path) (exit \(process.terminationStatus)): \(reason.isEmpty ? "no message" : reason)")
        }
    }

    private static func writeText(_ text: String, to path: String) throws(ChartFileError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ChartFileError(description: "cannot write \(path): \(error.localizedDescription). Check that its folder exists and is writable")
        }
    }

    /// The first `name` on $PATH that can be run.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
