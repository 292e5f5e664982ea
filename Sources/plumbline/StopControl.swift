import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Raised once, when SIGTERM or SIGINT asks the running command to stop.
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}

/// Lets a non-Sendable loop cross to its thread; the loop is its only user.
private final class LoopBox: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// A blocking sensor loop as a swift-service-lifecycle `Service`: it runs on its own thread
/// (it sleeps in clock_nanosleep between FIFO drains, which must not hold a cooperative
/// thread), and graceful shutdown raises the stop flag that the loop checks after every wake-up.
private struct BlockingLoopService: Service, CustomStringConvertible {
    let flag: StopFlag
    let box: LoopBox
    var description: String { "plumbline" }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                let thread = Thread { [box] in
                    box.body()
                    done.resume()
                }
                thread.name = "plumbline-loop"
                thread.start()
            }
        } onGracefulShutdown: { [flag] in
            flag.raise()
        }
    }
}

/// Runs `body` until it returns, turning SIGTERM and SIGINT into a raised stop flag (handled by
/// swift-service-lifecycle's ServiceGroup); the loop finishes its drain, flushes and returns.
func runUntilStopped(_ body: @escaping (StopFlag) -> Void) async throws {
    let flag = StopFlag()
    let service = BlockingLoopService(flag: flag, box: LoopBox { body(flag) })
    var logger = Logger(label: "plumbline.lifecycle")
    logger.logLevel = .warning
    // The loop ends by itself at the end of a script or --duration: that is a normal stop.
    var configuration = ServiceGroupConfiguration(
        services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)], logger: logger)
    configuration.gracefulShutdownSignals = [.sigterm, .sigint]
    try await ServiceGroup(configuration: configuration).run()
}
