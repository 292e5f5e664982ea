#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// SIGTERM and SIGINT received while `runUntilStopped` is running (the signal handler's only record).
private let stopSignals = Atomic<Int>(0)
/// The thread running the loop (a `pthread_t`), 0 when none: a stop signal that lands on another
/// thread is passed on to it, so that its sleep ends at once.
private let loopThread = Atomic<pthread_t>(0)

/// Raised once SIGTERM or SIGINT has asked the running command to stop.
struct StopFlag: Sendable {
    /// `stopSignals` when the flag was made: only signals after that count.
    private let signalsBefore = stopSignals.load(ordering: .relaxed)

    var isRaised: Bool { stopSignals.load(ordering: .relaxed) != signalsBefore }
}

/// The handler of SIGTERM and SIGINT: async-signal-safe (two atomics and pthread_kill). A stop
/// signal that the kernel delivered to some other thread is sent on to the loop's thread, where the
/// handler interrupts its clock_nanosleep (sleeps are never restarted after a handler, SA_RESTART or not).
private func stopSignalHandler(_ signal: Int32) {
    stopSignals.add(1, ordering: .relaxed)
    let loop = loopThread.load(ordering: .relaxed)
    if loop != 0 && pthread_equal(pthread_self(), loop) == 0 { _ = pthread_kill(loop, signal) }
}

/// Runs `body` on the calling thread until it returns; SIGTERM and SIGINT raise the stop flag it
/// is given (and cut short the sleep it is in), so the loop finishes its drain, flushes and returns.
///
/// No thread and no timer is added: the signals are caught by a handler, which costs nothing until
/// a signal comes (the process wakes only when the loop's own sleep ends). The handlers in place
/// before are put back when `body` returns.
func runUntilStopped(_ body: (StopFlag) -> Void) {
    let flag = StopFlag()
    loopThread.store(pthread_self(), ordering: .relaxed)
    var action = sigaction()
    action.__sigaction_handler.sa_handler = stopSignalHandler
    // Reads and writes in progress go on after the handler; sleeps and poll end with EINTR.
    action.sa_flags = SA_RESTART
    sigemptyset(&action.sa_mask)
    var previousTerm = sigaction()
    var previousInt = sigaction()
    sigaction(SIGTERM, &action, &previousTerm)
    sigaction(SIGINT, &action, &previousInt)
    // A parent may have started us with them blocked (the mask is inherited across exec, e.g. from
    // a libdispatch thread, which blocks every signal): blocked, they would wait forever.
    var stopSignalSet = sigset_t()
    sigemptyset(&stopSignalSet)
    sigaddset(&stopSignalSet, SIGTERM)
    sigaddset(&stopSignalSet, SIGINT)
    var previousMask = sigset_t()
    pthread_sigmask(SIG_UNBLOCK, &stopSignalSet, &previousMask)
    defer {
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        sigaction(SIGTERM, &previousTerm, nil)
        sigaction(SIGINT, &previousInt, nil)
        loopThread.store(0, ordering: .relaxed)
    }
    body(flag)
}
