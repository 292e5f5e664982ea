import ArgumentParser
import I2C

struct Bus: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look at an I2C adapter: what it can do, and raw register reads.",
        subcommands: [Info.self, ReadRegisters.self]
    )

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info",
            abstract: "Print the adapter's functionality and the transfers Plumbline will use."
        )

        @OptionGroup var busOptions: BusOptions

        func run() throws {
            let bus: LinuxI2CBus
            do { bus = try LinuxI2CBus(path: busOptions.path) } catch { throw fail(error) }
            let f = bus.functionality
            func yesNo(_ flag: I2CFunctionality) -> String { f.contains(flag) ? "yes" : "no" }
            print("bus: \(bus.path)")
            print("functionality: \(f)")
            print("plain I2C (I2C_RDWR): \(yesNo(.plainI2C))")
            print("SMBus quick: \(yesNo(.smbusQuick))")
            print("SMBus byte data read/write: \(yesNo(.smbusReadByteData))/\(yesNo(.smbusWriteByteData))")
            print("SMBus I2C block read: \(yesNo(.smbusReadI2CBlock))")
            print("SMBus I2C block write: \(yesNo(.smbusWriteI2CBlock))")
            print("reads of up to 32 bytes: \(f.strategy(forRead: 32).rawValue)")
            print("reads longer than 32 bytes: \(f.strategy(forRead: 33).rawValue)")
        }
    }

    struct ReadRegisters: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "read",
            abstract: "Read consecutive registers of one device and print them as hex bytes.",
            discussion: "Uses the transfer `plumbline bus info` names; --force-rdwr insists on one I2C_RDWR transfer."
        )

        @OptionGroup var busOptions: BusOptions

        @Option(help: ArgumentHelp("Device address, e.g. 0x68.", valueName: "ADDR"))
        var address: ByteValue

        @Option(help: ArgumentHelp("First register, e.g. 0x3b.", valueName: "REG"))
        var register: ByteValue

        @Option(help: "Number of bytes to read (1–4096).")
        var count = 1

        @Flag(help: "Use one I2C_RDWR combined transfer whatever the adapter reports.")
        var forceRdwr = false

        @Flag(help: "Print each kernel transaction on stderr.")
        var trace = false

        func validate() throws {
            guard (1...4096).contains(count) else { throw ValidationError("--count takes 1 to 4096 bytes (got \(count)).") }
        }

        func run() throws {
            do {
                let bus = try LinuxI2CBus(path: busOptions.path)
                if trace { bus.trace = { Terminal.error($0) } }
                let bytes = forceRdwr
                    ? try bus.combinedTransfer(writing: [register.value], readCount: count, at: address.value)
                    : try bus.readRegisters(register.value, count: count, at: address.value, mode: .incrementing)
                print(bytes.map(hex).joined(separator: " "))
            } catch {
                throw fail(error)
            }
        }
    }
}
