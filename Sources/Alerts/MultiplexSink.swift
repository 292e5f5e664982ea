import Coach

/// Passes each event to every sink in order. A failing sink does not keep the event from the
/// others: all are tried, then the failures are thrown together (one as itself, more as
/// `several`, in sink order).
public struct MultiplexSink: AlertSink {
    public typealias Failure = AlertError
    public var sinks: [any AlertSink<AlertError>]

    public init(_ sinks: [any AlertSink<AlertError>]) {
        self.sinks = sinks
    }

    public mutating func emit(_ event: CoachEvent) throws(AlertError) {
        var failures: [AlertError] = []
        for i in sinks.indices {
            do {
                try sinks[i].emit(event)
            } catch {
                failures.append(error)
            }
        }
        switch failures.count {
        case 0: return
        case 1: throw failures[0]
        default: throw .several(failures)
        }
    }
}
