import Posture
import Tilt

/// Turns source events into posture frames: one tilt estimator per sensor,
/// the calibrated angles, and the wearer's activity.
///
/// A frame is made for every trunk sample; the head's latest estimate joins it
/// while fresh. Time steps come from each sensor's own timestamps, so sensors
/// at different rates and irregular logs work. A step longer than
/// `restartAfter_s` (a gap) restarts that sensor's estimator: its old state
/// says nothing about the present. Deterministic: the same events give the
/// same frames.
public struct PosturePipeline {
    public struct Settings: Sendable {
        public var tilt: TiltFilter.Settings
        public var accelTilt: AccelerometerTilt.Settings
        public var activity: ActivityDetector.Settings
        /// A head estimate older than this (seconds) is not used. Longer than a FIFO drain
        /// interval: the two sensors are drained one after the other, in batches.
        public var headFreshness_s: Double
        /// A time step longer than this (seconds) restarts the estimator.
        public var restartAfter_s: Double
        /// Use the accelerometer-only estimator even when a gyroscope is present.
        public var accelerometerOnly = false

        public init(tilt: TiltFilter.Settings = .default, accelTilt: AccelerometerTilt.Settings = .default,
                    activity: ActivityDetector.Settings = .default, headFreshness_s: Double = 1,
                    restartAfter_s: Double = 1) {
            self.tilt = tilt
            self.accelTilt = accelTilt
            self.activity = activity
            self.headFreshness_s = headFreshness_s
            self.restartAfter_s = restartAfter_s
        }

        public static let `default` = Settings()
    }

    /// One sensor's estimator: gyro-aided when the sensor has a gyroscope.
    struct Tracker {
        var gyro: TiltFilter
        var accel: AccelerometerTilt
        var usesGyro: Bool?
        var last_s: Double?
        var up = Vector3.unitZ
        var flags: TiltFilter.Flags = []

        mutating func update(_ sample: SensorSample, restartAfter_s: Double, accelerometerOnly: Bool) -> Bool {
            let a = Vector3(sample.acceleration_g.x, sample.acceleration_g.y, sample.acceleration_g.z)
            guard a.isFinite else { return false }
            var dt = 0.0
            if let last = last_s {
                dt = sample.time_s - last
                guard dt > 0 else { return false }  // a repeated or out-of-order time
                if dt > restartAfter_s {
                    gyro.reset()
                    accel = AccelerometerTilt(settings: accel.settings)
                    dt = 0
                }
            }
            last_s = sample.time_s
            if !accelerometerOnly, let w = sample.angularRate_dps, w.x.isFinite, w.y.isFinite, w.z.isFinite {
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
    public var calibrations: [SensorRole: Calibration]
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
    }

    /// The latest estimate of one sensor: up in its own frame and the estimator's flags;
    /// `nil` before its first sample.
    public func estimate(_ role: SensorRole) -> (up: Vector3, flags: TiltFilter.Flags)? {
        let tracker = role == .trunk ? trunk : head
        return tracker.last_s == nil ? nil : (tracker.up, tracker.flags)
    }

    /// Feeds one event; returns a frame for each trunk sample.
    public mutating func process(_ event: SourceEvent) -> PostureFrame? {
        switch event {
        case .sample(let sample):
            switch sample.role {
            case .head:
                if head.update(sample, restartAfter_s: settings.restartAfter_s, accelerometerOnly: settings.accelerometerOnly) {
                    headMissing = false
                }
                return nil
            case .trunk:
                let previous = trunk.last_s
                guard trunk.update(sample, restartAfter_s: settings.restartAfter_s, accelerometerOnly: settings.accelerometerOnly)
                else { return nil }
                trunkMissing = false
                return frame(for: sample, dt: previous.map { sample.time_s - $0 } ?? 0)
            }
        case .sensorLost(let role, _, _):
            if role == .head { headMissing = true } else { trunkMissing = true }
            return nil
        case .sensorBack, .gap, .exerciseStarted:
            return nil
        }
    }

    private mutating func frame(for sample: SensorSample, dt: Double) -> PostureFrame {
        let a = Vector3(sample.acceleration_g.x, sample.acceleration_g.y, sample.acceleration_g.z)
        let gyro = sample.angularRate_dps.map { Vector3($0.x, $0.y, $0.z) }
        let trunkCalibration = calibrations[.trunk]
        let inclination = trunkCalibration.flatMap { $0.inclinationDeg(up: trunk.up) }
        let activityNow = activity.update(accel: a, gyro: gyro, trunkInclinationDeg: inclination,
                                          dt: dt > settings.restartAfter_s ? 0 : dt)
        let headFresh = !headMissing && (head.last_s.map { sample.time_s - $0 <= settings.headFreshness_s } ?? false)
        var angles: PostureAngles?
        if let trunkCalibration {
            angles = PostureAngles.compute(trunkUp: trunk.up, trunk: trunkCalibration,
                                           headUp: headFresh ? head.up : nil, head: calibrations[.head])
        }
        return PostureFrame(time_s: sample.time_s, trunkUp: trunk.up, headUp: headFresh ? head.up : nil,
                            angles: angles, activity: activityNow, trunkFlags: trunk.flags,
                            headFlags: headFresh ? head.flags : nil, headMissing: headMissing)
    }
}

/// The posture at one trunk sample.
public struct PostureFrame: Sendable, Equatable {
    public var time_s: Double
    /// Estimated up direction in each sensor's frame.
    public var trunkUp: Vector3
    public var headUp: Vector3?
    /// `nil` until the trunk sensor is calibrated.
    public var angles: PostureAngles?
    public var activity: Activity
    public var trunkFlags: TiltFilter.Flags
    public var headFlags: TiltFilter.Flags?
    /// The head sensor was configured but stopped answering.
    public var headMissing: Bool
}
