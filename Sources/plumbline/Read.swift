import ArgumentParser
import Foundation
import I2C
import IMU

struct Read: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read samples from one sensor and print them as CSV.",
        discussion: """
        Identifies the chip by its ID register, configures it, and prints one row per sample: \
        acceleration in g and angular rate in °/s, in the sensor's own axes. Each sample is one \
        burst read, so its axes belong together. A first line on stderr names the chip and ranges.
        """
    )

    @OptionGroup var busOptions: BusOptions

    @Option(help: ArgumentHelp("Sensor address, e.g. 0x68.", valueName: "ADDR"))
    var address: ByteValue

    @Option(help: "Number of samples to print.")
    var count = 5

    @Option(help: ArgumentHelp("Accelerometer full scale in g: 2, 4, 8 or 16.", valueName: "G"))
    var accelRange = 2

    @Option(help: ArgumentHelp("Gyroscope full scale in °/s: 250, 500, 1000 or 2000.", valueName: "DPS"))
    var gyroRange = 250

    @Option(help: ArgumentHelp("Output data rate in Hz (the chip's nearest).", valueName: "HZ"))
    var rate = 100.0

    @Flag(help: "Read through the chip's FIFO, draining it four times a second.")
    var fifo = false

    @Flag(help: "Read the emulated rig instead of real hardware.")
    var simulate = false

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count takes 1 or more samples (got \(count)).") }
        guard AccelRange(rawValue: accelRange) != nil else {
            throw ValidationError("--accel-range takes 2, 4, 8 or 16 g (got \(accelRange)).")
        }
        guard GyroRange(rawValue: gyroRange) != nil else {
            throw ValidationError("--gyro-range takes 250, 500, 1000 or 2000 °/s (got \(gyroRange)).")
        }
        guard rate > 0 && rate <= 8000 else { throw ValidationError("--rate takes a rate above 0 and up to 8000 Hz (got \(rate)).") }
    }

    func run() throws {
        let bus: any I2CBus
        do {
            bus = simulate ? simulatedBus() : try LinuxI2CBus(path: busOptions.path)
        } catch {
            throw fail(error)
        }
        let configuration = IMUConfiguration(accelRange: AccelRange(rawValue: accelRange)!,
                                             gyroRange: GyroRange(rawValue: gyroRange)!,
                                             outputRateHz: rate, useFIFO: fifo)
        do {
            let driver = try IMUDrivers.open(bus: bus, address: address.value)
            try driver.configure(configuration)
            // The first sample lands a period after configuration, and gyroscopes
            // take some tens of milliseconds to start.
            systemDelay(0.07 + 1 / driver.outputRateHz)
            Terminal.error(driver.summary)
            print("accel_x_g,accel_y_g,accel_z_g,gyro_x_dps,gyro_y_dps,gyro_z_dps")
            var samples: [IMUSample] = []
            var printed = 0
            var emptyDrains = 0
            while printed < count {
                if fifo {
                    systemDelay(0.25)
                    samples.removeAll(keepingCapacity: true)
                    let drain = try driver.drainFIFO(into: &samples)
                    if drain.overflowed { Terminal.error("plumbline: FIFO overflowed; samples were lost") }
                    emptyDrains = samples.isEmpty ? emptyDrains + 1 : 0
                    if emptyDrains >= 8 {
                        throw fail(kind: "no-data", "the FIFO of \(driver.chip.displayName) at \(hex(address.value)) stayed empty for 2 s; the chip is not sampling. Try without --fifo, or power-cycle the sensor.")
                    }
                } else {
                    samples = [try driver.read()]
                    if printed + 1 < count { systemDelay(1 / driver.outputRateHz) }
                }
                for sample in samples.prefix(count - printed) {
                    print(csvRow(sample))
                    printed += 1
                }
            }
        } catch let error as IMUError {
            throw fail(error)
        }
    }
}

func csvRow(_ sample: IMUSample) -> String {
    let a = sample.accelerationG
    let cells = [a.x, a.y, a.z].map { String(format: "%.6f", $0) }
        + (sample.angularRateDegPerSecond.map { [$0.x, $0.y, $0.z].map { String(format: "%.6f", $0) } } ?? ["", "", ""])
    return cells.joined(separator: ",")
}
