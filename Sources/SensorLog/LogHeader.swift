// What a log says about itself: layout, version, rate, and each sensor.

/// One sensor of a recording, as its header line describes it.
public struct SensorDescription: Equatable, Sendable {
    /// Where the sensor is worn (`trunk`, `head`, …): letters, digits, `-` and `_`.
    public var role: String
    /// Chip name, for example `MPU-6050`; `nil` only for imported logs.
    public var chip: String?
    /// I2C bus device, for example `/dev/i2c-1`.
    public var bus: String?
    /// 7-bit I2C address.
    public var address: UInt8?
    /// Accelerometer full-scale range, in g.
    public var accelRangeG: Double?
    /// Gyroscope full-scale range, in deg/s; in a native log its presence says the sensor has a gyroscope.
    public var gyroRangeDegPerSecond: Double?
    /// Output data rate, in Hz; `nil` means the log's rate.
    public var rateHz: Double?
    /// True when rows of this sensor carry angular rate.
    public var hasGyroscope: Bool

    public init(
        role: String, chip: String?, bus: String? = nil, address: UInt8? = nil, accelRangeG: Double? = nil,
        gyroRangeDegPerSecond: Double? = nil, rateHz: Double? = nil, hasGyroscope: Bool? = nil
    ) {
        self.role = role
        self.chip = chip
        self.bus = bus
        self.address = address
        self.accelRangeG = accelRangeG
        self.gyroRangeDegPerSecond = gyroRangeDegPerSecond
        self.rateHz = rateHz
        self.hasGyroscope = hasGyroscope ?? (gyroRangeDegPerSecond != nil)
    }
}

/// The header of a log: what `LogReader` found before the first row, and what `SensorLogWriter` writes.
public struct LogHeader: Equatable, Sendable {
    public enum Layout: Equatable, Sendable {
        /// This project's format (`Sources/SensorLog/FORMAT.md`).
        case native
        /// The CSV layout of the xio Fusion examples: one sensor, role `imu`, no metadata.
        case fusionCSV
    }

    public var layout: Layout
    /// Format version of a native log; 0 for an imported layout.
    public var version: Int
    /// The log's nominal sample rate, in Hz; `nil` for an imported layout.
    public var rateHz: Double?
    /// The sensors, in header order; a sample's `sensor` indexes this array.
    public var sensors: [SensorDescription]
    /// Other `# KEY=VALUE` lines of the header (for example `started`, `subject`).
    public var metadata: [String: String]

    /// A native header of the current version.
    public init(rateHz: Double, sensors: [SensorDescription], metadata: [String: String] = [:]) {
        self.init(layout: .native, version: LogHeader.currentVersion, rateHz: rateHz, sensors: sensors, metadata: metadata)
    }

    public init(layout: Layout, version: Int, rateHz: Double?, sensors: [SensorDescription], metadata: [String: String]) {
        self.layout = layout
        self.version = version
        self.rateHz = rateHz
        self.sensors = sensors
        self.metadata = metadata
    }

    /// The index of the sensor with this role.
    public func sensorIndex(role: String) -> Int? { sensors.firstIndex { $0.role == role } }

    public static let currentVersion = 1
    public static let supportedVersions = [1]
    public static let signatureWord = "plumbline-log"
    public static let columns = ["time_s", "sensor", "ax_g", "ay_g", "az_g", "gx_dps", "gy_dps", "gz_dps"]
    public static let columnLine = columns.joined(separator: ",")
    public static let sensorKeys = ["chip", "bus", "address", "accel_range_g", "gyro_range_dps", "rate_hz"]
    /// Most sensors one log may declare.
    public static let maxSensors = 8
    /// Most lines before the column line.
    public static let maxHeaderLines = 256
}
