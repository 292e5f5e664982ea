import Testing
import Tilt

@Suite("Gyroscope-aided tilt filter")
struct TiltFilterTests {
    let dt = 0.01

    @Test("starts from the first accelerometer sample and flags start-up")
    func startsFromFirstSample() {
        var f = TiltFilter()
        let accel = Vector3(0.5, 0, 0.866)
        f.update(gyro: .zero, accel: accel, dt: 0)
        #expect(angleDeg(f.up, accel) < 1e-9)
        #expect(f.flags.contains(.startingUp))
        for _ in 0..<200 { f.update(gyro: .zero, accel: accel, dt: dt) }
        #expect(!f.flags.contains(.startingUp))
        #expect(angleDeg(f.up, accel) < 1e-6)
    }

    @Test("tracks a smooth rotation within 0.2° with a clean gyroscope")
    func tracksRotation() {
        var f = TiltFilter()
        var m = SyntheticMotion(start: Quaternion(axis: Vector3(1, 1, 0), angleRadians: 0.5))
        var worst = 0.0
        f.update(gyro: .zero, accel: m.accel(), dt: 0)
        for i in 0..<6000 {
            let w = SyntheticMotion.rate(at: m.time, amplitudeDegPerSecond: 90)
            m.step(rate: w, dt: dt)
            f.update(gyro: w, accel: m.accel(), dt: dt)
            if i > 100 { worst = max(worst, angleDeg(f.up, m.up)) }
        }
        #expect(worst < 0.2)
    }

    @Test("learns a constant gyroscope bias at rest and reports it converged")
    func learnsBiasAtRest() {
        var f = TiltFilter()
        let bias = Vector3(1.5, -2.0, 0.7)
        let accel = Vector3(0.1, 0.2, 0.97)
        var rng = SplitMix(seed: 7)
        f.update(gyro: bias, accel: accel, dt: 0)
        #expect(!f.flags.contains(.biasConverged))
        for _ in 0..<3000 {
            let noise = Vector3(rng.gaussian(), rng.gaussian(), rng.gaussian()) * 0.1
            f.update(gyro: bias + noise, accel: accel + noise * 0.002, dt: dt)
        }
        #expect(f.flags.contains(.atRest))
        #expect(f.flags.contains(.biasConverged))
        #expect((f.gyroBiasDegPerSecond - bias).length < 0.05)
        #expect(angleDeg(f.up, accel) < 0.2)
    }

    @Test("does not learn a slow, smooth slump as gyroscope bias", arguments: [4.0, 6, 12])
    func slowTurnIsNotBias(transitionSeconds: Double) {
        var f = TiltFilter()
        var m = SyntheticMotion()
        let bias = Vector3(2, 0, -1)
        f.update(gyro: bias, accel: m.accel(), dt: 0)
        // Still for 20 s (the bias is learnt), then a 22° turn about x with an eased rate profile
        // (peak 1.5 × the mean rate), then still again: a wearer sinking into a slump.
        var worstAfter = 0.0
        for i in 1...6000 {
            let t = Double(i) * dt
            let x = (t - 20) / transitionSeconds
            let rate = (0...1).contains(x) ? 22 / transitionSeconds * 6 * x * (1 - x) : 0
            let w = Vector3(rate, 0, 0)
            m.step(rate: w, dt: dt)
            f.update(gyro: w + bias, accel: m.accel(), dt: dt)
            if t > 20 + transitionSeconds + 1 { worstAfter = max(worstAfter, angleDeg(f.up, m.up)) }
        }
        #expect(worstAfter < 0.5)
        #expect((f.gyroBiasDegPerSecond - bias).length < 0.1)
    }

    @Test("learns a gyroscope bias while moving, without a rest phase")
    func learnsBiasInMotion() {
        var f = TiltFilter()
        var m = SyntheticMotion()
        let bias = Vector3(0.8, -0.6, 0.5)
        f.update(gyro: bias, accel: m.accel(), dt: 0)
        var late = 0.0
        for i in 0..<120_000 {  // 20 min at 100 Hz
            let w = SyntheticMotion.rate(at: m.time, amplitudeDegPerSecond: 40)
            m.step(rate: w, dt: dt)
            f.update(gyro: w + bias, accel: m.accel(), dt: dt)
            if i > 110_000 { late = max(late, angleDeg(f.up, m.up)) }
        }
        #expect((f.gyroBiasDegPerSecond - bias).length < 0.1)
        #expect(late < 0.3)
    }

