// Single-key controls for `monitor` on a terminal: start the suggested exercise, snooze, resume, quit.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// 1 when `fd` has input (or end of input) waiting, 0 when not, -1 on error; never waits.
private func readable(_ fd: Int32) -> Int32 {
    var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&descriptor, 1, 0)
}

/// What a key press asks `monitor` to do.
public enum KeyCommand: Equatable, Sendable {
    /// Start the exercise the last alert suggested.
    case exercise
    /// No alerts for the snooze time.
    case snooze
    /// End a snooze early.
    case resume
    /// Stop monitoring, as Ctrl-C does.
    case quit

    public init?(byte: UInt8) {
        switch byte {
        case UInt8(ascii: "e"), UInt8(ascii: "E"): self = .exercise
        case UInt8(ascii: "s"), UInt8(ascii: "S"): self = .snooze
        case UInt8(ascii: "r"), UInt8(ascii: "R"): self = .resume
        case UInt8(ascii: "q"), UInt8(ascii: "Q"): self = .quit
        default: return nil
        }
    }

    /// The hint for the status line.
    public static let help = "e exercise · s snooze · r resume · q quit"
}

/// Reads key presses from a file descriptor without blocking. On a terminal it turns off line
/// buffering and echo (so a key acts at once and is not printed over the status line) and puts
/// them back in `restore()`. Other unrecognised bytes are ignored; at end of input it stops reading.
public final class KeyReader {
    private let fd: Int32
    private var saved: termios?
    private var open = true

    /// `fd` is usually standard input; a terminal is switched to single-key input.
    public init(fd: Int32 = STDIN_FILENO) {
        self.fd = fd
        guard isatty(fd) == 1 else { return }
        var attributes = termios()
        guard tcgetattr(fd, &attributes) == 0 else { return }
        saved = attributes
        attributes.c_lflag &= ~tcflag_t(ICANON | ECHO)
        if tcsetattr(fd, TCSANOW, &attributes) != 0 { saved = nil }
    }

    /// The commands typed since the last call; never blocks.
    public func poll() -> [KeyCommand] {
        var commands: [KeyCommand] = []
        var buffer = [UInt8](repeating: 0, count: 16)
        while open {
            let ready = readable(fd)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard count > 0 else {
                open = false  // end of input (a closed pipe, Ctrl-D) or an error: stop listening
                break
            }
            commands += buffer[..<count].compactMap(KeyCommand.init(byte:))
        }
        return commands
    }

    /// Puts the terminal back as it was.
    public func restore() {
        guard var attributes = saved else { return }
        tcsetattr(fd, TCSANOW, &attributes)
        saved = nil
    }

    deinit { restore() }
}
