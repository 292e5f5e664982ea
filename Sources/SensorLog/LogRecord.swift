// What a log holds after its header: samples, labelled intervals, notes and gaps.

/// One sample of one sensor.
public struct LogSample: Equatable, Sendable {
    /// Index of the sensor in `LogHeader.sensors`.
    public var sensor: Int
    public var frame: SensorFrame

    public init(sensor: Int, frame: SensorFrame) {
        self.sensor = sensor
        self.frame = frame
    }
}

/// What a labelled interval says the wearer was doing. The named cases are the ones the scenario
/// suite and the coach know; any other label is kept as text.
public enum AnnotationLabel: Hashable, Sendable {
    case slump, walking, bending, lying, exercise, unplugged, upright
    case other(String)

    public static let known: [AnnotationLabel] = [.slump, .walking, .bending, .lying, .exercise, .unplugged, .upright]

    public init(_ text: String) {
        self = AnnotationLabel.known.first { $0.text == text } ?? .other(text)
    }

    /// The label as the log writes it.
    public var text: String {
        switch self {
        case .slump: "slump"
        case .walking: "walking"
        case .bending: "bending"
        case .lying: "lying"
        case .exercise: "exercise"
        case .unplugged: "unplugged"
        case .upright: "upright"
        case .other(let s): s
        }
    }
}

/// A labelled interval of log time: `@annotation,START_S,END_S,LABEL[,NOTE]`.
public struct LogAnnotation: Equatable, Sendable {
    public var startSeconds: Double
    public var endSeconds: Double
    public var label: AnnotationLabel
    /// Free text; may contain commas.
    public var note: String?

    public init(startSeconds: Double, endSeconds: Double, label: AnnotationLabel, note: String? = nil) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.label = label
        self.note = note
    }
}

/// A remark at one moment: `@note,TIME_S,TEXT`.
public struct LogNote: Equatable, Sendable {
    public var timeSeconds: Double
    /// Free text; may contain commas.
    public var text: String

    public init(timeSeconds: Double, text: String) {
        self.timeSeconds = timeSeconds
        self.text = text
    }
}

/// Log time without data: `@gap,START_S,END_S[,SENSOR]`. Never counted as upright time.
public struct LogGap: Equatable, Sendable {
    public var startSeconds: Double
    public var endSeconds: Double
    /// Index of the sensor in `LogHeader.sensors` that had no data; `nil` for all of them.
    public var sensor: Int?

    public init(startSeconds: Double, endSeconds: Double, sensor: Int? = nil) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.sensor = sensor
    }
}

/// One entry of a log after its header.
public enum LogRecord: Equatable, Sendable {
    case sample(LogSample)
    case annotation(LogAnnotation)
    case note(LogNote)
    case gap(LogGap)
}
