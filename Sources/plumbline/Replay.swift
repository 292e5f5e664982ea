// `plumbline replay`: run a recorded log through the filter core and write a trace.
import Configuration
import ArgumentParser
import Foundation
import Posture
import SensorLog
import Tilt

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a recording through the tilt filter and write a per-sample trace.",
        discussion: """
            Reads the CSV layout of the xio Fusion examples (Time (s), Gyroscope X/Y/Z (deg/s), \
            Accelerometer X/Y/Z (g), optional magnetometer). The trace has one row per sample: \
            time_s,sensor,up_x,up_y,up_z (the estimated up direction in the sensor frame), plus \
            flexion_deg,lateral_deg when a calibration is given.
            """)

    enum Filter: String, ExpressibleByArgument, CaseIterable {
        case gyro
        case accel
    }

    @Argument(help: "The recording to replay.")
    var recording: String

    @Option(help: "Where to write the trace CSV.")
    var trace: String

    @Option(help: "Estimator: gyro (gyroscope-aided) or accel (accelerometer only). Default: gyro if the recording has a gyroscope.")
    var filter: Filter?

    @Option(help: "Calibration JSON; adds flexion_deg and lateral_deg.")
    var calibration: String?

    @Option(help: "Sensor role of the recording (trunk or head).")
    var sensor: String = SensorRole.trunk.rawValue

    /// Developer option for ablations in bench/README.md: `--setting KEY=NUMBER`, repeatable, over
    /// TiltFilter.Settings (tau, damping, reject, recovery, motionBias, restBias, restGyro, restAccel, restOffset, maxBias).
    @Option(name: .customLong("setting"), help: .hidden)
    var settingOverrides: [String] = []

    func validate() throws {
        guard SensorRole(rawValue: sensor) != nil else {
            throw ValidationError("--sensor must be one of: \(SensorRole.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() throws {
        let reader = try FusionCSVReader(path: recording)
        let role = SensorRole(rawValue: sensor) ?? .trunk
        let chosen = filter ?? (reader.hasGyroscope ? .gyro : .accel)
        if chosen == .gyro, !reader.hasGyroscope {
            throw ReplayError("\(recording) has no gyroscope columns; use --filter accel.")
        }
        var cal: Calibration? = nil
        if let path = calibration {
            let set = try CalibrationFile.load(path: path)
            guard let c = set.first(where: { $0.role == role }) else {
                throw ReplayError("\(path) has no calibration for the \(role.rawValue) sensor.")
            }
            cal = c
        }

        var settings = TiltFilter.Settings.default
        for o in settingOverrides {
            let parts = o.split(separator: "=")
            guard parts.count == 2, let v = Double(parts[1]) else { throw ValidationError("--setting KEY=NUMBER") }
            switch parts[0] {
            case "tau": settings.accelTimeConstantSeconds = v
            case "damping": settings.accelFilterDamping = v
            case "reject": settings.accelRejectionG = v
            case "recovery": settings.recoverySeconds = v
            case "motionBias": settings.motionBiasTimeConstantSeconds = v
            case "restBias": settings.restBiasTimeConstantSeconds = v
            case "restGyro": settings.restGyroDeviationDegPerSecond = v
            case "restAccel": settings.restAccelDeviationG = v
            case "restOffset": settings.restBiasOffsetDegPerSecond = v
            case "maxBias": settings.maxBiasDegPerSecond = v
            default: throw ValidationError("unknown setting \(parts[0])")
            }
        }
        var gyroFilter = TiltFilter(settings: settings)
        var accelFilter = AccelerometerTilt()

        let out = try TraceWriter(path: trace)
        var header = "time_s,sensor,up_x,up_y,up_z"
        if cal != nil { header += ",flexion_deg,lateral_deg" }
        out.write(header + "\n")

        var previousTime: Double? = nil
        while let frame = try reader.next() {
            let dt = previousTime.map { frame.timeSeconds - $0 } ?? 0
            previousTime = frame.timeSeconds
            let accel = Vector3(frame.accelG.x, frame.accelG.y, frame.accelG.z)
            let up: Vector3
            switch chosen {
            case .gyro:
                let g = frame.gyroDegPerSecond ?? .zero
                gyroFilter.update(gyro: Vector3(g.x, g.y, g.z), accel: accel, dt: dt)
                up = gyroFilter.up
            case .accel:
                accelFilter.update(accel: accel, dt: dt)
                up = accelFilter.up
            }
            var row = TraceWriter.fixed(frame.timeSeconds, digits: 6)
            row += ","
            row += role.rawValue
            row += ","
            row += TraceWriter.fixed(up.x, digits: 7)
            row += ","
            row += TraceWriter.fixed(up.y, digits: 7)
            row += ","
            row += TraceWriter.fixed(up.z, digits: 7)
            if let c = cal {
                if let a = c.angles(up: up) {
                    row += ","
                    row += TraceWriter.fixed(a.flexionDeg, digits: 3)
                    row += ","
                    row += TraceWriter.fixed(a.lateralDeg, digits: 3)
                } else {
                    row += ",,"
                }
            }
            row += "\n"
            out.write(row)
        }
        try out.close()
    }
}

/// Buffered writer of the trace file.
final class TraceWriter {
    private let handle: UnsafeMutablePointer<FILE>
    private let path: String
    private var closed = false

    init(path: String) throws {
        guard let f = fopen(path, "w") else {
            throw ReplayError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        handle = f
        self.path = path
    }

    func write(_ s: String) {
        var s = s
        s.withUTF8 { buf in _ = fwrite(buf.baseAddress, 1, buf.count, handle) }
    }

    func close() throws {
        closed = true
        let failed = ferror(handle) != 0
        if fclose(handle) != 0 || failed {
            throw ReplayError("writing \(path) failed: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if !closed { fclose(handle) }
    }

    /// `value` with exactly `digits` decimals, rounded half away from zero; deterministic and
    /// locale-free. Values beyond ±9e12 fall back to Swift's shortest representation.
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite, value.magnitude < 9e12 else { return "\(value)" }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value.magnitude * Double(scale)).rounded()
        let n = Int64(scaled)
        let whole = n / scale
        var frac = String(n % scale)
        while frac.count < digits { frac = "0" + frac }
        let sign = value < 0 && n != 0 ? "-" : ""
        return digits > 0 ? "\(sign)\(whole).\(frac)" : "\(sign)\(whole)"
    }
}

/// A replay that could not run, with a sentence for the user (no usage text: the arguments were fine).
struct ReplayError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
