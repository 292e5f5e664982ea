import Coach
import Foundation
import Posture
import Testing
import Tilt

@Suite("Slump detector states and alert timing")
struct CoachStateTests {
    @Test("walks upright → slumping → alerted → upright with state events, an alert and a correction")
    func fullCycle() throws {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds5))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 10, into: &sink, still(0))
        #expect(coach.state == .upright)
        run(&coach, from: 10, to: 13, into: &sink, still(20))
        guard case .slumping(let since, .upperBackRounding) = coach.state else {
            Issue.record("expected slumping, got \(coach.state)")
            return
        }
        #expect(since == 10)
        run(&coach, from: 13, to: 20, into: &sink, still(20))
        guard case .alerted(let at, .upperBackRounding) = coach.state else {
            Issue.record("expected alerted, got \(coach.state)")
            return
        }
        #expect(abs(at - 15) < 1e-9)
        run(&coach, from: 20, to: 25, into: &sink, still(0))
        #expect(coach.state == .upright)
        let changes = sink.events(.stateChanged).map(\.state.name)
        #expect(changes == ["slumping", "alerted", "upright"])
        #expect(sink.events.map(\.kind) == [.stateChanged, .stateChanged, .slumpAlert, .stateChanged, .corrected])
        let corrected = try #require(sink.events(.corrected).first)
        #expect(corrected.slump == .upperBackRounding)
        #expect(corrected.timeSeconds == 20)
        #expect(coach.tallies.alerts == 1 && coach.tallies.corrections == 1)
    }

    @Test("an uncalibrated coach never alerts and becomes upright when calibrated")
    func uncalibrated() {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds5), calibrated: false)
        var sink = RecordingSink()
        run(&coach, from: 0, to: 30, into: &sink, still(30))
        #expect(coach.state == .uncalibrated)
        #expect(sink.alertCount == 0)
        #expect(coach.tallies.uncalibratedSeconds > 29)
        coach.calibrate(atSeconds: 30).send(to: &sink)
        #expect(coach.state == .upright)
        run(&coach, from: 30, to: 40, into: &sink, still(30))
        #expect(sink.times(.slumpAlert).count == 1)
        coach.invalidateCalibration(atSeconds: 40).send(to: &sink)
        #expect(coach.state == .uncalibrated)
        run(&coach, from: 40, to: 200, into: &sink, still(30))
        #expect(sink.times(.slumpAlert).count == 1)
        #expect(sink.times(.repeatAlert).isEmpty)
    }

    @Test("the alert comes within the delay plus one sample period, for every preset and any value")
    func delayPresets() throws {
        for delay in AlertDelay.presets + [AlertDelay(seconds: 7.25), AlertDelay(seconds: 0)] {
            for step in [0.01, 0.2, 0.35] {
                var coach = Coach(settings: CoachSettings(alertDelay: delay, repeatCooldownSeconds: 1000))
                var sink = RecordingSink()
                run(&coach, from: 0, to: 5, step: step, into: &sink, still(0))
                // The slump begins with the first sample at or after 5 s.
                let first = (5 / step).rounded(.up) * step
                run(&coach, from: first, to: first + delay.seconds + 3, step: step, into: &sink, still(25))
                let alert = try #require(sink.times(.slumpAlert).first, "delay \(delay.seconds) s, step \(step) s")
                #expect(alert >= first + delay.seconds - 1e-9, "delay \(delay.seconds) s, step \(step) s")
                #expect(alert <= first + delay.seconds + step + 1e-9, "delay \(delay.seconds) s, step \(step) s")
                #expect(sink.times(.slumpAlert).count == 1)
            }
        }
    }

    @Test("while the slump lasts the alert repeats once per cooldown, then stops on correction")
    func cooldownAndRepeat() {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds5, repeatCooldownSeconds: 20))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 70, step: 0.5, into: &sink, still(20))
        #expect(sink.times(.slumpAlert) == [5])
        #expect(sink.times(.repeatAlert) == [25, 45, 65])
        #expect(sink.events(.repeatAlert).allSatisfy { $0.exercise == .shoulderBladeSqueeze })
        run(&coach, from: 70, to: 140, step: 0.5, into: &sink, still(0))
        #expect(sink.times(.repeatAlert).count == 3)
        #expect(sink.times(.corrected) == [70])
        #expect(coach.tallies.repeats == 3)
    }

    @Test("an angle hovering around the threshold does not chatter (hysteresis)")
    func hysteresis() {
        let settings = CoachSettings(thoracicThresholdDeg: 15, hysteresisDeg: 5, alertDelay: .seconds5)
        var coach = Coach(settings: settings)
        var sink = RecordingSink()
        // 12°–18° around the 15° threshold, a 2 s period, for a minute: one slump, one alert.
        run(&coach, from: 0, to: 60, into: &sink) { t in
            Moment(posture: posture(15 + 3 * sin(2 * Double.pi * t / 2)))
        }
        #expect(sink.events(.stateChanged).map(\.state.name) == ["slumping", "alerted"])
        #expect(sink.times(.slumpAlert).count == 1)
        #expect(sink.times(.corrected).isEmpty)
        // Down to 11°: still above threshold minus hysteresis, still slumped.
        run(&coach, from: 60, to: 70, into: &sink, still(11))
        #expect(sink.times(.corrected).isEmpty)
        // Below 10°: corrected, once.
        run(&coach, from: 70, to: 80, into: &sink, still(9))
        #expect(sink.times(.corrected) == [70])

        // Hovering just under the threshold never starts a slump.
        var calm = Coach(settings: settings)
        var quiet = RecordingSink()
        run(&calm, from: 0, to: 120, into: &quiet) { t in Moment(posture: posture(12 + 2.9 * sin(t))) }
        #expect(quiet.events.isEmpty)
    }

    @Test("a slump shorter than the delay gives neither an alert nor a correction")
    func shortSlump() {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds15))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 10, into: &sink, still(25))
        run(&coach, from: 10, to: 40, into: &sink, still(0))
        #expect(sink.alertCount == 0)
        #expect(sink.times(.corrected).isEmpty)
        #expect(sink.events(.stateChanged).map(\.state.name) == ["slumping", "upright"])
    }

    @Test("leaning back past the limit alerts as leaning back; a moderate recline does not")
    func leanBack() {
        var coach = Coach(settings: CoachSettings(leanBackLimitDeg: 20, alertDelay: .seconds5))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 20, into: &sink, still(-18))
        #expect(sink.alertCount == 0)
        run(&coach, from: 20, to: 30, into: &sink, still(-25))
        #expect(sink.events(.slumpAlert).map(\.slump) == [.leaningBack])
        #expect(sink.events(.slumpAlert).map(\.exercise) == [.ribLift])
    }

    @Test("snooze holds alerts back for its length, then the slump timer starts again")
    func snooze() {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds5, repeatCooldownSeconds: 10))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 7, into: &sink, still(20))
        #expect(sink.times(.slumpAlert) == [5])
        coach.snooze(forSeconds: 60, atSeconds: 7).send(to: &sink)
        #expect(coach.state == .suppressed(.snoozed))
        run(&coach, from: 7, to: 67, into: &sink, still(20))
        #expect(sink.times(.repeatAlert).isEmpty)
        #expect(sink.times(.corrected).isEmpty)
        #expect(coach.state == .suppressed(.snoozed))
        run(&coach, from: 67, to: 80, into: &sink, still(20))
        // Snooze ends at 67: slumping from 67, alerted at 72.
        #expect(sink.times(.slumpAlert) == [5, 72])
        // Snoozed slumped time still counts as slumped in the tallies.
        #expect(coach.tallies.slumpedSeconds > 79)
    }

    @Test("quiet hours across midnight hold alerts back from start to end and not outside")
    func quietHours() {
        let quiet = QuietHours(from: (22, 0), to: (7, 0))
        #expect(quiet.contains(22 * 3600))
        #expect(quiet.contains(23.5 * 3600))
        #expect(quiet.contains(0))
        #expect(quiet.contains(6 * 3600 + 3599))
        #expect(!quiet.contains(7 * 3600))
        #expect(!quiet.contains(12 * 3600))
        #expect(!quiet.contains(22 * 3600 - 1))
        #expect(quiet.contains(86_400 + 3600))  // the next day's 01:00
        let daytime = QuietHours(from: (12, 0), to: (13, 0))
        #expect(daytime.contains(12.5 * 3600) && !daytime.contains(13 * 3600) && !daytime.contains(11 * 3600))

        // A slumped wearer from 21:59:00 to 22:01:00 local time: the alert fires before 22:00
        // only; a wearer slumped from 06:59:00 is alerted after 07:00 plus the delay.
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds5, repeatCooldownSeconds: 10, quietHours: quiet))
        var sink = RecordingSink()
        let evening = 22 * 3600.0 - 60
        run(&coach, from: 0, to: 120, into: &sink) { t in
            Moment(posture: posture(20), timeOfDaySeconds: evening + t)
        }
        #expect(sink.events.filter(\.kind.isAlert).allSatisfy { $0.timeSeconds < 60 })
        #expect(coach.state == .suppressed(.quietHours))
        var morning = Coach(settings: CoachSettings(alertDelay: .seconds5, quietHours: quiet))
        var sink2 = RecordingSink()
        let dawn = 7 * 3600.0 - 60
        run(&morning, from: 0, to: 120, into: &sink2) { t in
            Moment(posture: posture(20), timeOfDaySeconds: dawn + t)
        }
        #expect(sink2.times(.slumpAlert) == [65])
    }

    @Test("tracking mode emits the same events flagged silent")
    func trackingMode() {
        func events(_ mode: CoachMode) -> [CoachEvent] {
            var coach = Coach(settings: CoachSettings(alertDelay: .seconds5, repeatCooldownSeconds: 20, mode: mode))
            var sink = RecordingSink()
            run(&coach, from: 0, to: 30, into: &sink, still(22))
            run(&coach, from: 30, to: 40, into: &sink, still(0))
            return sink.events
        }
        let training = events(.training)
        let tracking = events(.tracking)
        #expect(training.count == tracking.count)
        #expect(tracking.allSatisfy { $0.silent })
        #expect(training.allSatisfy { !$0.silent })
        #expect(tracking.map(\.kind) == training.map(\.kind))
        #expect(tracking.contains { $0.kind == .slumpAlert })
    }

    @Test("settings that cannot work are named by key")
    func settingsValidation() {
        #expect(CoachSettings.default.problem == nil)
        #expect(CoachSettings(hysteresisDeg: 16).problem?.key == "hysteresisDeg")
        #expect(CoachSettings(thoracicThresholdDeg: -1).problem?.key == "thoracicThresholdDeg")
        #expect(CoachSettings(deepBendDeg: 10).problem?.key == "deepBendDeg")
        #expect(CoachSettings(repeatCooldownSeconds: 0).problem?.key == "repeatCooldownSeconds")
        #expect(CoachSettings(exerciseTimeoutFactor: 0.5).problem?.key == "exerciseTimeoutFactor")
    }

    @Test("samples whose time does not move forward are rejected and counted")
    func timeGoesForward() {
        var coach = Coach()
        var sink = RecordingSink()
        run(&coach, from: 0, to: 5, into: &sink, still(0))
        #expect(coach.update(timeSeconds: 4, posture: posture(30)).isEmpty)
        #expect(coach.update(timeSeconds: .nan, posture: posture(30)).isEmpty)
        #expect(coach.tallies.rejectedSamples == 2)
        #expect(coach.state == .upright)
    }
}
