import Fluent
import Foundation
import NIOConcurrencyHelpers
import ServiceLifecycle
import Vapor
import WaihuStore

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
        // The jobs' own connections where there are (PostgreSQL), so that a busy floor's requests never hold up the dialer.
        let own: DatabaseID? = app.databases.ids().contains(.jobs) ? .jobs : nil
        let jobs: @Sendable () -> any Database = { app.db(own) }
        var services: [any Service] = [
            LeadRecyclingJob(database: jobs, logger: app.logger, clock: settings.clock),
            LiveDialerService(database: jobs, logger: app.logger, clock: settings.clock,
                              deskTimeout: TimeInterval(settings.deskTimeoutSeconds), makeNetwork: settings.floorNetwork,
                              deskBells: app.deskBells),
            AgentDayEndJob(database: jobs, logger: app.logger, clock: settings.clock),
            WrapUpJob(database: jobs, logger: app.logger, clock: settings.clock),
            ReportJob(database: jobs, logger: app.logger, clock: settings.clock),
            ReservationExpiryJob(database: jobs, logger: app.logger, clock: settings.clock,
                                 timeout: Double(settings.reservationMinutes) * 60),
        ]
        // On PostgreSQL several nodes may serve one floor: their desk bells ring together.
        if case .postgres(let url) = settings.database {
            services.append(try DeskBellRelay(url: url, bells: app.deskBells, logger: app.logger))
        }
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
