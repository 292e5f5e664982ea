import ArgumentParser
import Coach
import Foundation
import IMU
import IMUEmulators
import Monitor
import Logging
import Posture
import Tilt

/// `plumbline soak`: hours of a simulated wearer through the whole live path, run twice —
/// clean, then with injected I2C faults and unplugged sensors — and compared.
struct Soak: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run simulated hours with injected faults and check nothing leaks or drifts (developer check).",
        discussion: """
        Plays the working session over and over for --hours of simulated time, two sensors at 100 Hz, \
        through the emulated chips, the real drivers, the FIFO source, the filters and the coach, as \
        fast as the CPU allows. A second run adds --fault-rate random I2C errors and two unplug/replug \
        events of the trunk sensor. Checks: no crash; peak memory after the last hour within 10% of \
        after the first; gaps exactly where the sensor was unplugged; the same alerts as the clean \
        run outside the gaps and their recovery. Exit 0 when all hold.
        """,
        shouldDisplay: false
    )

    @Option(help: "Simulated hours.") var hours = 8.0
    @Option(help: "Probability that an I2C transaction fails.") var faultRate = 0.01
    @Option(help: "Seed of the fault generator.") var seed: UInt64 = 1

    struct Outcome {
        var alerts: [CoachEvent] = []
        var gaps: [(start: Double, end: Double)] = []
        var retriedDrains = 0
        var injectedFaults = 0
        var samples = 0
        var peakRSSKilobytes: [Int] = []  // after each simulated hour
        var headGaps: [(start: Double, end: Double)] = []
    }

    func validate() throws {
        guard hours >= 1 && hours <= 24 else { throw ValidationError("--hours takes 1 to 24 (got \(hours)).") }
        guard faultRate >= 0 && faultRate < 0.2 else { throw ValidationError("--fault-rate takes 0 to 0.2 (got \(faultRate)).") }
    }

    /// The working session repeated; two 60 s trunk unplugs at 2 h and 5 h (scaled for shorter runs).
    func script(unplugs: Bool) -> (SimulatedWearer, [(Double, Double)]) {
        let cycle = SimulatedWearer.workingSession.segments
        var segments: [SimulatedWearer.Segment] = []
        var t = 0.0
        let total = hours * 3600
        let unplugAt = [total * 2 / 8, total * 5 / 8]
        var unplugged: [(Double, Double)] = []
        while t < total {
            for segment in cycle {
                if unplugAt.contains(where: { $0 >= t && $0 < t + segment.durationSeconds }),
                   unplugged.count < unplugAt.count, !unplugged.contains(where: { $0.0 == t }) {
                    // A minute in which the trunk sensor is unplugged; in the clean run the wearer
                    // sits upright instead, so both runs keep the same timeline.
                    segments.append(unplugs ? .init(.unplugged(.trunk), for: 60, label: "unplugged")
                                            : .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 1), for: 60, label: "upright"))
                    unplugged.append((t, t + 60))
                    t += 60
                }
                segments.append(segment)
                t += segment.durationSeconds
            }
        }
        return (SimulatedWearer(segments), unplugged)
    }

    /// The simulated sensors, opened and configured; injected faults may hit the probe, so each
    /// step is retried as the live source retries.
    func openSource(_ rig: SimulatedRig, clock: VirtualClock) throws -> LiveSource {
        var channels: [LiveSource.Channel] = []
        for role in [SensorRole.trunk, .head] {
            let address = rig.address(of: role == .trunk ? .trunk : .head)
            var driver: (any IMUDriver)?
            var lastError: IMUError?
            for _ in 0..<5 where driver == nil {
                do { driver = try IMUDrivers.open(bus: rig.bus, address: address, delay: { _ in }) } catch { lastError = error }
            }
            guard let driver else {
                throw fail(kind: "soak", "could not open the simulated \(role.rawValue) sensor: \(lastError.map { "\($0)" } ?? "")")
            }
            channels.append(.init(role: role, driver: driver))
        }
        var lastError: IMUError?
        for _ in 0..<5 {
            do {
                return try LiveSource(channels: channels, configuration: IMUConfiguration(outputRateHz: 100), clock: clock,
                                      logger: Logger(label: "soak") { _ in SwiftLogNoOpLogHandler() })
            } catch {
                lastError = error
            }
        }
        throw fail(kind: "soak", "could not configure the simulated sensors: \(lastError.map { "\($0)" } ?? "")")
    }

    func runOnce(faulty: Bool) throws -> (Outcome, [(Double, Double)]) {
        let (wearer, unplugs) = script(unplugs: faulty)
        let rig = SimulatedRig(wearer: wearer, seed: 1, faultRate: 0)
        if faulty { rig.bus.setRandomFaults(rate: faultRate) }
        let clock = VirtualClock()
        clock.onAdvance = { rig.setTime($0) }
        let source = try openSource(rig, clock: clock)
        // Calibrated as `monitor --simulate` is: the first still seconds of the script.
        let calibrations: [SensorRole: Calibration]
        let poses = CalibrationFlow.captureLive(source, roles: [.trunk, .head], pose: "upright", settleSeconds: 1,
                                                settings: .default, attempts: 3, say: { _ in })
        switch poses.flatMap({ CalibrationFlow.calibrations(upright: $0, lean: [:], mounting: { .default(for: $0) }, chip: { _ in "MPU-6050" }) }) {
        case .success(let c): calibrations = c
        case .failure(let f): throw fail(kind: "soak", "calibrating the simulated wearer failed: \(f.description)")
        }
        let tally = SoakTally()
        var alerts: [CoachEvent] = []
        let runner = SessionRunner(session: Session(calibrations: calibrations), source: source, taps: [tally],
                                   emit: { if $0.kind.isAlert { alerts.append($0) } }, notice: { Terminal.error($0) })
        var peakRSS: [Int] = []
        var nextHour = 3600.0
        while clock.nowSeconds < wearer.durationSeconds {
            do { try runner.step() } catch { throw fail(kind: "soak", "\(error)") }
            if clock.nowSeconds >= nextHour {
                peakRSS.append(peakRSSKilobytes())
                nextHour += 3600
            }
        }
        var outcome = tally.outcome(endingAt: clock.nowSeconds)
        outcome.alerts = alerts
        outcome.peakRSSKilobytes = peakRSS
        outcome.retriedDrains = source.retriedDrains
        outcome.injectedFaults = rig.bus.injectedFaultCount
        return (outcome, unplugs)
    }

    func run() throws {
        let started = Date()
        let (clean, _) = try runOnce(faulty: false)
        let (faulty, unplugs) = try runOnce(faulty: true)
        var failures: [String] = []
        print(String(format: "simulated %.0f h twice in %.0f s of wall time; %d samples in the faulty run",
                     hours, Date().timeIntervalSince(started), faulty.samples))
        print("injected I2C faults: \(faulty.injectedFaults), absorbed by immediate retries: \(faulty.retriedDrains) drains")
        // Memory: peak RSS after the last hour against after the first.
        if let first = faulty.peakRSSKilobytes.first, let last = faulty.peakRSSKilobytes.last {
            let growth = Double(last - first) / Double(first)
            print(String(format: "peak RSS: %d kB after hour 1, %d kB after hour %d (%+.1f%%)", first, last, faulty.peakRSSKilobytes.count, growth * 100))
            if growth > 0.10 { failures.append("memory grew by more than 10%") }
        }
        // Gaps: one per unplug, starting at the unplug and ending within the backoff after the replug.
        print("gaps (trunk): " + faulty.gaps.map { String(format: "%.2f–%.2f s", $0.start, $0.end) }.joined(separator: ", "))
        print("head sensor gaps (its scripted unplugs): \(faulty.headGaps.count) with faults, \(clean.headGaps.count) clean")
        print("unplugged:    " + unplugs.map { String(format: "%.2f–%.2f s", $0.0, $0.1) }.joined(separator: ", "))
        let gapsMatch = faulty.gaps.count == unplugs.count && zip(faulty.gaps, unplugs).allSatisfy { gap, unplug in
            abs(gap.start - unplug.0) <= 0.3 && gap.end >= unplug.1 && gap.end <= unplug.1 + LiveSource.maxBackoffSeconds + 0.3
        }
        if !gapsMatch { failures.append("gaps are not where the sensor was unplugged") }
        // Alerts: the same as the clean run outside each gap and its recovery (the filter restarts,
        // and a slump timer starts again: one alert delay plus the filter's settling).
        let recovery = CoachSettings.default.alertDelay.seconds + 5
        func outside(_ e: CoachEvent) -> Bool {
            !faulty.gaps.contains { e.timeSeconds >= $0.start - 0.5 && e.timeSeconds <= $0.end + recovery }
        }
        func key(_ e: CoachEvent) -> String {
            "\(e.kind.rawValue) \(e.slump?.rawValue ?? "-") \(e.exercise?.rawValue ?? "-")"
        }
        let a = clean.alerts.filter(outside), b = faulty.alerts.filter(outside)
        let same = a.count == b.count && zip(a, b).allSatisfy { key($0) == key($1) && abs($0.timeSeconds - $1.timeSeconds) <= 0.011 }
        print("alerts outside the gaps: \(a.count) clean, \(b.count) with faults; \(same ? "identical" : "DIFFERENT") (same kind, slump, exercise, time within one sample)")
        if !same {
            failures.append("alerts differ from the clean run outside the gaps")
            for e in a { Terminal.error(String(format: "clean  %10.2f %@", e.timeSeconds, key(e))) }
            for e in b { Terminal.error(String(format: "faulty %10.2f %@", e.timeSeconds, key(e))) }
        }
        let checks = 4
        print("\(checks - failures.count) passed, \(failures.count) failed")
        if !failures.isEmpty {
            Terminal.error("plumbline: soak: " + failures.joined(separator: "; "))
            throw ExitCode(1)
        }
    }
}
