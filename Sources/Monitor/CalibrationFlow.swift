import Posture
import Tilt

/// How a wearer is calibrated, live or from a window of a log: the one flow behind `calibrate`,
/// `monitor`, `replay --calibrate-at` and the soak.
///
/// 1. A still window per sensor (`PoseCapture`): the upright pose, and optionally a forward lean.
/// 2. `calibrations(upright:lean:…)`: with a lean pose, the two poses alone give the axes (any
///    mounting, upside down and sideways included); without, the declared mounting gives the
///    flexion axis, and an upright pose far from it asks for the lean pose.
public enum CalibrationFlow {
    /// Why calibrating did not work, in the wearer's words.
    public struct Failure: Error, CustomStringConvertible, Equatable, Sendable {
        /// The sensor that failed, when one did.
        public var role: SensorRole?
        public var rejection: CalibrationRejection?
        public var description: String

        public init(role: SensorRole?, rejection: CalibrationRejection?, description: String) {
            self.role = role
            self.rejection = rejection
            self.description = description
        }

        /// The upright pose does not fit the declared mounting: a lean pose would fix it.
        public var needsLeanPose: Bool {
            if case .notUpright = rejection { return true }
            if case .mountingDegenerate = rejection { return true }
            return false
        }
    }

    /// Still windows for several sensors over one stretch of source time.
    public struct PoseCapture {
        public let startSeconds: Double
        public let roles: [SensorRole]
        private var windows: [SensorRole: StillWindow]
        private var lost: Set<SensorRole> = []

        /// Captures `roles` from source time `startSeconds` for `settings.durationSeconds`.
        public init(roles: [SensorRole], from startSeconds: Double, settings: StillWindow.Settings) {
            self.startSeconds = startSeconds
            self.roles = roles
            windows = Dictionary(uniqueKeysWithValues: roles.map { ($0, StillWindow(settings: settings)) })
        }

        /// Whether every sensor's window is full (or lost).
        public var isComplete: Bool {
            roles.allSatisfy { lost.contains($0) || windows[$0]?.isComplete == true }
        }

        /// Takes one source event; samples before `startSeconds` or after a window filled are ignored.
        public mutating func add(_ event: SourceEvent) {
            switch event {
            case .sample(let s):
                guard s.timeSeconds >= startSeconds, windows[s.role]?.isComplete == false else { return }
                let a = s.accelerationG
                windows[s.role]?.add(timeSeconds: s.timeSeconds, accel: Vector3(a.x, a.y, a.z),
                                     gyro: s.angularRateDegPerSecond.map { Vector3($0.x, $0.y, $0.z) })
            case .sensorLost(let role, _, _):
                lost.insert(role)
            case .gap, .sensorBack, .exerciseStarted:
                return
            }
        }

        /// The pose of every sensor, or the first failure (`pose` names it: "upright", "forward lean").
        public func poses(pose: String) -> Result<[SensorRole: StillPose], Failure> {
            var poses: [SensorRole: StillPose] = [:]
            for role in roles {
                if lost.contains(role) {
                    return .failure(Failure(role: role, rejection: .sensorMissing,
                                            description: "the \(role.rawValue) sensor stopped answering during the \(pose) pose."))
                }
                if let window = windows[role], !window.isComplete {
                    let span = fixedDecimal(window.spanSeconds, digits: 1), wanted = fixedDecimal(window.settings.durationSeconds, digits: 1)
                    return .failure(Failure(role: role, rejection: .sensorMissing,
                                            description: "the \(role.rawValue) sensor gave only \(span) s of samples for the \(pose) pose, \(wanted) s wanted: there is no data for the rest of that time (for a recording, name seconds it covers)."))
                }
                switch windows[role]!.result() {
                case .success(let still): poses[role] = still
                case .failure(let rejection):
                    return .failure(Failure(role: role, rejection: rejection,
                                            description: "\(role.rawValue) sensor, \(pose) pose: \(rejection.explanation)"))
                }
            }
            return .success(poses)
        }
    }

    /// Calibrations from still poses. With a lean pose for a role, its mounting plays no part;
    /// without, `mounting(role)` gives the axis.
    public static func calibrations(
        upright: [SensorRole: StillPose], lean: [SensorRole: StillPose], mounting: (SensorRole) -> Mounting,
        chip: (SensorRole) -> String, settings: Calibration.Settings = .default
    ) -> Result<[SensorRole: Calibration], Failure> {
        var result: [SensorRole: Calibration] = [:]
        for role in SensorRole.allCases {
            guard let pose = upright[role] else { continue }
            let outcome = lean[role].map {
                Calibration.fromUpright(pose, forwardLean: $0, role: role, chip: chip(role), settings: settings)
            } ?? Calibration.fromUpright(pose, mounting: mounting(role), role: role, chip: chip(role), settings: settings)
            switch outcome {
            case .success(let c): result[role] = c
            case .failure(let rejection):
                return .failure(Failure(role: role, rejection: rejection,
                                        description: "\(role.rawValue) sensor: \(rejection.explanation)"))
            }
        }
        return .success(result)
    }

