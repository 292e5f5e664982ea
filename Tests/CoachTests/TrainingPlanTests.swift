import Coach
import IMUEmulators
import Posture
import Testing

@Suite("Training plan")
struct TrainingPlanTests {
    @Test("the target starts at its minutes, grows by a step after each day met, holds after a day missed, and stops at the cap")
    func targets() {
        let plan = TrainingPlan(startMinutes: 10, stepMinutes: 5, capMinutes: 30)
        let trained: [Double] = [600, 300, 900, 1200, 1499, 1500, 1800, 5000, 0]
        #expect(plan.targets(trainedSeconds: trained) == [600, 900, 900, 1200, 1500, 1500, 1800, 1800, 1800])
        #expect(plan.targets(trainedSeconds: []).isEmpty)
    }

    @Test("seeded random days: targets never shrink, stay within start and cap, and grow only after a day met", arguments: [UInt64(1), 2, 3])
    func randomDays(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        for _ in 0..<200 {
            let start = Double(int(1...120)), step = Double(int(0...30))
            let plan = TrainingPlan(startMinutes: start, stepMinutes: step, capMinutes: start + Double(int(0...300)))
            #expect(plan.problem == nil)
            let days = (0..<int(1...40)).map { _ in Double(int(0...20_000)) }
            let targets = plan.targets(trainedSeconds: days)
            #expect(targets.first == start * 60)
            for i in targets.indices {
                #expect(targets[i] >= start * 60 && targets[i] <= plan.capMinutes * 60)
                if i > 0 {
                    let grew = targets[i] - targets[i - 1]
                    #expect(grew == (days[i - 1] >= targets[i - 1] ? min(step * 60, plan.capMinutes * 60 - targets[i - 1]) : 0))
                }
            }
        }
    }

    @Test("a cap below the start is a problem named by its key; step 0 is a fixed target")
    func problems() {
        #expect(TrainingPlan(startMinutes: 30, stepMinutes: 5, capMinutes: 20).problem?.key == "capMinutes")
        #expect(TrainingPlan(startMinutes: 0, stepMinutes: 5, capMinutes: 20).problem?.key == "startMinutes")
        #expect(TrainingPlan(startMinutes: 20, stepMinutes: 0, capMinutes: 20).problem == nil)
    }

    @Test("a day's count: earlier sessions plus this one's tally since its mark; midnight carries the result into tomorrow's target")
    func trainingDay() {
        var day = TrainingDay(plan: TrainingPlan(startMinutes: 10, stepMinutes: 5, capMinutes: 60), targetSeconds: 600, doneBeforeSeconds: 400)
        #expect(!day.isMet(tally: 199) && day.isMet(tally: 200))
        day.startNextDay(tally: 250)
        #expect(day.targetSeconds == 900 && day.doneSeconds(tally: 250) == 0 && day.doneSeconds(tally: 400) == 150)
        day.startNextDay(tally: 400)
        #expect(day.targetSeconds == 900, "150 s of 900 was not met")
    }

    @Test("the coach counts training time only while training, and its events are silent while tracking")
    func coachMode() {
        var coach = Coach(settings: CoachSettings(alertDelay: .seconds5))
        var sink = RecordingSink()
        run(&coach, from: 0, to: 30, into: &sink) { _ in Moment(posture: posture(0)) }
        #expect(coach.tallies.trainingSeconds == 29.75)
        coach.setMode(.tracking)
        run(&coach, from: 30, to: 60, into: &sink) { _ in Moment(posture: posture(30)) }
        #expect(coach.tallies.trainingSeconds == 30, "the step from 29.75 s began in training; none after")
        let alerts = sink.events.filter { $0.kind == .slumpAlert }
        #expect(alerts.count == 1 && alerts[0].silent)
        coach.setMode(.training)
        run(&coach, from: 60, to: 70, into: &sink) { _ in Moment(posture: posture(30)) }
        #expect(coach.tallies.trainingSeconds == 39.75, "from the first sample in training, 60 s, to the last, 69.75 s")
        #expect(sink.events.filter { $0.kind == .repeatAlert }.allSatisfy { !$0.silent })
    }
}
