import IMU

/// A vibration pattern as data: up to eight steps, each a ROM library effect
/// of the haptic driver or a pause. The coach picks one per kind of alert.
public struct HapticPattern: Sendable, Equatable, CustomStringConvertible {
    public enum Step: Sendable, Equatable {
        /// A ROM library effect, 1…123 (e.g. 1 = strong click, 100 %).
        case effect(UInt8)
        /// Silence, 10…1270 ms in steps of 10 ms.
        case pause(milliseconds: Int)
    }

    public let name: String
    public let steps: [Step]

    /// Checks the steps against what the chip can play.
    public init(name: String, steps: [Step]) throws(IMUError) {
        if let problem = Self.problem(with: steps) {
            throw .unsupportedSetting(chip: .drv2605l, detail: "pattern \"\(name)\": \(problem)")
        }
        self.init(checked: name, steps)
    }

    /// For the built-in patterns; a test checks them with `problem(with:)`.
    private init(checked name: String, _ steps: [Step]) {
        self.name = name
        self.steps = steps
    }

    /// Why the chip cannot play `steps`, or `nil` when it can.
    public static func problem(with steps: [Step]) -> String? {
        if steps.isEmpty { return "no steps" }
        if steps.count > DRV2605LMap.sequenceLength {
            return "\(steps.count) steps, the chip plays at most \(DRV2605LMap.sequenceLength)"
        }
        for step in steps {
            switch step {
            case .effect(let id) where !DRV2605LMap.effectIDs.contains(id):
                return "effect \(id) is not in the ROM library (1…123)"
            case .pause(let ms) where ms < 10 || ms > 1270 || ms % DRV2605LMap.pauseUnitMilliseconds != 0:
                return "a pause of \(ms) ms; pauses are 10…1270 ms in steps of 10 ms"
            default:
                continue
            }
        }
        return nil
    }

    /// WAVESEQ1…8 contents: the steps, then 0 (end of sequence) in the slots left.
    public var waveformSequence: [UInt8] {
        var bytes = steps.map { step -> UInt8 in
            switch step {
            case .effect(let id):
                return DRV2605LMap.sequenceValue.insert(id, into: 0)
            case .pause(let ms):
                let units = UInt8(ms / DRV2605LMap.pauseUnitMilliseconds)
                return DRV2605LMap.sequenceWait.insert(1, into: DRV2605LMap.sequenceValue.insert(units, into: 0))
            }
        }
        bytes += [UInt8](repeating: 0, count: DRV2605LMap.sequenceLength - bytes.count)
        return bytes
    }

    public var description: String { name }

    // ROM library effects used below (DRV2605L datasheet, effect list).
    static let strongClick: UInt8 = 1
    static let rampUpMediumSmooth: UInt8 = 84
    static let rampDownMediumSmooth: UInt8 = 72

    /// A slump has lasted the alert delay: two strong clicks.
    public static let slump = HapticPattern(checked: "slump", [
        .effect(strongClick), .pause(milliseconds: 150), .effect(strongClick),
    ])
    /// The slump goes on after an alert: three strong clicks, closer together.
    public static let repeatAlert = HapticPattern(checked: "repeat-alert", [
        .effect(strongClick), .pause(milliseconds: 100), .effect(strongClick),
        .pause(milliseconds: 100), .effect(strongClick),
    ])
    /// The wearer sat up: a soft swell that fades, no clicks.
    public static let corrected = HapticPattern(checked: "corrected", [
        .effect(rampUpMediumSmooth), .effect(rampDownMediumSmooth),
    ])

    public static let builtIn: [HapticPattern] = [slump, repeatAlert, corrected]
}