    /// Captures one pose per sensor from a live source: waits `settleSeconds` for the wearer to get
    /// into position, then fills the windows; retries up to `attempts` times, telling the wearer
    /// through `say` what went wrong.
    public static func captureLive(
        _ source: LiveSource, roles: [SensorRole], pose: String, settleSeconds: Double, settings: StillWindow.Settings,
        attempts: Int, say: (String) -> Void
    ) -> Result<[SensorRole: StillPose], Failure> {
        var last = Failure(role: nil, rejection: nil, description: "no attempt made")
        for attempt in 1...max(attempts, 1) {
            var capture = PoseCapture(roles: roles, from: source.clock.nowSeconds + (attempt == 1 ? settleSeconds : 1), settings: settings)
            // Give up on a window that never fills (a sensor with no data) a little after its end.
            let deadline = capture.startSeconds + settings.durationSeconds + 3
            while source.clock.nowSeconds < deadline, !capture.isComplete {
                for event in source.poll() { capture.add(event) }
            }
            switch capture.poses(pose: pose) {
            case .success(let poses):
                say("Got the \(pose) pose.")
                return .success(poses)
            case .failure(let failure):
                last = failure
                say("That \(pose) attempt did not work: \(failure.description)" + (attempt < attempts ? " Again: hold still…" : ""))
            }
        }
        return .failure(Failure(role: last.role, rejection: last.rejection,
                                description: "no still \(pose) pose after \(attempts) attempts (\(last.description)) Sit supported, breathe normally, and keep still while it counts."))
    }

    /// Captures one pose per sensor from `startSeconds`…`endSeconds` of a source (a log): the window the
    /// user names is the whole still window, as a live capture of the same data would take it.
    public static func capture(
        _ source: any SampleSource, from startSeconds: Double, to endSeconds: Double, pose: String,
        settings: StillWindow.Settings = .default
    ) throws(SourceError) -> Result<[SensorRole: StillPose], Failure> {
        var windowSettings = settings
        // The samples inside [start, end] span a little less than end - start.
        windowSettings.durationSeconds = (endSeconds - startSeconds) * 0.98
        var capture = PoseCapture(roles: source.roles, from: startSeconds, settings: windowSettings)
        var events: [SourceEvent] = []
        reading: while !capture.isComplete {
            events.removeAll(keepingCapacity: true)
            let more = try source.read(into: &events)
            for event in events {
                // Rows of two sensors come in drain batches, not one timeline: read a little past the end.
                if case .sample(let s) = event {
                    if s.timeSeconds > endSeconds + 2 { break reading }
                    if s.timeSeconds > endSeconds { continue }
                }
                capture.add(event)
            }
            if !more { break }
        }
        return capture.poses(pose: pose)
    }
}

extension CalibrationRejection {
    /// The rejection in the wearer's words, with what to do.
    public var explanation: String {
        switch self {
        case let .moved(dispersion, gyro):
            return "you moved: the sensor swayed \(fixedDecimal(dispersion, digits: 1))° RMS and turned at \(fixedDecimal(gyro, digits: 1)) °/s RMS during the hold (breathing and sway stay under 3° and 12 °/s)."
        case let .wandered(deg):
            return "the sensor turned \(fixedDecimal(deg, digits: 1))° during the hold: that is reaching, turning or walking, or a window spanning two poses."
        case let .notUpright(deviation):
            return "the pose is \(fixedDecimal(deviation, digits: 0))° away from the declared mounting's upright: the sensor is worn another way round. Add the forward-lean pose (`plumbline calibrate --lean`, or `--lean-at` for a log) and any orientation works."
        case .sensorMissing:
            return "no steady data from the sensor (missing samples or a gap)."
        case let .leanTooSmall(lean):
            return "the forward lean was only \(fixedDecimal(lean, digits: 0))°; lean at least 15° from the hips and hold it."
        case .mountingDegenerate:
            return "the declared mounting's forward axis is parallel to up; fix sensors.<role>.mounting, or add the forward-lean pose."
        }
    }
}
