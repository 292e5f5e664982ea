import Coach
@testable import Monitor
import Posture
import Testing

@Suite("Training plan in a running session")
struct TrainingSessionTests {
    @Test("the target met puts the coach in tracking; local midnight starts a new day in training with the grown target")
    func midnight() throws {
        let calibration = try Calibration.fromUpright(StillPose(up: .unitY, endTimeSeconds: 0), mounting: .backYUp,
                                                      role: .trunk, chip: "MPU-6050").get()
        // Constant synthetic samples have no breathing: not-worn detection is off here.
        let pipeline = PosturePipeline.Settings(activity: ActivityDetector.Settings(notWornAfterSeconds: 0))
        let plan = TrainingPlan(startMinutes: 1, stepMinutes: 1, capMinutes: 10)
        var session = Session(calibrations: [.trunk: calibration], pipeline: pipeline,
                              training: TrainingDay(plan: plan, targetSeconds: 60, doneBeforeSeconds: 0))
        var modes: [(Double, CoachMode)] = [(0, session.coach.mode)]
        var t = 0.0
        let start = 23 * 3600 + 58 * 60.0  // 23:58:00
        while t < 300 {
            _ = session.process(.sample(SensorSample(role: .trunk, timeSeconds: t, accelerationG: SIMD3(0, 1, 0), angularRateDegPerSecond: .zero)),
                                timeOfDaySeconds: (start + t).truncatingRemainder(dividingBy: 86_400))
            if session.coach.mode != modes.last?.1 { modes.append((t, session.coach.mode)) }
            t += 0.02
        }
        // Met after 60 s of training (23:59:00), a new day at 00:00:00 with a 2-minute target, met at 00:02:00.
        #expect(modes.map(\.1) == [.training, .tracking, .training, .tracking])
        let times = modes.map(\.0)
        #expect(abs(times[1] - 60) < 0.1 && abs(times[2] - 120) < 0.1 && abs(times[3] - 240) < 0.1, "\(times)")
        #expect(session.daysStarted == 1 && session.training?.targetSeconds == 120)
    }
}
