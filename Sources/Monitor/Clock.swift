#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in seconds, and a way to wait for it. The pipeline reads
/// time only through this, so a simulation can run on a virtual clock as
/// fast as the CPU allows and still exercise the live code.
public protocol MonotonicClock: AnyObject {
    /// Seconds since an arbitrary fixed point; never goes back.
    var now_s: Double { get }
    /// Returns when `now_s >= deadline_s` (or a signal woke the sleeper).
    func sleep(until deadline_s: Double)
}

/// CLOCK_MONOTONIC, with absolute-deadline sleeps (no drift from wake-up latency).
public final class SystemClock: MonotonicClock {
    public init() {}

    public var now_s: Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    public func sleep(until deadline_s: Double) {
        guard deadline_s > now_s else { return }
        var ts = timespec(tv_sec: Int(deadline_s), tv_nsec: Int((deadline_s - Double(Int(deadline_s))) * 1e9))
        // EINTR ends the sleep early on purpose: a signal (SIGTERM) must be handled promptly.
        _ = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil)
    }
}

/// A clock that jumps to each deadline: simulations and tests.
public final class VirtualClock: MonotonicClock {
    public private(set) var now_s: Double
    /// Called after every jump with the new time (e.g. to move a simulated rig).
    public var onAdvance: ((Double) -> Void)?
    /// When set, each sleep also waits this fraction of the virtual time in real time
    /// (`demo` plays a session at, say, 20× speed).
    public var pacing: (real: SystemClock, speed: Double)?
    private var realStart_s: Double?
    private let start_s: Double

    public init(start_s: Double = 0) {
        now_s = start_s
        self.start_s = start_s
    }

    public func sleep(until deadline_s: Double) {
        guard deadline_s > now_s else { return }
        if let (real, speed) = pacing {
            let origin = realStart_s ?? real.now_s
            realStart_s = origin
            real.sleep(until: origin + (deadline_s - start_s) / speed)
        }
        now_s = deadline_s
        onAdvance?(deadline_s)
    }
}
