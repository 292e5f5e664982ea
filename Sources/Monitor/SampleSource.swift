import Posture
import SensorLog

/// Where samples come from: sensors on a bus (`LiveSource`), a recorded log (`LogSource`), or the
/// simulated wearer on emulated chips (a `LiveSource` over `SimulatedRig`, see `OpenedSensors`).
/// Everything after the source is the same code for all three.
public protocol SampleSource: AnyObject {
    /// The sensor roles this source delivers.
    var roles: [SensorRole] { get }
    /// Appends the next events to `events`, in time order per sensor. A live source blocks until
    /// its next drain; a log source reads on. Returns `false` once the source has ended (the end
    /// of a log; a live source never ends by itself).
    func read(into events: inout [SourceEvent]) throws(SourceError) -> Bool
}

/// Why a source cannot go on.
public enum SourceError: Error, CustomStringConvertible, Sendable {
    /// The log cannot be read further (file, line and column inside).
    case log(SensorLogError)

    public var description: String {
        switch self {
        case .log(let error): "\(error)"
        }
    }
}

extension LiveSource: SampleSource {
    public func read(into events: inout [SourceEvent]) throws(SourceError) -> Bool {
        poll(into: &events)
        return true
    }
}
