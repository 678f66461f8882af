import Foundation
import Logging
import ServiceLifecycle

/// Runs `work` every `interval` until graceful shutdown; a failed run is logged as `what` and tried
/// again at the next tick. What the minutely jobs (the day's end, the reports) share.
func runEvery(_ interval: Duration, logger: Logger, what: String, _ work: @escaping @Sendable () async throws -> Void) async throws {
    try await cancelWhenGracefulShutdown {
        while !Task.isCancelled {
            do {
                try await work()
            } catch {
                logger.warning("\(what) failed, trying again at the next tick: \(error)")
            }
            try await Task.sleep(for: interval)
        }
    }
}
