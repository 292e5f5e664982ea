import I2C
#if canImport(Glibc)
import Glibc
#endif

/// One accelerometer (+ gyroscope) chip on a bus.
///
/// Contract for implementations:
/// - `configure` leaves the chip measuring at the asked ranges and rate, with
///   the FIFO running when asked and the chip has one.
/// - `readRaw` reads every axis in ONE bus transaction, so the bytes come from
///   one sample; byte order and sign extension are the driver's job.
/// - `drainFIFO` appends every buffered sample, oldest first, scaled. Without a
///   FIFO (or with it off) it appends the current sample.
/// - All failures are `IMUError`s; nothing traps.
public protocol IMUDriver: AnyObject {
    var chip: ChipModel { get }
    var device: RegisterDevice { get }
    var configuration: IMUConfiguration { get }
    /// Output data rate actually set, in Hz.
    var outputRateHz: Double { get }
    var scales: ScaleTable { get }
    var health: DataHealth { get set }
    /// The largest magnitude a raw count reaches in the configured ranges: an
    /// axis there is clipped. 16-bit chips use the default, `Int16.max`;
    /// chips with fewer bits (ADXL345 full resolution, LIS3DH) say theirs.
    var fullScaleCounts: Int16 { get }

    func configure(_ configuration: IMUConfiguration) throws(IMUError)
    func readRaw() throws(IMUError) -> RawSample
    func drainFIFO(into samples: inout [IMUSample]) throws(IMUError) -> FIFODrain
}

extension IMUDriver {
    public var fullScaleCounts: Int16 { .max }

    /// Reads the current sample, scaled, checking it for stuck data.
    public func read() throws(IMUError) -> IMUSample {
        try accept(try readRaw())
    }

    /// Scales a raw sample after checking its health: every driver funnels
    /// samples through here, so stuck and saturated data are caught for all.
    public func accept(_ raw: RawSample) throws(IMUError) -> IMUSample {
        let verdict = health.observe(raw, fullScaleCounts: fullScaleCounts)
        if verdict.stuck {
            throw .stuckData(bus: device.bus.path, address: device.address, repeats: health.repeats)
        }
        return scales.scale(raw, accel: configuration.accelRange, gyro: configuration.gyroRange, saturated: verdict.saturated)
    }

    /// The line a person reads: chip, address, bus, ranges and their scales.
    public var summary: String {
        var text = "\(chip.displayName) at \(hex(device.address)) on \(device.bus.path): accel ±\(configuration.accelRange.rawValue) g (\(formatScale(scales.countsPerG(configuration.accelRange))) LSB/g)"
        if chip.hasGyroscope {
            text += ", gyro ±\(configuration.gyroRange.rawValue) °/s (\(formatScale(scales.countsPerDPS(configuration.gyroRange))) LSB/(°/s))"
        }
        return text
    }
}

/// 16384 → "16384", 65.5 → "65.5", 57.142857 → "57.14".
func formatScale(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    if hundredths % 100 == 0 { return String(hundredths / 100) }
    if hundredths % 10 == 0 { return "\(hundredths / 100).\((hundredths % 100) / 10)" }
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

/// Waits that chips need (after a reset, before the first sample).
/// Injected, so tests and emulators run without sleeping.
public typealias ChipDelay = @Sendable (_ seconds: Double) -> Void

/// Sleeps the calling thread.
public let systemDelay: ChipDelay = { seconds in
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
}

/// Decodes a 16-bit two's complement value from two bytes.
@inline(__always)
func int16(high: UInt8, low: UInt8) -> Int16 {
    Int16(bitPattern: UInt16(high) << 8 | UInt16(low))
}