    @Test("does not diverge under two minutes of back-and-forth translation once settled")
    func sustainedTranslation() {
        var f = TiltFilter()
        var m = SyntheticMotion(start: Quaternion(axis: .unitY, angleRadians: 0.3))
        f.update(gyro: .zero, accel: m.accel(), dt: 0)
        var worst = 0.0
        for i in 0..<12_000 {  // 2 min of back-and-forth at 0.5 g, 1 Hz, while turning slowly
            let w = SyntheticMotion.rate(at: m.time, amplitudeDegPerSecond: 20)
            m.step(rate: w, dt: dt)
            let a = 0.5 * TiltMath.sin(2 * TiltMath.pi * m.time)
            f.update(gyro: w, accel: m.accel(linearEarth: Vector3(a, 0.6 * a, 0)), dt: dt)
            if i > 2000 { worst = max(worst, angleDeg(f.up, m.up)) }
        }
        // 0.5 g of translation would tilt an accelerometer-only estimate by up to 27°.
        #expect(worst < 1)
    }

    @Test("refuses NaN, infinity and non-positive time steps without changing the estimate")
    func rejectsBadSamples() {
        var f = TiltFilter()
        let accel = Vector3(0, 0.6, 0.8)
        f.update(gyro: .zero, accel: accel, dt: 0)
        for _ in 0..<100 { f.update(gyro: .zero, accel: accel, dt: dt) }
        let before = f.up
        f.update(gyro: Vector3(.nan, 0, 0), accel: accel, dt: dt)
        f.update(gyro: .zero, accel: Vector3(0, .infinity, 0), dt: dt)
        f.update(gyro: .zero, accel: accel, dt: 0)
        f.update(gyro: .zero, accel: accel, dt: -0.01)
        f.update(gyro: .zero, accel: accel, dt: .nan)
        #expect(f.rejectedSampleCount == 5)
        #expect(f.up == before)
        #expect(f.up.isFinite)
    }

    @Test("ignores impacts, then recovers if they last, when rejection is enabled")
    func rejectionFlags() {
        var s = TiltFilter.Settings.default
        s.accelRejectionG = 0.5
        s.recoverySeconds = 0.5
        var f = TiltFilter(settings: s)
        let accel = Vector3(0, 0, 1)
        f.update(gyro: .zero, accel: accel, dt: 0)
        for _ in 0..<200 { f.update(gyro: .zero, accel: accel, dt: dt) }
        f.update(gyro: .zero, accel: Vector3(2, 0, 1), dt: dt)
        #expect(f.flags.contains(.accelerometerIgnored))
        #expect(angleDeg(f.up, accel) < 1e-6)
        for _ in 0..<60 { f.update(gyro: .zero, accel: Vector3(2, 0, 1), dt: dt) }
        #expect(f.flags.contains(.recovering))
        #expect(!f.flags.contains(.accelerometerIgnored))
        f.update(gyro: .zero, accel: accel, dt: dt)
        #expect(!f.flags.contains(.recovering))
    }

    @Test("gives the same bits for the same input")
    func deterministic() {
        func run() -> Vector3 {
            var f = TiltFilter()
            var m = SyntheticMotion()
            f.update(gyro: .zero, accel: m.accel(), dt: 0)
            for _ in 0..<2000 {
                let w = SyntheticMotion.rate(at: m.time, amplitudeDegPerSecond: 60)
                m.step(rate: w, dt: dt)
                f.update(gyro: w, accel: m.accel(linearEarth: Vector3(0.1, 0, 0)), dt: dt)
            }
            return f.up
        }
        #expect(run() == run())
    }

    /// Root-mean-square error (degrees) of filters with the given latency settings on a sensor
    /// whose samples lag the motion by `lagSamples`: gyroscope and accelerometer read the
    /// instantaneous motion (integrated in 10 sub-steps per sample), delivered `lagSamples` late,
    /// and the estimate is compared with the motion at the time it is delivered.
    static func rmsWithLaggedSensor(lagSamples: Int, latencySettings: [Double], dt: Double) -> [Double] {
        var filters = latencySettings.map { TiltFilter(settings: TiltFilter.Settings(sensorLatencySeconds: $0)) }
        var m = SyntheticMotion(start: Quaternion(axis: Vector3(1, -1, 0), angleRadians: 0.4))
        var delayed: [(Vector3, Vector3)] = []
        var squared = [Double](repeating: 0, count: filters.count)
        var counted = 0
        for i in 0..<12_000 {
            if i > 0 {
                for _ in 0..<10 {
                    m.step(rate: SyntheticMotion.rate(at: m.time + dt / 20, amplitudeDegPerSecond: 200), dt: dt / 10)
                }
            }
            delayed.append((SyntheticMotion.rate(at: m.time, amplitudeDegPerSecond: 200), m.accel()))
            guard delayed.count > lagSamples else { continue }
            let (gyro, accel) = delayed.removeFirst()
            for k in filters.indices {
                filters[k].update(gyro: gyro, accel: accel, dt: counted == 0 && i == lagSamples ? 0 : dt)
            }
            if i > 2000 {
                for k in filters.indices { squared[k] += angleDeg(filters[k].up, m.up) * angleDeg(filters[k].up, m.up) }
                counted += 1
            }
        }
        return squared.map { ($0 / Double(counted)).squareRoot() }
    }

