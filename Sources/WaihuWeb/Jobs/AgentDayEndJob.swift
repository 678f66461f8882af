import Fluent
import Foundation
import Logging
import ServiceLifecycle
import WaihuApp
import WaihuCore
import WaihuStore

/// Every minute: agents still logged in after the end of their day are logged out at its local
/// midnight (the organisation's time zone), the interval flagged `auto_closed`, so that a forgotten
/// logout does not inflate the logged-in hours. Idempotent; several processes may run it.
struct AgentDayEndJob: Service {
    var database: @Sendable () -> any Database
    var logger: Logger
    var clock: @Sendable () -> Date
    var interval: Duration = .seconds(60)

    func run() async throws {
        try await runEvery(interval, logger: logger, what: "closing agents' days") { [database, clock, logger] in
            let db = database()
            let zone = try await OrganisationQueries.timeZone(on: db)
            let closed = try await AgentStateQueries.closeDaysEnded(at: clock(), zone: zone, on: db)
            if closed > 0 { logger.info("agents logged out at the end of their day", metadata: ["intervals": "\(closed)"]) }
        }
    }
}
