import Coach
import Posture
import Tilt

/// Posture with the given thoracic angle and head-forward angle (`nil`: one sensor).
func posture(_ thoracicDeg: Double, head headForwardDeg: Double? = nil) -> PostureAngles {
    PostureAngles(
        trunk: SensorAngles(flexionDeg: thoracicDeg, lateralDeg: 0),
        head: headForwardDeg.map { SensorAngles(flexionDeg: $0 + thoracicDeg, lateralDeg: 0) })
}

/// What a scripted stretch of time looks like at time `t`.
struct Moment {
    var posture: PostureAngles?
    var activity: Activity = .still
    var flags: TiltFilter.Flags = []
    var timeOfDaySeconds: Double? = nil
    var motionless = false
}

/// Feeds the coach samples every `step` seconds for `from ..< to`, collecting every event.
@discardableResult
func run(
    _ coach: inout Coach, from: Double, to: Double, step: Double = 0.25, into sink: inout RecordingSink,
    _ moment: (Double) -> Moment
) -> Double {
    var i = 0
    var t = from
    while t < to - 1e-9 {
        let m = moment(t)
        let events = coach.update(
            CoachInput(
                timeSeconds: t, posture: m.posture, activity: m.activity, filterFlags: m.flags,
                timeOfDaySeconds: m.timeOfDaySeconds, motionless: m.motionless))
        events.send(to: &sink)
        i += 1
        t = from + Double(i) * step
    }
    return t
}

func still(_ thoracicDeg: Double, head: Double? = nil, _ activity: Activity = .still) -> (Double) -> Moment {
    { _ in Moment(posture: posture(thoracicDeg, head: head), activity: activity) }
}

extension RecordingSink {
    /// Times of the events of `kind`.
    func times(_ kind: CoachEvent.Kind) -> [Double] { events(kind).map(\.timeSeconds) }
    var alertCount: Int { events.filter { $0.kind.isAlert }.count }
}
