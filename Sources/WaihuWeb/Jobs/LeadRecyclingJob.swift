import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The hourly recycling run (数据回收): expired allocations and leavers' leads back to the pool;
/// the same beat purges expired web sessions, login counts an hour quiet, and recordings past their retention
/// (never one whose call has a complaint still open). Several `waihu serve`
/// processes may run it at once: each run is one idempotent transaction.
struct LeadRecyclingJob: Service {
    var database: @Sendable () -> any Database
    var logger: Logger
    var clock: @Sendable () -> Date
    var interval: Duration = .seconds(3600)

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var wait = interval
                do {
                    let now = clock()
                    try await WebSessionQueries.purgeExpired(at: now, on: database())
                    try await LoginThrottleQueries.purge(before: now.addingTimeInterval(-LoginThrottle.quiet), on: database())
                    let purged = try await RecordingQueries.purgeExpired(at: now, on: database())
                    if purged > 0 { logger.info("recordings past their retention deleted", metadata: ["count": "\(purged)"]) }
                    let outcome = try await RecyclingService.runDue(at: now, on: database())
                    if outcome.total > 0 {
                        logger.info("leads recycled", metadata: ["period_elapsed": "\(outcome.period_elapsed)",
                                                                 "agent_left": "\(outcome.agent_left)"])
                    }
                } catch {
                    // Most often another writer held SQLite's lock (the dialer writes every second): try again soon.
                    logger.warning("lead recycling failed, trying again in a minute: \(error)")
                    wait = .seconds(60)
                }
                try await Task.sleep(for: wait)
            }
        }
    }
}
