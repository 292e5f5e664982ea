import Posture
import Tilt

/// Turns source events into posture frames: one tilt estimator per sensor,
/// the calibrated angles, and the wearer's activity.
///
/// A frame is made for every trunk sample; the head's latest estimate joins it
/// while fresh. Time steps come from each sensor's own timestamps, so sensors
/// at different rates and irregular logs work. A step longer than
/// `restartAfterSeconds` (a gap) restarts that sensor's estimator: its old state
/// says nothing about the present. Deterministic: the same events give the
/// same frames.
public struct PosturePipeline {
    public struct Settings: Sendable {
        public var tilt: TiltFilter.Settings
        public var accelTilt: AccelerometerTilt.Settings
        public var activity: ActivityDetector.Settings
        /// A head estimate older than this (seconds) is not used. Longer than a FIFO drain
        /// interval: the two sensors are drained one after the other, in batches.
        public var headFreshnessSeconds: Double
        /// A time step longer than this (seconds) restarts the estimator.
        public var restartAfterSeconds: Double
        /// Use the accelerometer-only estimator even when a gyroscope is present.
        public var accelerometerOnly = false

        public init(tilt: TiltFilter.Settings = .default, accelTilt: AccelerometerTilt.Settings = .default,
                    activity: ActivityDetector.Settings = .default, headFreshnessSeconds: Double = 1,
                    restartAfterSeconds: Double = 1) {
            self.tilt = tilt
            self.accelTilt = accelTilt
            self.activity = activity
            self.headFreshnessSeconds = headFreshnessSeconds
            self.restartAfterSeconds = restartAfterSeconds
        }

        public static let `default` = Settings()
    }

    /// One sensor's estimator: gyro-aided when the sensor has a gyroscope.
    struct Tracker {
        var gyro: TiltFilter
        var accel: AccelerometerTilt
        var usesGyro: Bool?
        var lastSeconds: Double?
        var up = Vector3.unitZ
        var flags: TiltFilter.Flags = []

        mutating func update(_ sample: SensorSample, restartAfterSeconds: Double, accelerometerOnly: Bool) -> Bool {
            let a = Vector3(sample.accelerationG.x, sample.accelerationG.y, sample.accelerationG.z)
            guard a.isFinite else { return false }
            var dt = 0.0
            if let last = lastSeconds {
                dt = sample.timeSeconds - last
                guard dt > 0 else { return false }  // a repeated or out-of-order time
                if dt > restartAfterSeconds {
                    gyro.reset()
                    accel = AccelerometerTilt(settings: accel.settings)
                    dt = 0
                }
            }
            lastSeconds = sample.timeSeconds
            if !accelerometerOnly, let w = sample.angularRateDegPerSecond, w.x.isFinite, w.y.isFinite, w.z.isFinite {
                usesGyro = true
                gyro.update(gyro: Vector3(w.x, w.y, w.z), accel: a, dt: dt)
                up = gyro.up
                flags = gyro.flags
            } else {
                usesGyro = false
                accel.update(accel: a, dt: dt)
                up = accel.up
                flags = accel.flags
            }
            return true
        }
    }

    public let settings: Settings
    public var calibrations: [SensorRole: Calibration] {
        didSet { prepareReferences() }
    }
    /// The calibrations prepared for the per-sample angles (looked up once, not per sample).
    private var trunkReference: AngleReference?
    private var headReference: AngleReference?
    private var trunk: Tracker
    private var head: Tracker
    private var activity: ActivityDetector
    private var headMissing = false
    private var trunkMissing = false

    public init(calibrations: [SensorRole: Calibration] = [:], settings: Settings = .default) {
        self.settings = settings
        self.calibrations = calibrations
        let tracker = Tracker(gyro: TiltFilter(settings: settings.tilt), accel: AccelerometerTilt(settings: settings.accelTilt))
        trunk = tracker
        head = tracker
        activity = ActivityDetector(settings: settings.activity)
        prepareReferences()
    }

    private mutating func prepareReferences() {
        trunkReference = calibrations[.trunk].map(AngleReference.init)
        headReference = calibrations[.head].map(AngleReference.init)
    }

    /// The latest estimate of one sensor: up in its own frame and the estimator's flags;
    /// `nil` before its first sample.
    public func estimate(_ role: SensorRole) -> (up: Vector3, flags: TiltFilter.Flags)? {
        let tracker = role == .trunk ? trunk : head
        return tracker.lastSeconds == nil ? nil : (tracker.up, tracker.flags)
    }

    /// Feeds one event; returns a frame for each trunk sample.
    public mutating func process(_ event: SourceEvent) -> PostureFrame? {
        switch event {
        case .sample(let sample):
            switch sample.role {
            case .head:
                if head.update(sample, restartAfterSeconds: settings.restartAfterSeconds, accelerometerOnly: settings.accelerometerOnly) {
                    headMissing = false
                }
                return nil
            case .trunk:
                let previous = trunk.lastSeconds
                guard trunk.update(sample, restartAfterSeconds: settings.restartAfterSeconds, accelerometerOnly: settings.accelerometerOnly)
                else { return nil }
                trunkMissing = false
                return frame(for: sample, dt: previous.map { sample.timeSeconds - $0 } ?? 0)
            }
        case .sensorLost(let role, _, _):
            if role == .head { headMissing = true } else { trunkMissing = true }
            return nil
        case .sensorBack, .gap, .exerciseStarted:
            return nil
        }
    }

    private mutating func frame(for sample: SensorSample, dt: Double) -> PostureFrame {
        let a = Vector3(sample.accelerationG.x, sample.accelerationG.y, sample.accelerationG.z)
        let gyro = sample.angularRateDegPerSecond.map { Vector3($0.x, $0.y, $0.z) }
        let trunkMeasure = trunkReference?.measure(up: trunk.up)
        let activityNow = activity.update(accel: a, gyro: gyro, trunkInclinationCosine: trunkMeasure?.inclinationCosine,
                                          dt: dt > settings.restartAfterSeconds ? 0 : dt)
        let headFresh = !headMissing && (head.lastSeconds.map { sample.timeSeconds - $0 <= settings.headFreshnessSeconds } ?? false)
        var angles: PostureAngles?
        if let trunkMeasure {
            let headAngles = headFresh ? headReference?.measure(up: head.up)?.angles : nil
            angles = PostureAngles(trunk: trunkMeasure.angles, head: headAngles)
        }
        return PostureFrame(timeSeconds: sample.timeSeconds, trunkUp: trunk.up, headUp: headFresh ? head.up : nil,
                            angles: angles, activity: activityNow, motionless: activity.motionless, trunkFlags: trunk.flags,
                            headFlags: headFresh ? head.flags : nil, headMissing: headMissing)
    }
}

/// The posture at one trunk sample.
public struct PostureFrame: Sendable, Equatable {
    public var timeSeconds: Double
    /// Estimated up direction in each sensor's frame.
    public var trunkUp: Vector3
    public var headUp: Vector3?
    /// `nil` until the trunk sensor is calibrated.
    public var angles: PostureAngles?
    public var activity: Activity
    /// No breathing or sway seen lately (`ActivityDetector.motionless`).
    public var motionless: Bool
    public var trunkFlags: TiltFilter.Flags
    public var headFlags: TiltFilter.Flags?
    /// The head sensor was configured but stopped answering.
    public var headMissing: Bool
}
