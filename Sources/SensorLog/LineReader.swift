// Lines of a file through one fixed buffer, filled with read(2): memory does not grow with the
// file or with its longest line.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands out each line of a file as bytes inside its buffer, valid until the next call. Used from
/// one thread at a time, like its `LogReader`, so its position is `@exclusivity(unchecked)`.
final class LineReader {
    /// One line, without its newline (and without a carriage return before it).
    struct Line {
        var start: UnsafeMutablePointer<UInt8>
        var count: Int
        /// False for a last line that the file ends without a newline.
        var terminated: Bool
    }

    enum Next {
        case line(Line)
        /// A line longer than `maxLineBytes`; its bytes have been skipped up to and including its
        /// newline. `terminated` is false when the file ends before a newline.
        case tooLong(bytes: Int, terminated: Bool)
        case end
    }

    /// Longest line, in bytes, without its newline.
    let maxLineBytes: Int
    /// Size of the buffer: the longest line and its newline.
    private let capacity: Int
    /// Number of the line last handed out, 1-based.
    @exclusivity(unchecked) private(set) var lineNumber = 0
    private let fd: Int32
    private let storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var atEOF = false

    /// Takes ownership of `fd` and closes it.
    init(fd: Int32, maxLineBytes: Int = 65536) {
        precondition(maxLineBytes > 0)
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        capacity = maxLineBytes + 1
        // + 1: room for a NUL after an unterminated line; + 8: `DecimalScan` loads eight bytes at
        // a time, up to the NUL at a line's end.
        storage = .allocate(capacity: capacity + 1 + 8)
        storage.initialize(repeating: 0, count: capacity + 1 + 8)
    }

    deinit {
        storage.deallocate()
        _ = close(fd)  // read-only descriptor: nothing to flush, nothing to report
    }

    /// The next line when the buffer already holds all of it and its newline, else nil (then
    /// `next()` reads on).
    @inline(__always)
    func bufferedLine() -> Line? {
        guard start < end, let found = memchr(storage + start, 10, end - start) else { return nil }
        let nl = found.assumingMemoryBound(to: UInt8.self) - storage
        let line = self.line(from: start, to: nl, terminated: true)
        start = nl + 1
        return line
    }

    /// The bytes read and not yet handed out: where they start and how many there are. Past them
    /// the buffer holds at least nine more readable bytes (stale ones, or its padding).
    @inline(__always)
    var unread: (start: UnsafeMutablePointer<UInt8>, count: Int) { (storage + start, end &- start) }

    /// Hands out the line that ends at `newline`, a newline byte among the unread bytes, as read
    /// by the caller in place.
    @inline(__always)
    func skipLine(endingAt newline: UnsafeMutablePointer<UInt8>) {
        start = (newline - storage) &+ 1
        lineNumber &+= 1
    }

    func next() throws(ReadFailure) -> Next {
        while true {
            if start < end, let found = memchr(storage + start, 10, end - start) {
                let nl = found.assumingMemoryBound(to: UInt8.self) - storage
                let line = self.line(from: start, to: nl, terminated: true)
                start = nl + 1
                return .line(line)
            }
            if atEOF {
                guard start < end else { return .end }
                let line = self.line(from: start, to: end, terminated: false)
                start = end
                return .line(line)
            }
            if end - start == capacity {
                let (bytes, terminated) = try skipLongLine()
                return .tooLong(bytes: bytes, terminated: terminated)
            }
            try fill()
        }
    }

    private func line(from s: Int, to e: Int, terminated: Bool) -> Line {
        lineNumber += 1
        var count = e - s
        if count > 0, storage[s + count - 1] == 13 { count -= 1 }  // CRLF
        storage[s + count] = 0
        return Line(start: storage + s, count: count, terminated: terminated)
    }

    /// Moves the unread bytes to the front and reads more after them.
    private func fill() throws(ReadFailure) {
        if start > 0 {
            if end > start { memmove(storage, storage + start, end - start) }
            end -= start
            start = 0
        }
        while true {
            let n = read(fd, storage + end, capacity - end)
            if n > 0 {
                end += n
                return
            }
            if n == 0 {
                atEOF = true
                return
            }
            if errno != EINTR { throw ReadFailure(errno: errno, line: lineNumber + 1) }
        }
    }

    /// Drops bytes up to and including the next newline (or to the end of the file); returns how
    /// many bytes the line had, without its newline, and whether it had one.
    private func skipLongLine() throws(ReadFailure) -> (bytes: Int, terminated: Bool) {
        lineNumber += 1
        var skipped = end - start
        start = 0
        end = 0
        while true {
            try fill()
            if let found = memchr(storage, 10, end) {
                start = found.assumingMemoryBound(to: UInt8.self) - storage + 1
                return (skipped + start - 1, true)
            }
            skipped += end
            end = 0
            if atEOF { return (skipped, false) }
        }
    }
}

/// `read(2)` failed.
struct ReadFailure: Error {
    var errno: Int32
    var line: Int
}
