// One scratch file per process for parsers that read a path.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file rewritten with each input, on tmpfs when the machine has `/dev/shm`. Its name is removed
/// at once and the parsers open it as `/proc/self/fd/N`, so nothing is left behind when the process
/// ends, however it ends (the fuzz targets hold it in a static, which is never deinitialised).
final class ScratchFile {
    let path: String
    private let fd: Int32

    init(suffix: String) {
        var dir = "/dev/shm"
        var info = stat()
        if stat(dir, &info) != 0 || (info.st_mode & S_IFMT) != S_IFDIR || access(dir, W_OK) != 0 {
            dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        }
        let name = "\(dir)/plumbline-fuzz-\(getpid())\(suffix)"
        fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "cannot create the scratch file \(name) (errno \(errno))")
        let byDescriptor = "/proc/self/fd/\(fd)"
        if access(byDescriptor, R_OK) == 0 {
            unlink(name)
            path = byDescriptor
        } else {
            path = name
        }
    }

    deinit {
        close(fd)
        if !path.hasPrefix("/proc/") { unlink(path) }
    }

    /// Replaces the file's contents with `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) {
        precondition(ftruncate(fd, 0) == 0, "cannot truncate \(path) (errno \(errno))")
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(done))
            precondition(n > 0, "cannot write \(path) (errno \(errno))")
            done += n
        }
    }
}
