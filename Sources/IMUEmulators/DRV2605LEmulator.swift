import Haptics
import IMU

/// Register-level DRV2605L: device ID in STATUS, reset, standby, library and
/// actuator selection, and playback of the waveform sequence on GO, which
/// clears itself when the emulated playback time has passed.
public final class DRV2605LEmulator: RegisterFileDevice {
    private typealias Map = DRV2605LMap
    /// How long one ROM effect plays, in seconds (the real effects last
    /// roughly 10 ms to 1 s; one figure is enough to test the GO bit).
    public var effectDurationSeconds: Double
    /// Playback time left, in seconds; 0 when idle.
    public private(set) var remainingSeconds = 0.0
    /// Every sequence started by GO, as its effect and pause steps.
    public private(set) var played: [[UInt8]] = []

    /// `deviceID` 7 is a DRV2605L, 3 a DRV2605.
    public init(deviceID: UInt8 = DRV2605LMap.deviceIDValue, effectDurationSeconds: Double = 0.1) {
        self.effectDurationSeconds = effectDurationSeconds
        super.init(defaults: [
            Map.status: Map.deviceID.insert(deviceID, into: 0),
            Map.mode: Map.modeDefault,
            Map.librarySelect: Map.libraryERM,
            Map.feedbackControl: Map.feedbackDefault,
            Map.control3: Map.control3Default,
        ])
    }

    public var isStandby: Bool { Map.standby.extract(from: peek(Map.mode)) == 1 }
    public var isPlaying: Bool { Map.goBit.extract(from: peek(Map.go)) == 1 }
    public var library: UInt8 { Map.library.extract(from: peek(Map.librarySelect)) }
    public var actuator: HapticActuator { Map.actuatorIsLRA.extract(from: peek(Map.feedbackControl)) == 1 ? .lra : .erm }

    /// Lets `seconds` pass; playback ends when its time is up.
    public func advance(by seconds: Double) {
        precondition(seconds >= 0, "time runs forward")
        guard isPlaying else { return }
        remainingSeconds -= seconds
        if remainingSeconds <= 1e-9 { finish() }
    }

    private func finish() {
        remainingSeconds = 0
        poke(Map.go, Map.goBit.insert(0, into: peek(Map.go)))
    }

    /// The steps up to the first 0, and how long they play.
    private func sequence() -> (steps: [UInt8], durationSeconds: Double) {
        var steps: [UInt8] = []
        var duration = 0.0
        for slot in 0..<Map.sequenceLength {
            let byte = peek(Map.waveformSequence + UInt8(slot))
            if byte == 0 { break }
            steps.append(byte)
            let value = Double(Map.sequenceValue.extract(from: byte))
            duration += Map.sequenceWait.extract(from: byte) == 1 ? value * Double(Map.pauseUnitMilliseconds) / 1000 : effectDurationSeconds
        }
        return (steps, duration)
    }

    override func writeRegister(_ register: UInt8, _ value: UInt8) {
        switch register {
        case Map.mode where Map.deviceReset.extract(from: value) == 1:
            loadDefaults()
            remainingSeconds = 0
        case Map.go:
            if Map.goBit.extract(from: value) == 0 {
                finish()
                return
            }
            // GO does nothing in standby or outside internal-trigger mode.
            guard !isStandby, Map.modeSelect.extract(from: peek(Map.mode)) == Map.internalTrigger else { return }
            let (steps, duration) = sequence()
            guard !steps.isEmpty else { return }
            played.append(steps)
            remainingSeconds = duration
            super.writeRegister(register, Map.goBit.insert(1, into: 0))
        case Map.status:
            break  // read-only
        default:
            super.writeRegister(register, value)
        }
    }
}
