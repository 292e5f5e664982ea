/// The index of the rate in `ratesHz` nearest `rateHz` by ratio (so 60 Hz
/// picks 52 over 104, and 80 Hz picks 104): chips' rates double at each step.
func nearestRateIndex(_ rateHz: Double, in ratesHz: [Double]) -> Int {
    precondition(!ratesHz.isEmpty, "a chip offers at least one rate")
    let wanted = max(rateHz, 1e-6)
    func distance(_ candidate: Double) -> Double { max(candidate / wanted, wanted / candidate) }
    var best = 0
    for index in ratesHz.indices where distance(ratesHz[index]) < distance(ratesHz[best]) {
        best = index
    }
    return best
}
