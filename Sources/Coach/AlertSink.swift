// Where coach events go: the backend protocol (in the manner of swift-log's LogHandler).

/// A destination for `CoachEvent`s: a terminal line, JSON lines, a user's command, a vibration
/// motor, a history store, or several at once.
///
/// Contract for implementations:
/// - `emit` is called once per event, in the order the coach produced them, from one thread at a
///   time (the caller serialises; a sink need not be thread-safe).
/// - A sink decides for itself which kinds it acts on (a vibration motor ignores state changes)
///   and should respect `event.silent` when it prompts the wearer: tracking mode records only.
/// - A sink never traps and never stops the caller: a failure is thrown as the sink's typed
///   `Failure`, with enough context to say which sink, which event and why. The caller reports it
///   and goes on feeding the coach; the next event is tried again normally.
/// - A sink does not block for long: a slow output (a user's command) is started, not awaited,
///   unless the sink is explicitly configured to wait.
/// - Sinks hold no global state; the caller makes them and passes them in.
public protocol AlertSink<Failure> {
    associatedtype Failure: Error
    mutating func emit(_ event: CoachEvent) throws(Failure)
}

/// Keeps every event in memory: for tests and for a history view.
public struct RecordingSink: AlertSink {
    public typealias Failure = Never
    public private(set) var events: [CoachEvent] = []

    public init() {}

    public mutating func emit(_ event: CoachEvent) {
        events.append(event)
    }

    /// The events of one kind.
    public func events(_ kind: CoachEvent.Kind) -> [CoachEvent] {
        events.filter { $0.kind == kind }
    }
}

extension CoachEvents {
    /// Emits every event to `sink` in order; stops at the first failure and throws it.
    public func send<Sink: AlertSink>(to sink: inout Sink) throws(Sink.Failure) {
        for event in self { try sink.emit(event) }
    }
}
