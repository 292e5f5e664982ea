#if canImport(Glibc)
import Glibc
#endif
import Monitor
import Testing

@Suite("Key controls")
struct KeyControlTests {
    @Test("maps e, s, r, q in either case and ignores every other byte")
    func mapping() {
        #expect(KeyCommand(byte: UInt8(ascii: "e")) == .exercise && KeyCommand(byte: UInt8(ascii: "E")) == .exercise)
        #expect(KeyCommand(byte: UInt8(ascii: "s")) == .snooze && KeyCommand(byte: UInt8(ascii: "R")) == .resume)
        #expect(KeyCommand(byte: UInt8(ascii: "q")) == .quit)
        let others = (0...255).map(UInt8.init).filter { !"eEsSrRqQ".utf8.contains($0) }
        #expect(others.allSatisfy { KeyCommand(byte: $0) == nil })
    }

    @Test("reads what is waiting without blocking, and stops at end of input")
    func reader() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let reader = KeyReader(fd: fds[0])
        #expect(reader.poll().isEmpty)  // nothing typed: returns at once
        _ = "x s\nq".withCString { write(fds[1], $0, 5) }
        #expect(reader.poll() == [.snooze, .quit])
        close(fds[1])
        #expect(reader.poll().isEmpty)
        #expect(reader.poll().isEmpty)
    }
}
