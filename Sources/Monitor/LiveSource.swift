import I2C
import IMU
import Logging
import Posture

/// Samples from sensors on an I2C bus, through their drivers' FIFOs.
///
/// Each `poll` sleeps until the next drain (four times a second by default),
/// drains every connected sensor and returns what it read, in time order per
/// sensor. A sensor that fails is reported lost once, then retried with
/// exponential backoff (0.5 s doubling to 8 s) without flooding the log; when it
/// answers again it is reconfigured and reported back, and the time between is
/// a gap. Sample times come from the sample rate, re-anchored to the clock
/// whenever they drift by more than two sample periods.
public final class LiveSource {
    public struct Channel {
        public var role: SensorRole
        public var driver: any IMUDriver
        public init(role: SensorRole, driver: any IMUDriver) {
            self.role = role
            self.driver = driver
        }
    }

    private struct State {
        var channel: Channel
        /// Time of the last sample handed out.
        var lastSampleSeconds: Double?
        /// Set while the sensor is lost.
        var lostSeconds: Double?
        var retryAtSeconds = 0.0
        var backoffSeconds = 0.5
    }

    public let clock: any MonotonicClock
    public let drainIntervalSeconds: Double
    public let configuration: IMUConfiguration
    private var states: [State]
    private var nextDrainSeconds: Double
    private var buffer: [IMUSample] = []
    private let logger: Logger
    public static let maxBackoffSeconds = 8.0
    /// Immediate retries of a failed drain before the sensor counts as lost.
    public var transientRetries = 4
    /// Drains that failed and were retried at once (transient bus errors absorbed).
    public private(set) var retriedDrains = 0

    /// Configures every driver (a failure there is thrown: nothing is running yet).
    public init(channels: [Channel], configuration: IMUConfiguration, clock: any MonotonicClock,
                drainIntervalSeconds: Double = 0.25, logger: Logger = Logger(label: "plumbline.source")) throws(IMUError) {
        precondition(drainIntervalSeconds > 0, "a positive drain interval")
        self.clock = clock
        self.drainIntervalSeconds = drainIntervalSeconds
        self.configuration = configuration
        self.logger = logger
        for channel in channels { try channel.driver.configure(configuration) }
        states = channels.map { State(channel: $0) }
        nextDrainSeconds = clock.nowSeconds + drainIntervalSeconds
        buffer.reserveCapacity(256)
    }

    /// The output data rate the driver of `role` set, in Hz; `nil` without that sensor.
    public func rateHz(of role: SensorRole) -> Double? {
        states.first { $0.channel.role == role }?.channel.driver.outputRateHz
    }

    /// The roles of the channels, in the order they were given.
    public var roles: [SensorRole] { states.map(\.channel.role) }

    /// Sleeps until the next drain, then reads every sensor.
    public func poll() -> [SourceEvent] {
        var events: [SourceEvent] = []
        poll(into: &events)
        return events
    }

    /// Sleeps until the next drain, then appends what every sensor had to `events`.
    public func poll(into events: inout [SourceEvent]) {
        clock.sleep(until: nextDrainSeconds)
        let now = clock.nowSeconds
        nextDrainSeconds = max(nextDrainSeconds + drainIntervalSeconds, now)
        for index in states.indices {
            drain(index, now: now, into: &events)
        }
    }

    private func drain(_ index: Int, now: Double, into events: inout [SourceEvent]) {
        let role = states[index].channel.role
        let driver = states[index].channel.driver
        if let lost = states[index].lostSeconds {
            guard now >= states[index].retryAtSeconds else { return }
            var configured = false
            for _ in 0...transientRetries where !configured {
                do {
                    try driver.configure(configuration)
                    configured = true
                } catch {
                    continue
                }
            }
            if !configured {
                states[index].backoffSeconds = min(states[index].backoffSeconds * 2, Self.maxBackoffSeconds)
                states[index].retryAtSeconds = now + states[index].backoffSeconds
                logger.debug("sensor still missing", metadata: ["role": "\(role.rawValue)", "retry_in_s": "\(states[index].backoffSeconds)"])
                return
            }
            states[index].lostSeconds = nil
            states[index].backoffSeconds = 0.5
            states[index].lastSampleSeconds = nil
            logger.notice("sensor back", metadata: ["role": "\(role.rawValue)", "gap_s": "\(now - lost)"])
            events.append(.sensorBack(role: role, lostSeconds: lost, timeSeconds: now))
            return  // its FIFO starts filling now
        }
        // A transient error (noise on a long cable) is retried at once: the FIFO still holds the
        // samples, so nothing is lost. Only a sensor that keeps failing is reported lost.
        var drain = FIFODrain(samples: 0, overflowed: false)
        var failure: IMUError?
        for attempt in 0...transientRetries {
            buffer.removeAll(keepingCapacity: true)
            do {
                drain = try driver.drainFIFO(into: &buffer)
                failure = nil
                break
            } catch {
                failure = error
                if attempt < transientRetries { retriedDrains += 1 }
            }
        }
        if let error = failure {
            let lostAt = states[index].lastSampleSeconds ?? now
            states[index].lostSeconds = lostAt
            states[index].retryAtSeconds = now + states[index].backoffSeconds
            logger.warning("sensor lost; retrying with backoff", metadata: ["role": "\(role.rawValue)", "kind": "\(error.kind)"])
            events.append(.sensorLost(role: role, timeSeconds: lostAt, reason: error.category))
            return
        }
        let period = 1 / driver.outputRateHz
        let previous = states[index].lastSampleSeconds
        let count = Double(buffer.count)
        guard !buffer.isEmpty else {
            if drain.overflowed, let previous {
                events.append(.gap(role: role, startSeconds: previous, endSeconds: now))
                states[index].lastSampleSeconds = now
            }
            return
        }
        // Continue the sample clock; the newest sample should land at about `now`.
        var first = (previous ?? (now - count * period)) + period
        let newest = first + (count - 1) * period
        if drain.overflowed || abs(newest - now) > 2 * period {
            // Lost samples or drift: anchor the newest sample at the drain time,
            // never before the last sample handed out.
            let anchored = now - (count - 1) * period
            if let previous, anchored - previous > 1.5 * period {
                events.append(.gap(role: role, startSeconds: previous, endSeconds: anchored))
            }
            first = max(anchored, (previous ?? anchored - period) + period)
        }
        for (offset, sample) in buffer.enumerated() {
            let t = first + Double(offset) * period
            events.append(.sample(SensorSample(role: role, timeSeconds: t, accelerationG: sample.accelerationG,
                                               angularRateDegPerSecond: sample.angularRateDegPerSecond)))
            states[index].lastSampleSeconds = t
        }
    }
}
