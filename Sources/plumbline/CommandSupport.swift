import ArgumentParser
import Foundation
import I2C
import IMU
import IMUEmulators
import Monitor

/// Options naming one I2C bus.
struct BusOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("I2C bus number: /dev/i2c-N.", valueName: "N"))
    var bus: Int?

    @Option(name: .long, help: ArgumentHelp("I2C bus device path, e.g. /dev/i2c-1.", valueName: "PATH"))
    var device: String?

    func validate() throws {
        if bus != nil && device != nil {
            throw ValidationError("Give either --bus or --device, not both.")
        }
        if let bus, bus < 0 {
            throw ValidationError("--bus takes a bus number of 0 or more (got \(bus)); `ls /dev/i2c-*` lists them.")
        }
    }

    /// The chosen path, or nil when the user named none.
    var explicitPath: String? { device ?? bus.map { "/dev/i2c-\($0)" } }

    /// The named bus, else the Raspberry Pi's header bus /dev/i2c-1.
    var path: String { explicitPath ?? "/dev/i2c-1" }
}

/// An I2C address or register, written 0x68 or 104.
struct ByteValue: ExpressibleByArgument, Sendable {
    let value: UInt8
    init?(argument: String) {
        let text = argument.lowercased()
        let parsed = text.hasPrefix("0x") ? UInt8(text.dropFirst(2), radix: 16) : UInt8(text)
        guard let parsed else { return nil }
        value = parsed
    }
    static var defaultCompletionKind: CompletionKind { .default }
}

/// Every /dev/i2c-N on this machine, by number.
func listI2CBuses() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []
    return names.compactMap { name -> (Int, String)? in
        guard name.hasPrefix("i2c-"), let n = Int(name.dropFirst(4)) else { return nil }
        return (n, "/dev/" + name)
    }.sorted { $0.0 < $1.0 }.map(\.1)
}

enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Exit codes shared by the commands.
enum Exit {
    /// The command ran and found nothing (detect: no supported chip).
    static let nothingFound = ExitCode(1)
    /// The bus or a device failed; the message says what to do.
    static let failure = ExitCode(2)
}

/// Prints a typed error as `plumbline: <kind>: <message>` and exits with `Exit.failure`.
func fail(kind: String, _ message: String) -> ExitCode {
    Terminal.error("plumbline: \(kind): \(message)")
    return Exit.failure
}

func fail(_ error: I2CError) -> ExitCode {
    fail(kind: error.kind.rawValue, "\(error.summary). \(error.advice)")
}

func fail(_ error: SensorSetupError) -> ExitCode {
    switch error {
    case .bus(let bus): fail(bus)
    case .chip(let chip): fail(chip)
    }
}

func fail(_ error: IMUError) -> ExitCode {
    if case .bus(let bus) = error { return fail(bus) }
    let text = error.description
    let message = text.hasPrefix(error.kind + ": ") ? String(text.dropFirst(error.kind.count + 2)) : text
    return fail(kind: error.kind, message)
}

/// The emulated rig `--simulate` uses: two MPU-6050s (trunk 0x68, head 0x69)
/// worn by a person sitting upright and still, with datasheet noise, on the
/// monotonic clock.
func simulatedBus() -> EmulatedI2CBus {
    let bus = EmulatedI2CBus(path: "simulated-i2c")
    // Upright sitting: the trunk sensor's +Y points up along the spine, tilted
    // 8° forward; the head sensor's +Y up, 12° forward.
    for (address, forwardDeg, seed) in [(UInt8(0x68), 8.0, UInt64(1)), (0x69, 12.0, 2)] {
        let chip = MPU6050Emulator(model: .mpu6050)
        let a = forwardDeg * .pi / 180
        chip.motion = SensedMotion(accelerationG: SIMD3(0, cos(a), sin(a)))
        chip.noise = .mpu6050
        chip.seedNoise(seed)
        bus.attach(chip, at: address)
    }
    bus.clock = { ProcessInfo.processInfo.systemUptime }
    return bus
}
