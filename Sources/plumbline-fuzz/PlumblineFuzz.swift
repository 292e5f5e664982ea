// plumbline-fuzz: the parser fuzz targets. Built with `-sanitize=fuzzer,address -DFUZZING` it is a
// libFuzzer binary (scripts/fuzz); built normally it replays input files through the same checks.
import ParserFuzzing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `--target=NAME` from the command line (libFuzzer ignores flags that start with `--`).
func targetArgument(_ arguments: [String]) -> FuzzTarget? {
    for a in arguments where a.hasPrefix("--target=") {
        return FuzzTarget(rawValue: String(a.dropFirst("--target=".count)))
    }
    return nil
}

/// Writes a line to standard error.
func complain(_ line: String) {
    let text = line + "\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
}

let targetNames = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")

#if FUZZING
import CLibFuzzer

nonisolated(unsafe) var selected = FuzzTarget.configuration

/// libFuzzer's driver behind SwiftPM's entry point: `--target=NAME` picks the parser, every other
/// argument is libFuzzer's (corpus folders, -max_total_time=…, a crash file to reproduce).
@main
enum Fuzz {
    static func main() {
        guard let target = targetArgument(CommandLine.arguments) else {
            complain("plumbline-fuzz: give --target=NAME, one of \(targetNames)")
            exit(2)
        }
        selected = target
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? =
            UnsafeMutableRawPointer(CommandLine.unsafeArgv).assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self)
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            _ = selected.check(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        })
    }
}

#else

/// Replays files (or every file of folders) through one target and prints each outcome.
@main
enum Replay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let paths = arguments.filter { !$0.hasPrefix("--") }
        guard let target = targetArgument(arguments), !paths.isEmpty else {
            complain("usage: plumbline-fuzz --target=NAME FILE|FOLDER...   (NAME: \(targetNames))")
            exit(2)
        }
        var count = 0
        for path in paths {
            for file in files(at: path) {
                guard let bytes = contents(of: file) else {
                    complain("plumbline-fuzz: cannot read \(file)")
                    exit(1)
                }
                print("\(file): \(target.check(bytes).text)")
                count += 1
            }
        }
        print("\(count) input(s) replayed through \(target.rawValue), no crash")
    }

    static func files(at path: String) -> [String] {
        guard let dir = opendir(path) else { return [path] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix(".") { names.append("\(path)/\(name)") }
        }
        return names.sorted()
    }

    static func contents(of path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            bytes += chunk[..<n]
            if n < chunk.count { return ferror(f) == 0 ? bytes : nil }
        }
    }
}

#endif
