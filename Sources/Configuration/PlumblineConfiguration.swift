import Coach
import IMU
import Posture
import Tilt

/// Everything the configuration file sets, with the defaults a new user gets.
/// `plumbline.example.yaml` documents every key; `ConfigurationReader` fills this in.
public struct PlumblineConfiguration: Equatable, Sendable {
    public struct Sensor: Equatable, Sendable {
        /// Bus device path, e.g. `/dev/i2c-1`.
        public var bus: String
        public var address: UInt8
        /// `nil`: identify the chip by its ID register.
        public var chip: ChipModel?
        /// Declared mounting; `nil` without one (a forward-lean calibration then finds the axis).
        public var mounting: Mounting?

        public init(bus: String = "/dev/i2c-1", address: UInt8, chip: ChipModel? = nil, mounting: Mounting? = nil) {
            self.bus = bus
            self.address = address
            self.chip = chip
            self.mounting = mounting
        }
    }

    public struct Sampling: Equatable, Sendable {
        public var rateHz = 100.0
        public var accelRange = AccelRange.g2
        public var gyroRange = GyroRange.dps250
        /// How often the FIFO is drained, in seconds: the process sleeps in between.
        public var drainIntervalSeconds = 0.25
        public init() {}
    }

    /// Coach settings; `nil` keeps the coach's own default (see README, "Coaching defaults").
    /// `coreSettings()` turns them into the coach's `CoachSettings`, checked as a whole.
    public struct Coach: Equatable, Sendable {
        public var mode = CoachMode.training
        public var delaySeconds: Double?
        public var thoracicLimitDeg: Double?
        public var headForwardLimitDeg: Double?
        public var leanBackLimitDeg: Double?
        public var hysteresisDeg: Double?
        public var repeatAfterSeconds: Double?
        public var sittingBreakAfterMinutes: Double?
        /// Local time of day, seconds since midnight; the end may be before the start (over midnight).
        public var quietHours: (startSeconds: Double, endSeconds: Double)?
        /// Follow the daily training plan (training until the day's target, tracking after).
        public var trainingPlan = true
        public var trainingStartMinutes: Double?
        public var trainingStepMinutes: Double?
        public var trainingCapMinutes: Double?
        public init() {}

        public static func == (a: Coach, b: Coach) -> Bool {
            a.mode == b.mode && a.delaySeconds == b.delaySeconds && a.thoracicLimitDeg == b.thoracicLimitDeg
                && a.headForwardLimitDeg == b.headForwardLimitDeg && a.leanBackLimitDeg == b.leanBackLimitDeg
                && a.hysteresisDeg == b.hysteresisDeg && a.repeatAfterSeconds == b.repeatAfterSeconds
                && a.sittingBreakAfterMinutes == b.sittingBreakAfterMinutes
                && a.quietHours?.startSeconds == b.quietHours?.startSeconds && a.quietHours?.endSeconds == b.quietHours?.endSeconds
                && a.trainingPlan == b.trainingPlan && a.trainingStartMinutes == b.trainingStartMinutes
                && a.trainingStepMinutes == b.trainingStepMinutes && a.trainingCapMinutes == b.trainingCapMinutes
        }
    }

    public struct Haptic: Equatable, Sendable {
        public var bus: String = "/dev/i2c-1"
        public var address: UInt8 = 0x5a
        public var actuator = Actuator.erm
        public enum Actuator: String, Sendable, CaseIterable { case erm, lra }
        public init() {}
    }

    public struct Alerts: Equatable, Sendable {
        public var terminal = true
        public var jsonLines = false
        /// A program and its arguments, run without a shell on each event.
        public var hook: [String]?
        public var haptic: Haptic?
        public init() {}
    }

    public struct Storage: Equatable, Sendable {
        /// Calibration, recordings and history live here.
        public var directory = "/var/lib/plumbline"
        /// Keep raw sensor recordings while monitoring.
        public var recordRaw = false
        /// Length of one history interval, in seconds.
        public var historyResolutionSeconds = 60.0
        /// How many days of history to keep; older intervals and events are deleted when a run starts.
        public var historyDays = 365.0
        public init() {}
    }

    public var sensors: [SensorRole: Sensor]
    public var sampling = Sampling()
    public var coach = Coach()
    public var alerts = Alerts()
    public var storage = Storage()

    public init(sensors: [SensorRole: Sensor]) {
        self.sensors = sensors
    }

    /// One trunk sensor at 0x68 on /dev/i2c-1, chip found by its ID, worn on the upper back.
    public static let `default` = PlumblineConfiguration(sensors: [
        .trunk: Sensor(address: 0x68, mounting: .backYUp),
    ])
}
