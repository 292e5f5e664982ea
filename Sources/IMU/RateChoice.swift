/// The index of the rate in `rates_Hz` nearest `rate_Hz` by ratio (so 60 Hz
/// picks 52 over 104, and 80 Hz picks 104): chips' rates double at each step.
func nearestRateIndex(_ rate_Hz: Double, in rates_Hz: [Double]) -> Int {
    precondition(!rates_Hz.isEmpty, "a chip offers at least one rate")
    let wanted = max(rate_Hz, 1e-6)
    func distance(_ candidate: Double) -> Double { max(candidate / wanted, wanted / candidate) }
    var best = 0
    for index in rates_Hz.indices where distance(rates_Hz[index]) < distance(rates_Hz[best]) {
        best = index
    }
    return best
}
