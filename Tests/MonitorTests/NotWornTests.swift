import Coach
import IMU
import IMUEmulators
@testable import Monitor
import Posture
import Foundation
import Testing

/// Sessions through the whole live path (emulated chips with their noise and offsets, drivers,
/// FIFO source, filters, coach) where the sensor is taken off and put down, or worn very still.
@Suite("Not worn: a sensor on a desk or a charger")
struct NotWornTests {
    private static let upright = SimulatedWearer.Segment(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 1), for: 30, label: "upright")
    private static let putOn = SimulatedWearer.Segment(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 2), for: 60, label: "upright")
    private static let alertKinds: Set<CoachEvent.Kind> = [.slumpAlert, .repeatAlert, .breakReminder]
    /// ADXL345 at 100 Hz: about 1 LSB (3.9 mg) of noise on each axis, no gyroscope.
    private static let adxlNoise = SensorNoise(accelG: 0.004, gyroDegPerSecond: 0)

    @Test("ten minutes on a desk, tilted as a slump would be: no alert, ten minutes not worn, and coaching resumes when it is put on again")
    func deskTenMinutes() throws {
        let run = try ScenarioRun([Self.upright, .init(.offBody(tiltDeg: 35, sideDeg: 0), for: 600, label: "not-worn"), Self.putOn],
                                  head: false)
        #expect(run.alerts(Self.alertKinds).isEmpty, "\(run.alerts(Self.alertKinds).map(\.timeSeconds))")
        let tallies = run.session.coach.tallies
        // Off from 30 s; the first two seconds are handling (moving), then a few seconds before
        // the signs of life fade; all the rest is not worn.
        #expect(tallies.notWornSeconds >= 600 - 8 && tallies.notWornSeconds <= 600, "\(tallies.notWornSeconds) s not worn")
        #expect(tallies.slumpedSeconds < 5, "\(tallies.slumpedSeconds) s slumped")
        let firstNotWorn = try #require(run.frames.first { $0.activity == .notWorn }?.timeSeconds)
        let motionlessFrom = try #require(run.frames.first { $0.motionless }?.timeSeconds)
        #expect(firstNotWorn > 30 + 60 && firstNotWorn < 30 + 60 + 8, "judged not worn at \(firstNotWorn) s")
        print(String(format: "desk: put down at 30 s, motionless from %.2f s, not worn from %.2f s; %.2f of 600 s counted not worn, %.2f s slumped",
                     motionlessFrom, firstNotWorn, tallies.notWornSeconds, tallies.slumpedSeconds))
        #expect(!run.session.needsRecalibration)
        #expect(run.session.coach.state == .upright)
        #expect(run.frames.last?.activity != .notWorn)
        // Put on at 630 s: the last minute is worn again (upright, after the move settles).
        #expect(tallies.uprightSeconds > 30 + 50, "\(tallies.uprightSeconds) s upright")
    }

    @Test("any angle on the desk, either chip: judged not worn within its minute plus a few seconds, no alert",
          arguments: [(35.0, 0.0, ChipModel.mpu6050), (90, 0, .mpu6050), (175, 0, .mpu6050), (10, 90, .mpu6050),
                      (35, 0, .adxl345), (90, 30, .adxl345)])
    func anyAngle(tiltDeg: Double, sideDeg: Double, chip: ChipModel) throws {
        let noise = chip == .adxl345 ? Self.adxlNoise : .mpu6050
        let run = try ScenarioRun([Self.upright, .init(.offBody(tiltDeg: tiltDeg, sideDeg: sideDeg), for: 150, label: "not-worn")],
                                  head: false, chip: chip, noise: noise, seed: 7)
        #expect(run.alerts(Self.alertKinds).isEmpty)
        let firstNotWorn = try #require(run.frames.first { $0.activity == .notWorn }?.timeSeconds)
        #expect(firstNotWorn < 30 + 60 + 15, "judged not worn at \(firstNotWorn) s")
        #expect(run.session.coach.tallies.notWornSeconds >= 150 - 15)
    }

    /// `swayDeg` 0.1 is a quarter of the simulator's default: breathing of 0.075° at the upper back.
    @Test("a wearer sitting very still, upright or slumped, is never taken for not worn, and the slump is alerted on time",
          arguments: [(0.4, ChipModel.mpu6050, UInt64(1)), (0.1, .mpu6050, 2), (0.4, .adxl345, 3), (0.1, .adxl345, 4)])
    func stillWearer(swayDeg: Double, chip: ChipModel, seed: UInt64) throws {
        let noise = chip == .adxl345 ? Self.adxlNoise : .mpu6050
        let run = try ScenarioRun([Self.upright, .init(.sit(trunkDeg: 0, headDeg: 0, transitionSeconds: 1), for: 150, label: "upright"),
                                   .init(.sit(trunkDeg: 21, headDeg: 2, transitionSeconds: 8), for: 100, label: "slump")],
                                  head: false, chip: chip, noise: noise, swayDeg: swayDeg, seed: seed)
        #expect(!run.frames.contains { $0.activity == .notWorn })
        let motionless = Double(run.frames.filter(\.motionless).count) * run.periodSeconds
        #expect(motionless < 5, "\(motionless) s without signs of life")
        #expect(run.session.coach.tallies.notWornSeconds == 0)
        // The slump crosses 15° about 5 s into its 8-s move at 180 s; the alert follows 15 s later.
        let alert = try #require(run.alerts([.slumpAlert]).first)
        #expect(alert.timeSeconds > 180 + 15 && alert.timeSeconds < 180 + 8 + 15 + 3, "alert at \(alert.timeSeconds) s")
    }

    @Test("put back on upside down after a while on the desk: recalibration is flagged, no false slump")
    func putBackUpsideDown() throws {
        let run = try ScenarioRun([Self.upright, .init(.offBody(tiltDeg: 90, sideDeg: 0), for: 100, label: "not-worn"),
                                   .init(.sit(trunkDeg: 170, headDeg: 0, transitionSeconds: 2), for: 30, label: "upright")],
                                  head: false)
        #expect(run.frames.contains { $0.activity == .notWorn })
        #expect(run.session.needsRecalibration)
        #expect(run.session.coach.state == .uncalibrated)
        #expect(run.alerts(Self.alertKinds).isEmpty)
    }
}
