import Fluent
import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The demo's past week: seven simulated working days of DEMO-MKT (ten agents, 8 hours, predictive),
/// written as real days are, so that the metrics, the reports and their comparisons have data from the
/// first start. Yesterday's daily report is then written at once by the report job.
enum DemoHistory {
    static let days = 7

    static func seed(_ app: Application, at now: Date) async throws {
        let zone = try await OrganisationQueries.timeZone(on: app.db)
        let project = try await ProjectService.find("DEMO-MKT", scope: .organisation, on: app.db)
        let today = LocalTime(now, in: zone).date
        for back in 1 ... days {
            let day = DialerSimulation.run(SimulationSettings(mode: .predictive, agents: 10, hours: 8, answerRate: 0.3, seed: UInt64(back)))
            _ = try await SimulationService.store(day, project: project, date: today.addingDays(-back), by: .system,
                                                  at: now, on: app.db)
        }
    }
}
