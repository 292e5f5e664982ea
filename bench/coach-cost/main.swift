// Drives Coach.update N times at 50 Hz over a repeating one-minute script (upright, a slump
// that is alerted and repeated, a correction, a few seconds of walking, a missing sensor), for
// instruction counting with callgrind: the cost per sample is (I(2N) - I(N)) / N, so set-up and
// exit cancel out. Prints the tallies so the work cannot be optimised away.
import Coach
import Posture
import Tilt

let args = CommandLine.arguments
let n = args.count > 1 ? Int(args[1]) ?? 100_000 : 100_000

// 3000 samples (60 s at 50 Hz): what the coach sees, precomputed.
var table: [(PostureAngles?, Activity)] = []
for i in 0..<3000 {
    let t = Double(i) / 50
    let sway = 0.8 * TiltMath.sin(0.7 * t)
    let angles: (Double, Double)
    let activity: Activity
    switch t {
    case ..<10: (angles, activity) = ((2 + sway, 5 + sway), .still)
    case ..<40: (angles, activity) = ((22 + sway, 28 + sway), .still)
    case ..<50: (angles, activity) = ((1 + sway, 4 + sway), .still)
    case ..<55: (angles, activity) = ((3 + sway, 5), .walking)
    default: (angles, activity) = ((0, 0), .still)
    }
    let missing = t >= 58
    let p = PostureAngles(
        trunk: SensorAngles(flexionDeg: angles.0, lateralDeg: 0),
        head: SensorAngles(flexionDeg: angles.0 + angles.1, lateralDeg: 0))
    table.append((missing ? nil : p, activity))
}

@inline(never)
func run(_ count: Int) -> CoachTallies {
    var coach = Coach(settings: CoachSettings(alertDelay: .seconds5, repeatCooldownSeconds: 10))
    var events = 0
    var buffer = CoachEvents()  // one buffer for every sample, as SessionRunner keeps
    table.withUnsafeBufferPointer { t in
        for i in 0..<count {
            let s = t[i % 3000]
            coach.update(CoachInput(timeSeconds: Double(i) * 0.02, posture: s.0, activity: s.1), into: &buffer)
            events &+= buffer.count
        }
    }
    var tallies = coach.tallies
    tallies.rejectedSamples = events
    return tallies
}

let tallies = run(n)
print("alerts \(tallies.alerts), repeats \(tallies.repeats), corrections \(tallies.corrections), events \(tallies.rejectedSamples)")