    @Test("predicts a lagging sensor's estimate forward by its latency")
    func compensatesSensorLatency() {
        // 200 Hz samples arriving 3 samples (15 ms) late, turning at up to 200°/s.
        let dt = 0.005
        let rms = Self.rmsWithLaggedSensor(lagSamples: 3, latencySettings: [0, 0.015, 0.0075], dt: dt)
        let ownError = Self.rmsWithLaggedSensor(lagSamples: 0, latencySettings: [0], dt: dt)[0]
        // Uncompensated, the estimate trails the motion by the lag: degrees at these rates.
        #expect(rms[0] > 1)
        #expect(rms[0] > 4 * ownError)
        // With the right latency the lag is gone, down to the filter's error on a sensor without lag.
        #expect(abs(rms[1] - ownError) < 0.05)
        // Half the latency leaves about half the error.
        #expect(rms[2] > rms[0] * 0.35 && rms[2] < rms[0] * 0.65)
    }

    @Test("a slow log with fast turns (5 Hz, up to 600°/s) stays finite and unit and follows the turns")
    func slowLogFastTurns() {
        var f = TiltFilter()
        var m = SyntheticMotion(start: Quaternion(axis: Vector3(0, 1, 1), angleRadians: 0.3))
        let dt = 0.2
        f.update(gyro: .zero, accel: m.accel(), dt: 0)
        var worst = 0.0
        for i in 0..<3000 {
            let w = SyntheticMotion.rate(at: m.time, amplitudeDegPerSecond: 600)
            m.step(rate: w, dt: dt)  // the rate is held over the step: the exact rotation is known
            f.update(gyro: w, accel: m.accel(), dt: dt)
            #expect(f.up.x.isFinite && abs(f.up.length - 1) < 1e-9)
            if i > 100 { worst = max(worst, angleDeg(f.up, m.up)) }
        }
        #expect(worst < 0.5)
    }

    @Test("latency prediction changes nothing without rotation")
    func latencyAtRest() {
        var plain = TiltFilter()
        var predicted = TiltFilter(settings: TiltFilter.Settings(sensorLatencySeconds: 0.005))
        let accel = Vector3(0.2, -0.3, 0.93)
        plain.update(gyro: .zero, accel: accel, dt: 0)
        predicted.update(gyro: .zero, accel: accel, dt: 0)
        for _ in 0..<500 {
            plain.update(gyro: .zero, accel: accel, dt: dt)
            predicted.update(gyro: .zero, accel: accel, dt: dt)
        }
        #expect(angleDeg(plain.up, predicted.up) < 1e-9)
        #expect(abs(predicted.up.length - 1) < 1e-12)
    }
}

@Suite("Accelerometer-only tilt")
struct AccelerometerTiltTests {
    let dt = 0.01

    @Test("converges to a still tilt")
    func still() {
        var f = AccelerometerTilt()
        let target = Vector3(0.3, -0.4, 0.866)
        f.update(accel: .unitZ, dt: 0)
        for _ in 0..<300 { f.update(accel: target, dt: dt) }
        #expect(angleDeg(f.up, target) < 0.01)
        #expect(f.flags.isEmpty)
    }

    @Test("holds through a tap instead of swinging")
    func tap() {
        var f = AccelerometerTilt()
        let rest = Vector3(0, 0, 1)
        f.update(accel: rest, dt: 0)
        for _ in 0..<200 { f.update(accel: rest, dt: dt) }
        var worst = 0.0
        for i in 0..<5 {
            f.update(accel: Vector3(1.5, 0, 1 - 0.2 * Double(i)), dt: dt)
            worst = max(worst, angleDeg(f.up, rest))
            #expect(f.flags.contains(.accelerometerIgnored))
        }
        #expect(worst < 0.01)
    }

    @Test("stays within 5° while walking with a slight forward lean")
    func walking() {
        var f = AccelerometerTilt()
        let lean = Quaternion(axis: .unitY, angleRadians: 10 * TiltMath.radiansPerDegree)
        let up = lean.inverseRotate(.unitZ)
        f.update(accel: up, dt: 0)
        var worst = 0.0
        var t = 0.0
        for i in 0..<3000 {
            t += dt
            // Steps at 2 Hz: vertical bounce of ±0.3 g and a fore-aft sway of ±0.1 g (earth frame).
            let v = 0.3 * TiltMath.sin(2 * TiltMath.pi * 2 * t)
            let h = 0.1 * TiltMath.sin(2 * TiltMath.pi * 1 * t)
            f.update(accel: lean.inverseRotate(Vector3(h, 0, 1 + v)), dt: dt)
            if i > 300 { worst = max(worst, angleDeg(f.up, up)) }
        }
        #expect(worst < 5)
    }

    @Test("refuses non-finite samples")
    func rejects() {
        var f = AccelerometerTilt()
        f.update(accel: .unitZ, dt: 0)
        f.update(accel: Vector3(.nan, 0, 1), dt: dt)
        f.update(accel: .unitZ, dt: .infinity)
        #expect(f.rejectedSampleCount == 2)
        #expect(f.up == .unitZ)
    }
}
