import Fluent
import Foundation
import Logging
import ServiceLifecycle
import WaihuApp
import WaihuStore

/// Every minute: leads taken on the desk and not dialled within the reservation time (15 minutes
/// unless `WaihuSettings.reservationMinutes` says otherwise) go back to their holder's list, so that
/// a desk left with a customer on screen neither keeps the customer nor counts as a call to the caps.
struct ReservationExpiryJob: Service {
    var database: @Sendable () -> any Database
    var logger: Logger
    var clock: @Sendable () -> Date
    var timeout: TimeInterval
    var interval: Duration = .seconds(60)

    func run() async throws {
        try await runEvery(interval, logger: logger, what: "giving back undialled leads") { [database, clock, logger, timeout] in
            let expired = try await LeadReservationQueries.expireUndialled(before: clock().addingTimeInterval(-timeout), on: database())
            if expired > 0 { logger.info("undialled leads given back", metadata: ["leads": "\(expired)"]) }
        }
    }
}
