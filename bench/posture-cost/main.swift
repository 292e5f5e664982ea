// Drives the posture stage of one trunk sample N times (what `PosturePipeline.frame` calls in the
// Posture module: the trunk angles and inclination from its prepared calibration, the activity
// detector, and the head angles) over a repeating table of a sitting, slumping and walking wearer, for
// instruction counting with callgrind: the cost per sample is (I(2N) - I(N)) / N, so set-up and
// exit cancel out. Prints a sum of the results so the work cannot be optimised away.
import Posture
import Tilt

let args = CommandLine.arguments
let n = args.count > 1 ? Int(args[1]) ?? 100_000 : 100_000

/// 1024 samples at 100 Hz: up directions of both sensors, the trunk's accelerometer and gyroscope.
struct Row {
    var trunkUp: Vector3
    var headUp: Vector3
    var accel: Vector3
    var gyro: Vector3
}
var table: [Row] = []
for i in 0..<1024 {
    let t = Double(i) / 100
    let lean = TiltMath.radiansPerDegree * (10 + 15 * TiltMath.sin(0.6 * t))
    let nod = lean + TiltMath.radiansPerDegree * 12 * TiltMath.sin(0.9 * t)
    let bounce = i % 400 < 150 ? 0.15 * TiltMath.sin(12 * t) : 0
    let trunkUp = Vector3(0, TiltMath.cos(lean), TiltMath.sin(lean))
    let headUp = Vector3(0, TiltMath.cos(nod), TiltMath.sin(nod))
    table.append(Row(trunkUp: trunkUp, headUp: headUp, accel: trunkUp * (1 + bounce),
                     gyro: Vector3(9 * TiltMath.cos(0.6 * t), bounce * 40, 1)))
}

func calibration(_ role: SensorRole) -> Calibration {
    Calibration(role: role, chip: "MPU-6050", timeSeconds: 0, up: Vector3(0, 1, 0), flexionAxis: Vector3(1, 0, 0), axisSource: .mounting)
}

@inline(never)
func run(_ count: Int) -> Double {
    // Prepared once per calibration, as PosturePipeline does.
    let trunk = AngleReference(calibration(.trunk))
    let head = AngleReference(calibration(.head))
    var activity = ActivityDetector()
    var sum = 0.0
    table.withUnsafeBufferPointer { t in
        for i in 0..<count {
            let s = t[i & 1023]
            let measure = trunk.measure(up: s.trunkUp)
            let now = activity.update(accel: s.accel, gyro: s.gyro, trunkInclinationCosine: measure?.inclinationCosine, dt: 0.01)
            let angles = measure.map { PostureAngles(trunk: $0.angles, head: head.measure(up: s.headUp)?.angles) }
            sum += (angles?.headForwardDeg ?? 0) + (now == .still ? 1 : 0)
        }
    }
    return sum
}

print("posture \(n) samples, sum \(run(n))")
