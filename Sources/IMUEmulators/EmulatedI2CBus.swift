import I2C
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A bus of emulated chips, with faults injected per address.
///
/// It behaves like an adapter that speaks plain I2C: every read is one
/// combined transaction of any length.
public final class EmulatedI2CBus: I2CBus {
    public let path: String
    private var devices: [UInt8: any I2CDeviceModel] = [:]
    private var unplugged: Set<UInt8> = []
    private var scheduled: [UInt8: [ScheduledFault]] = [:]
    private var random: SplitMix64
    private var faultRate = 0.0
    private var randomFault = BusFault.ioError
    /// Transactions that reached a device or failed, for tests that count them.
    public private(set) var transactionCount = 0
    /// Transactions per address, answered or not.
    public private(set) var transactionsByAddress: [UInt8: Int] = [:]
    public private(set) var injectedFaultCount = 0
    /// When set, chip time follows this clock (seconds): before each
    /// transaction every attached chip emulator advances by the time elapsed.
    public var clock: (() -> Double)?
    private var lastClockSeconds: Double?

    public init(path: String = "emulated-i2c", seed: UInt64 = 1) {
        self.path = path
        random = SplitMix64(seed: seed)
    }

    public func attach(_ device: any I2CDeviceModel, at address: UInt8) {
        devices[address] = device
        unplugged.remove(address)
    }

    /// The device stops answering (NACK), as when its cable comes loose.
    public func unplug(_ address: UInt8) { unplugged.insert(address) }
    /// The device answers again, with the state it had.
    public func replug(_ address: UInt8) { unplugged.remove(address) }

    /// Makes the next `count` transactions to `address` fail with `fault`.
    public func inject(_ fault: BusFault, at address: UInt8, count: Int = 1) {
        scheduled[address, default: []].append(ScheduledFault(fault: fault, remaining: count))
    }

    /// Makes every transaction fail with probability `rate` (seeded, so runs repeat).
    public func setRandomFaults(rate: Double, fault: BusFault = .ioError) {
        precondition(rate >= 0 && rate <= 1, "a probability")
        faultRate = rate
        randomFault = fault
    }

    public func clearFaults() {
        scheduled = [:]
        faultRate = 0
    }

    // MARK: I2CBus

    public func write(_ bytes: [UInt8], to address: UInt8) throws(I2CError) {
        let device = try reach(address, operation: .write, register: bytes.first)
        device.receive(bytes)
    }

    public func writeThenRead(_ bytes: [UInt8], readCount count: Int, at address: UInt8) throws(I2CError) -> [UInt8] {
        guard count > 0 else {
            throw I2CError(.invalidRequest, operation: .writeThenRead, bus: path, address: address, detail: "read of \(count) bytes")
        }
        let device = try reach(address, operation: .writeThenRead, register: bytes.first)
        device.receive(bytes)
        return device.transmit(count: count)
    }

    public func probe(_ address: UInt8) throws(I2CError) -> ProbeResult {
        do {
            _ = try reach(address, operation: .probe, register: nil)
            return .present
        } catch where error.kind == .noDevice {
            return .absent
        }
    }

    /// Lets chip time catch up with `clock`.
    private func tick() {
        guard let clock else { return }
        let now = clock()
        if let last = lastClockSeconds, now > last {
            for device in devices.values {
                (device as? IMUChipEmulator)?.advance(by: now - last)
            }
        }
        lastClockSeconds = now
    }

    private func reach(_ address: UInt8, operation: I2CError.Operation, register: UInt8?) throws(I2CError) -> any I2CDeviceModel {
        tick()
        transactionCount += 1
        transactionsByAddress[address, default: 0] += 1
        guard let device = devices[address], !unplugged.contains(address) else {
            throw I2CError(errno: .noSuchAddressOrDevice, operation: operation, bus: path, address: address, register: register)
        }
        if var queue = scheduled[address], !queue.isEmpty {
            let fault = queue[0].fault
            queue[0].remaining -= 1
            if queue[0].remaining <= 0 { queue.removeFirst() }
            scheduled[address] = queue
            injectedFaultCount += 1
            throw fault.error(operation: operation, bus: path, address: address, register: register)
        }
        if faultRate > 0 && random.nextUnit() < faultRate {
            injectedFaultCount += 1
            throw randomFault.error(operation: operation, bus: path, address: address, register: register)
        }
        return device
    }
}

/// A failure on the wire.
public enum BusFault: Sendable, Equatable {
    /// The address is not acknowledged (ENXIO).
    case nack
    /// The adapter reports an I/O error (EIO): noise, a lost arbitration.
    case ioError
    /// The transfer times out (ETIMEDOUT): a held line.
    case timeout
    /// The kernel call is interrupted (EINTR); a real bus retries these.
    case interrupted

    var errno: Errno {
        switch self {
        case .nack: .noSuchAddressOrDevice
        case .ioError: .ioError
        case .timeout: .timedOut
        case .interrupted: .interrupted
        }
    }

    func error(operation: I2CError.Operation, bus: String, address: UInt8, register: UInt8?) -> I2CError {
        I2CError(errno: errno, operation: operation, bus: bus, address: address, register: register, detail: "injected fault")
    }
}

struct ScheduledFault {
    var fault: BusFault
    var remaining: Int
}

/// A small seeded generator, so injected faults and sensor noise repeat run to run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
    /// Standard normal (Box–Muller).
    public mutating func nextGaussian() -> Double {
        let u1 = max(nextUnit(), 1e-300)
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
