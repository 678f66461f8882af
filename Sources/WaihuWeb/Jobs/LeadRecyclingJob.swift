import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import Vapor
import WaihuCore
import WaihuStore

/// The hourly recycling run (数据回收): expired allocations and leavers' leads back to the pool;
/// the same beat purges expired web sessions and login counts an hour quiet. Several `waihu serve`
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

/// Runs Waihu's long-running services while the application is up, and shuts them down
/// gracefully with it.
final class BackgroundServices: LifecycleHandler, @unchecked Sendable {
    private let settings: WaihuSettings
    private let lock = NIOLock()
    private var group: ServiceGroup?
    private var running: Task<Void, Never>?

    init(settings: WaihuSettings) {
        self.settings = settings
    }

    func didBootAsync(_ app: Application) async throws {
        let services: [any Service] = [
            LeadRecyclingJob(database: { app.db }, logger: app.logger, clock: settings.clock),
            LiveDialerService(database: { app.db }, logger: app.logger, clock: settings.clock),
            AgentDayEndJob(database: { app.db }, logger: app.logger, clock: settings.clock),
            WrapUpJob(database: { app.db }, logger: app.logger, clock: settings.clock),
            ReportJob(database: { app.db }, logger: app.logger, clock: settings.clock),
            ReservationExpiryJob(database: { app.db }, logger: app.logger, clock: settings.clock,
                                 timeout: Double(settings.reservationMinutes) * 60),
        ]
        let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) }, logger: app.logger))
        lock.withLock {
            self.group = group
            running = Task { try? await group.run() }
        }
    }

    func shutdownAsync(_ app: Application) async {
        let (group, running) = lock.withLock { (self.group, self.running) }
        await group?.triggerGracefulShutdown()
        await running?.value
    }
}
