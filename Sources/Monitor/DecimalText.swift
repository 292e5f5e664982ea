/// `value` with exactly `digits` decimals, rounded half away from zero; deterministic and
/// locale-free (the trace and the history are read by other programs). Values beyond ±9e12, and
/// non-finite ones, fall back to Swift's shortest representation.
public func fixedDecimal(_ value: Double, digits: Int) -> String {
    guard value.isFinite, value.magnitude < 9e12 else { return "\(value)" }
    var scale: Int64 = 1
    for _ in 0..<digits { scale *= 10 }
    let n = Int64((value.magnitude * Double(scale)).rounded())
    let whole = n / scale
    var fraction = String(n % scale)
    while fraction.count < digits { fraction = "0" + fraction }
    let sign = value < 0 && n != 0 ? "-" : ""
    return digits > 0 ? "\(sign)\(whole).\(fraction)" : "\(sign)\(whole)"
}
