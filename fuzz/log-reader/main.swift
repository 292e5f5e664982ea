// libFuzzer target for `LogReader`: every input must give records or a `SensorLogError`, in strict
// and in lenient mode; a crash, a sanitizer report or a hang is a bug. Built and run by
// scripts/fuzz-log, which compiles it together with Sources/SensorLog.
import Glibc

/// The reader takes a path, so each input goes through one scratch file of this process.
let scratchPath = "/tmp/plumbline-fuzz-log-\(getpid()).plog"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let fd = open(scratchPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0, "cannot write the scratch file \(scratchPath)")
    precondition(write(fd, data, size) == size, "short write to \(scratchPath)")
    close(fd)
    for lenient in [false, true] {
        do {
            let reader = try LogReader(path: scratchPath, options: LogReader.Options(lenient: lenient))
            var count = 0
            while try reader.next() != nil { count += 1 }
            precondition(count <= size, "more records than bytes")
        } catch {
            precondition(error.file == scratchPath && !error.message.isEmpty, "error without place or message")
        }
    }
    return 0
}
