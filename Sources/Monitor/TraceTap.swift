#if canImport(Glibc)
import Glibc
#endif
import Posture
import Tilt

/// The per-sample trace of a replay, as CSV: `time_s,sensor,up_x,up_y,up_z` (the estimated up
/// direction in the sensor frame), then `flexion_deg,lateral_deg` when a sensor is calibrated,
/// then the coach's state. Numbers are written with fixed decimals, so the same log and settings
/// give the same file, byte for byte.
public final class TraceTap: SessionTap {
    public let path: String
    private let handle: UnsafeMutablePointer<FILE>
    private let withAngles: Bool
    private var closed = false

    /// Creates `path` and writes the header; `withAngles` when any traced sensor is calibrated.
    public init(path: String, withAngles: Bool) throws(TapFailure) {
        guard let f = fopen(path, "w") else {
            throw TapFailure("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        handle = f
        self.path = path
        self.withAngles = withAngles
        write("time_s,sensor,up_x,up_y,up_z" + (withAngles ? ",flexion_deg,lateral_deg" : "") + ",state\n")
    }

    public var name: String { "trace \(path)" }

    public func observe(_ event: SourceEvent, session: Session) throws(TapFailure) {
        guard case .sample(let s) = event, let estimate = session.pipeline.estimate(s.role) else { return }
        write(row(s.timeSeconds, s.role, estimate.up, session.pipeline.calibrations[s.role], state: session.coach.state.name))
    }

    public func finish(session: Session) throws(TapFailure) {
        guard !closed else { return }
        closed = true
        let failed = ferror(handle) != 0
        if fclose(handle) != 0 || failed {
            throw TapFailure("writing \(path) failed: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if !closed { fclose(handle) }
    }

    private func write(_ s: String) {
        var s = s
        s.withUTF8 { buf in _ = fwrite(buf.baseAddress, 1, buf.count, handle) }
    }

    private func row(_ time: Double, _ role: SensorRole, _ up: Vector3, _ calibration: Calibration?, state: String) -> String {
        var row = fixedDecimal(time, digits: 6)
        row += ","
        row += role.rawValue
        for component in [up.x, up.y, up.z] {
            row += ","
            row += fixedDecimal(component, digits: 7)
        }
        if withAngles {
            if let a = calibration?.angles(up: up) {
                row += ","
                row += fixedDecimal(a.flexionDeg, digits: 3)
                row += ","
                row += fixedDecimal(a.lateralDeg, digits: 3)
            } else {
                row += ",,"
            }
        }
        row += ","
        row += state
        row += "\n"
        return row
    }
}
