import Foundation
import IMUEmulators
import Testing

@Suite("Simulated wearer")
struct SimulatedWearerTests {
    private func close(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ tolerance: Double) -> Bool {
        let d = a - b
        return max(abs(d.x), abs(d.y), abs(d.z)) <= tolerance
    }

    @Test("sitting upright, the back sensor feels one g along its up axis")
    func uprightGravity() {
        let wearer = SimulatedWearer([.init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 10)], swayDeg: 0)
        let trunk = wearer.sensed(.trunk, at: 5)
        #expect(close(trunk.accelerationG, SIMD3(0, 1, 0), 1e-9))
        #expect(close(trunk.angularRateDegPerSecond, .zero, 1e-6))
        #expect(close(wearer.sensed(.head, at: 5).accelerationG, SIMD3(0, 0, 1), 1e-9))
    }

    @Test("a 30° forward slump tilts the back sensor's outward axis up by sin 30°")
    func slumpGeometry() {
        let wearer = SimulatedWearer([.init(.sit(trunkDeg: 30, headDeg: 0, transitionSeconds: 0), for: 10)], swayDeg: 0)
        let trunk = wearer.sensed(.trunk, at: 5).accelerationG
        #expect(close(trunk, SIMD3(0, 3.0.squareRoot() / 2, 0.5), 1e-9))
    }

    @Test("the gyroscope integrates to the change of posture")
    func gyroIntegratesToAngle() {
        let wearer = SimulatedWearer([.init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 1),
                                      .init(.sit(trunkDeg: 25, headDeg: 0, transitionSeconds: 4), for: 6)],
                                     swayDeg: 0)
        var angle = SIMD3<Double>.zero
        let dt = 0.001
        var t = 0.0
        while t < 7 {
            angle += wearer.sensed(.trunk, at: t + dt / 2).angularRateDegPerSecond * dt
            t += dt
        }
        // Forward flexion turns about the body's left axis, which is the back sensor's -x.
        #expect(close(angle, SIMD3(-25, 0, 0), 0.01))
    }

    @Test("walking bounces the accelerometer at the step cadence")
    func walkingCadence() {
        let wearer = SimulatedWearer([.init(.walk(cadenceHz: 1.8), for: 20)], swayDeg: 0)
        var crossings = 0
        var previous = 0.0
        var t = 2.0
        while t < 12 {
            let norm = (wearer.sensed(.trunk, at: t).accelerationG * wearer.sensed(.trunk, at: t).accelerationG).sum().squareRoot()
            let above = norm - 1
            if previous <= 0 && above > 0 { crossings += 1 }
            previous = above
            t += 0.005
        }
        #expect((16...20).contains(crossings))  // 1.8 steps/s for 10 s
    }

    @Test("an unplugged segment detaches that sensor only, and labels become annotations")
    func unplugAndLabels() {
        let wearer = SimulatedWearer([.init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 5, label: "upright"),
                                      .init(.unplugged(.head), for: 5, label: "unplugged"),
                                      .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 5)])
        #expect(wearer.isAttached(.head, at: 2) && !wearer.isAttached(.head, at: 7) && wearer.isAttached(.head, at: 12))
        #expect(wearer.isAttached(.trunk, at: 7))
        #expect(wearer.annotations.map(\.label) == ["upright", "unplugged"])
        #expect(wearer.annotations[1].startSeconds == 5 && wearer.annotations[1].endSeconds == 10)
        #expect(wearer.durationSeconds == 15)
    }

    @Test("any mounting senses the same gravity angle from upright")
    func anyMounting() {
        for (yaw, pitch, roll) in [(0.0, 0.0, 0.0), (90, 0, 180), (33, -71, 12), (180, 90, 45)] {
            let mounting = SensorMounting(yawDeg: yaw, pitchDeg: pitch, rollDeg: roll)
            let wearer = SimulatedWearer([.init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 0), for: 2),
                                          .init(.sit(trunkDeg: 20, headDeg: 0, transitionSeconds: 0), for: 2)],
                                         trunk: mounting, swayDeg: 0)
            let a = wearer.sensed(.trunk, at: 1).accelerationG
            let b = wearer.sensed(.trunk, at: 3).accelerationG
            let angle = acos((a * b).sum()) * 180 / .pi
            #expect(abs(angle - 20) < 1e-6)
        }
    }
}
