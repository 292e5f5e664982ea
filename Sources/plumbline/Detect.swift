import ArgumentParser
import I2C
import IMU

struct Detect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan an I2C bus and identify the sensors on it.",
        discussion: """
        Probes 0x08–0x77 the way i2cdetect does, then reads each answering device's ID register. \
        Prints address, chip and the role it suits (trunk, head, haptic). Without --bus or --device it \
        scans every /dev/i2c-N. Exit status: 0 when a supported chip answered, 1 when none did, 2 when \
        the bus could not be used (the message says how to fix it).
        """
    )

    @OptionGroup var busOptions: BusOptions

    @Flag(help: "Scan the emulated rig (two MPU-6050s) instead of real hardware.")
    var simulate = false

    func run() throws {
        var buses: [any I2CBus] = []
        if simulate {
            buses = [simulatedBus()]
        } else {
            let paths = busOptions.explicitPath.map { [$0] } ?? listI2CBuses()
            if paths.isEmpty {
                throw fail(I2CError(.busMissing, operation: .open, bus: "/dev/i2c-*",
                                    detail: "this machine has no I2C bus device"))
            }
            do {
                for path in paths { buses.append(try LinuxI2CBus(path: path)) }
            } catch {
                throw fail(error)
            }
        }
        var found = 0
        for bus in buses {
            let rows: [DetectedDevice]
            do {
                rows = try scan(bus)
            } catch {
                throw fail(error)
            }
            print("\(bus.path):")
            print(DetectedDevice.header)
            if rows.isEmpty { print("(nothing answered)") }
            for row in rows { print(row.line) }
            found += rows.filter { $0.chip != nil }.count
        }
        if found == 0 {
            Terminal.error("plumbline: no-device: no supported chip answered. Check the wiring in hardware/README.md; `plumbline detect --simulate` shows what a working rig looks like.")
            throw Exit.nothingFound
        }
    }
}

struct DetectedDevice: Equatable {
    var address: UInt8
    var chip: ChipModel?
    /// What answered when it is none of ours.
    var note: String

    static let header = "ADDR  CHIP          ROLE"

    var line: String {
        let name = chip?.displayName ?? note
        let role = chip.map { ChipModel.suggestedRole(for: $0, at: address) } ?? "-"
        return hex(address) + "  " + name.padding(toLength: 12, withPad: " ", startingAt: 0) + "  " + role
    }
}

/// Probes every ordinary 7-bit address and identifies what answers.
func scan(_ bus: any I2CBus) throws(I2CError) -> [DetectedDevice] {
    var rows: [DetectedDevice] = []
    for address in UInt8(0x08)...UInt8(0x77) {
        switch try bus.probe(address) {
        case .absent:
            continue
        case .ownedByKernelDriver:
            rows.append(DetectedDevice(address: address, chip: nil, note: "kernel-driver"))
        case .present:
            do {
                rows.append(DetectedDevice(address: address, chip: try ChipModel.identify(on: bus, at: address), note: ""))
            } catch {
                // Something answered: say whether it was a foreign ID or a failing read.
                let note = error.kind == "unknown-chip" ? "unknown" : "error:" + error.kind
                rows.append(DetectedDevice(address: address, chip: nil, note: note))
            }
        }
    }
    return rows
}
