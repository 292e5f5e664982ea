#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in seconds, and a way to wait for it. The pipeline reads
/// time only through this, so a simulation can run on a virtual clock as
/// fast as the CPU allows and still exercise the live code.
public protocol MonotonicClock: AnyObject {
    /// Seconds since an arbitrary fixed point; never goes back.
    var nowSeconds: Double { get }
    /// Returns when `nowSeconds >= deadlineSeconds` (or a signal woke the sleeper).
    func sleep(until deadlineSeconds: Double)
}

/// CLOCK_MONOTONIC, with absolute-deadline sleeps (no drift from wake-up latency).
public final class SystemClock: MonotonicClock {
    public init() {}

    public var nowSeconds: Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    public func sleep(until deadlineSeconds: Double) {
        guard deadlineSeconds > nowSeconds else { return }
        var ts = timespec(tv_sec: Int(deadlineSeconds), tv_nsec: Int((deadlineSeconds - Double(Int(deadlineSeconds))) * 1e9))
        // EINTR ends the sleep early on purpose: a signal (SIGTERM) must be handled promptly.
        _ = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil)
    }
}

/// A clock that jumps to each deadline: simulations and tests.
public final class VirtualClock: MonotonicClock {
    public private(set) var nowSeconds: Double
    /// Called after every jump with the new time (e.g. to move a simulated rig).
    public var onAdvance: ((Double) -> Void)?
    /// When set, each sleep also waits this fraction of the virtual time in real time
    /// (`demo` plays a session at, say, 20× speed).
    public var pacing: (real: SystemClock, speed: Double)?
    private var realStartSeconds: Double?
    private let startSeconds: Double

    public init(startSeconds: Double = 0) {
        nowSeconds = startSeconds
        self.startSeconds = startSeconds
    }

    public func sleep(until deadlineSeconds: Double) {
        guard deadlineSeconds > nowSeconds else { return }
        if let (real, speed) = pacing {
            let origin = realStartSeconds ?? real.nowSeconds
            realStartSeconds = origin
            real.sleep(until: origin + (deadlineSeconds - startSeconds) / speed)
        }
        nowSeconds = deadlineSeconds
        onAdvance?(deadlineSeconds)
    }
}
