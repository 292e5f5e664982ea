// The day chart's layout: where blanks, slumps and line points go, from rows that only hold sums.
import Coach

/// A stretch with nothing to show, in seconds since midnight.
struct BlankBand: Equatable {
    enum Kind: Equatable { case noData, notWorn }
    var kind: Kind
    var fromSecond: Double
    var toSecond: Double

    var label: String { kind == .noData ? "no data" : "not worn" }
}

extension DayChart {
    /// Runs of no data (gaps inside rows, and missing rows between the first and the last) and of
    /// time not worn.
    var blankBands: [BlankBand] {
        var raw: [BlankBand] = []
        var previousEnd: Double?
        for m in minutes {
            if let previousEnd, m.startSecond - previousEnd > 90 {
                raw.append(BlankBand(kind: .noData, fromSecond: previousEnd, toSecond: m.startSecond))
            }
            let scale = m.lengthSeconds / max(m.lengthSeconds, total(m))
            var at = m.startSecond
            for (kind, seconds) in [(BlankBand.Kind.notWorn, m.notWornSeconds), (.noData, m.gapSeconds)] where seconds.isFinite && seconds > 0 {
                raw.append(BlankBand(kind: kind, fromSecond: at, toSecond: at + seconds * scale))
                at += seconds * scale
            }
            previousEnd = max(previousEnd ?? m.endSecond, m.endSecond)
        }
        var merged: [BlankBand] = []
        for band in raw {
            if let last = merged.last, last.kind == band.kind, band.fromSecond - last.toSecond <= 1 {
                merged[merged.count - 1].toSecond = max(last.toSecond, band.toSecond)
            } else {
                merged.append(band)
            }
        }
        return merged
    }

    /// The time a row accounts for, in seconds.
    func total(_ m: TimelineMinute) -> Double {
        let parts = [m.uprightSeconds, m.otherWornSeconds, m.gapSeconds, m.notWornSeconds]
            + SlumpKind.allCases.map { m.slumpedSecondsByKind[$0] }
        return parts.filter { $0.isFinite && $0 > 0 }.reduce(0, +)
    }

    /// `per minute`, or `per 10 s`: the rows' usual length.
    var resolution: String {
        let lengths = minutes.map(\.lengthSeconds).sorted()
        guard !lengths.isEmpty else { return "per minute" }
        let typical = lengths[lengths.count / 2]
        return typical >= 55 ? "per minute" : "per \(SVGFormat.number(typical.rounded())) s"
    }

    /// Slumped time by kind, laid out in each row where it most likely was (a row only has sums):
    /// after the blank part when the row before ended slumped (a slump going on, or ending),
    /// else at the row's end (a slump beginning, which goes on into the next row). A kind's
    /// stretches that touch are one.
    var slumpSpans: [(kind: SlumpKind, fromSecond: Double, toSecond: Double)] {
        var spans: [(kind: SlumpKind, fromSecond: Double, toSecond: Double)] = []
        var lastOfKind: [SlumpKind: Int] = [:]
        var slumpedUntil = -Double.infinity
        for m in minutes {
            let scale = m.lengthSeconds / max(m.lengthSeconds, total(m))
            let slumped = SlumpKind.allCases.map { m.slumpedSecondsByKind[$0] }.filter { $0.isFinite && $0 > 0 }.reduce(0, +) * scale
            let continuing = abs(slumpedUntil - m.startSecond) <= 0.5
            var at = continuing ? m.startSecond + blankSeconds(m) : max(m.startSecond + blankSeconds(m), m.endSecond - slumped)
            for kind in SlumpKind.allCases {
                let seconds = m.slumpedSecondsByKind[kind]
                guard seconds.isFinite, seconds > 0 else { continue }
                let end = at + seconds * scale
                if let i = lastOfKind[kind], abs(spans[i].toSecond - at) <= 0.5 {
                    spans[i].toSecond = end
                } else {
                    lastOfKind[kind] = spans.count
                    spans.append((kind, at, end))
                }
                at = end
                slumpedUntil = end
            }
        }
        return spans
    }

    /// Runs of consecutive rows that all have `value`: a line breaks at a missing value or missing rows.
    func runs(_ value: (TimelineMinute) -> Double?) -> [[TimelineMinute]] {
        var result: [[TimelineMinute]] = []
        var current: [TimelineMinute] = []
        for m in minutes {
            guard let v = value(m), v.isFinite else {
                if !current.isEmpty { result.append(current); current = [] }
                continue
            }
            if let last = current.last, m.startSecond - last.endSecond > 5 || mostlyBlank(last) || mostlyBlank(m) {
                result.append(current)
                current = []
            }
            current.append(m)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// The seconds of a row drawn blank (not worn, then no data, at its start), scaled to its length.
    func blankSeconds(_ m: TimelineMinute) -> Double {
        let blank = [m.notWornSeconds, m.gapSeconds].filter { $0.isFinite && $0 > 0 }.reduce(0, +)
        return min(blank * m.lengthSeconds / max(m.lengthSeconds, total(m)), m.lengthSeconds)
    }

    /// A row at least half blank stands alone: the lines do not bridge its gap.
    func mostlyBlank(_ m: TimelineMinute) -> Bool { blankSeconds(m) >= m.lengthSeconds / 2 }

    /// Where a row's angles are drawn: the middle of its part with data.
    func middle(_ m: TimelineMinute) -> Double { x(m.startSecond + (blankSeconds(m) + m.lengthSeconds) / 2) }
}
