import Coach

/// One JSON object per line (`--alerts-json`), every key always present, `null` when a value is
/// unavailable, keys in a fixed order so replaying a log twice gives identical bytes:
///
/// `{"time_s":15.0,"kind":"slump","slump":"upper-back-rounding","exercise":"shoulder-blade-squeeze",`
/// `"thoracic_deg":18.3,"head_forward_deg":null,"state":"alerted","previous_state":null,`
/// `"repetitions_done":null,"repetitions_needed":null,"silent":false}`
///
/// `time_s` is source time (log seconds in a replay); angles are rounded to 0.01°.
public final class JSONLinesSink: AlertSink {
    public typealias Failure = AlertError
    public let output: any LineOutput
    /// Kinds written; the default leaves out state changes.
    public var kinds: Set<CoachEvent.Kind>

    public static let defaultKinds = Set(CoachEvent.Kind.allCases).subtracting([.stateChanged])

    public init(output: any LineOutput = FileDescriptorOutput.standardOutput(), kinds: Set<CoachEvent.Kind> = defaultKinds) {
        self.output = output
        self.kinds = kinds
    }

    public func emit(_ event: CoachEvent) throws(AlertError) {
        guard kinds.contains(event.kind) else { return }
        try output.write(line: Self.line(for: event))
    }

    /// The JSON object for `event`, on one line.
    public static func line(for e: CoachEvent) -> String {
        var s = "{"
        func key(_ k: String) { s += (s.count > 1 ? "," : "") + "\"" + k + "\":" }
        func number(_ k: String, _ v: Double?, roundTo places: Double? = nil) {
            key(k)
            guard let v, v.isFinite else { s += "null"; return }
            if let places {
                let r = (v * places).rounded() / places
                s += "\(r == 0 ? 0 : r)"
            } else {
                s += "\(v)"
            }
        }
        func integer(_ k: String, _ v: Int?) {
            key(k)
            s += v.map { "\($0)" } ?? "null"
        }
        func string(_ k: String, _ v: String?) {
            key(k)
            s += v.map(quoted) ?? "null"
        }
        number("time_s", e.timeSeconds)
        string("kind", e.kind.rawValue)
        string("slump", e.slump?.rawValue)
        string("exercise", e.exercise?.rawValue)
        number("thoracic_deg", e.thoracicDeg, roundTo: 100)
        number("head_forward_deg", e.headForwardDeg, roundTo: 100)
        string("state", e.state.name)
        string("previous_state", e.previousState?.name)
        integer("repetitions_done", e.repetitionsDone)
        integer("repetitions_needed", e.repetitionsNeeded)
        key("silent")
        s += e.silent ? "true" : "false"
        return s + "}"
    }

    /// A JSON string literal (RFC 8259 escaping).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
