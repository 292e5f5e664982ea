import I2C

/// A bus that plays a script: it checks every transaction against the next
/// expected one, byte for byte, and answers with the scripted bytes or error.
///
/// Driver unit tests run a driver against it, then assert `problems` is empty
/// and `remaining` is zero (the embedded-hal-mock pattern).
public final class ScriptedI2CBus: I2CBus {
    public enum Step: Equatable, CustomStringConvertible {
        case write(address: UInt8, bytes: [UInt8])
        case writeThenRead(address: UInt8, bytes: [UInt8], reply: [UInt8])
        case probe(address: UInt8, result: ProbeResult)
        /// The transaction described by `step` is attempted and fails.
        indirect case failing(Step, I2CError.Kind)

        public var description: String {
            switch self {
            case let .write(address, bytes): "write \(hex(address)) \(bytes.map(hex))"
            case let .writeThenRead(address, bytes, reply): "write \(hex(address)) \(bytes.map(hex)) then read \(reply.count)"
            case let .probe(address, _): "probe \(hex(address))"
            case let .failing(step, kind): "\(step) failing with \(kind.rawValue)"
            }
        }

        /// Shorthand: one register read returning `reply`.
        public static func readRegisters(_ address: UInt8, _ register: UInt8, _ reply: [UInt8]) -> Step {
            .writeThenRead(address: address, bytes: [register], reply: reply)
        }

        /// Shorthand: one register write.
        public static func writeRegister(_ address: UInt8, _ register: UInt8, _ value: UInt8) -> Step {
            .write(address: address, bytes: [register, value])
        }
    }

    public let path: String
    private var script: [Step]
    private var position = 0
    /// Every mismatch between the script and what the driver did.
    public private(set) var problems: [String] = []

    public init(path: String = "scripted-i2c", _ script: [Step]) {
        self.path = path
        self.script = script
    }

    /// Steps the driver never reached.
    public var remaining: Int { script.count - position }

    public func write(_ bytes: [UInt8], to address: UInt8) throws(I2CError) {
        _ = try play(.write(address: address, bytes: bytes), operation: .write, address: address, register: bytes.first)
    }

    public func writeThenRead(_ bytes: [UInt8], readCount count: Int, at address: UInt8) throws(I2CError) -> [UInt8] {
        let step = try play(.writeThenRead(address: address, bytes: bytes, reply: [UInt8](repeating: 0, count: count)),
                            operation: .writeThenRead, address: address, register: bytes.first)
        if case let .writeThenRead(_, _, reply) = step { return reply }
        return []
    }

    public func probe(_ address: UInt8) throws(I2CError) -> ProbeResult {
        let step = try play(.probe(address: address, result: .present), operation: .probe, address: address, register: nil)
        if case let .probe(_, result) = step { return result }
        return .absent
    }

    /// Matches `attempt` (with a placeholder reply) against the next step.
    private func play(_ attempt: Step, operation: I2CError.Operation, address: UInt8, register: UInt8?) throws(I2CError) -> Step {
        guard position < script.count else {
            problems.append("unexpected \(attempt) after the script ended")
            throw I2CError(.invalidRequest, operation: operation, bus: path, address: address, register: register, detail: "not in the script")
        }
        let expected = script[position]
        position += 1
        var failure: I2CError.Kind?
        var step = expected
        if case let .failing(inner, kind) = expected {
            step = inner
            failure = kind
        }
        if !Self.sameTransaction(step, attempt) {
            problems.append("step \(position): expected \(step), got \(attempt)")
            throw I2CError(.invalidRequest, operation: operation, bus: path, address: address, register: register, detail: "script mismatch")
        }
        if let failure {
            throw I2CError(failure, operation: operation, bus: path, address: address, register: register, detail: "scripted failure")
        }
        return step
    }

    /// Same kind, address, written bytes and read length.
    private static func sameTransaction(_ a: Step, _ b: Step) -> Bool {
        switch (a, b) {
        case let (.write(x, p), .write(y, q)): return x == y && p == q
        case let (.writeThenRead(x, p, r), .writeThenRead(y, q, s)): return x == y && p == q && r.count == s.count
        case let (.probe(x, _), .probe(y, _)): return x == y
        default: return false
        }
    }
}
