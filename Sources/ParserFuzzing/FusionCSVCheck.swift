// Fuzz check of the Fusion CSV import, through its public path-based reader.
import SensorLog

enum FusionCSVCheck {
    nonisolated(unsafe) static let scratch = ScratchFile(suffix: ".csv")

    static func run(_ input: UnsafeRawBufferPointer) -> FuzzOutcome {
        scratch.write(input)
        var frames = 0
        do {
            let reader = try FusionCSVReader(path: scratch.path)
            var previous = -Double.infinity
            while let frame = try reader.next() {
                frames += 1
                precondition(frames <= input.count, "more frames than bytes")
                precondition(frame.timeSeconds.isFinite && frame.timeSeconds > previous,
                             "time not finite and increasing: \(previous) then \(frame.timeSeconds)")
                previous = frame.timeSeconds
                precondition(frame.accelerationG.x.isFinite && frame.accelerationG.y.isFinite && frame.accelerationG.z.isFinite,
                             "acceleration not finite: \(frame.accelerationG)")
                precondition((frame.angularRateDegPerSecond != nil) == reader.hasGyroscope,
                             "gyroscope presence differs from the header")
                if let g = frame.angularRateDegPerSecond {
                    precondition(g.x.isFinite && g.y.isFinite && g.z.isFinite, "rate not finite: \(g)")
                }
            }
        } catch {
            precondition(error.file == scratch.path, "error names another file: \(error)")
            return .rejected(error.description.replacing(scratch.path, with: "input"))
        }
        return .accepted("\(frames) frame(s)")
    }
}
