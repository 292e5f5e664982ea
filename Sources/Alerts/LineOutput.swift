import Glibc

/// Where the text sinks write their lines.
public protocol LineOutput: AnyObject {
    /// Writes `line` and a newline, whole, or throws.
    func write(line: String) throws(AlertError)
}

/// Writes lines to a file descriptor (standard output by default), retrying short writes and
/// interrupted calls. Does not own or close the descriptor.
public final class FileDescriptorOutput: LineOutput {
    public let fd: Int32
    /// Names the output in errors (`stdout`, a path).
    public let name: String

    public init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    public static func standardOutput() -> FileDescriptorOutput { FileDescriptorOutput(fd: 1, name: "stdout") }
    public static func standardError() -> FileDescriptorOutput { FileDescriptorOutput(fd: 2, name: "stderr") }

    public func write(line: String) throws(AlertError) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .write(output: name, errno: errno)
            }
            offset += n
        }
    }
}

/// Keeps the lines in memory (tests, a history pane).
public final class MemoryOutput: LineOutput {
    public private(set) var lines: [String] = []

    public init() {}

    public func write(line: String) throws(AlertError) {
        lines.append(line)
    }
}
