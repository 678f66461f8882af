import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuApp
import WaihuApp
import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

/// `waihu simulate --store`: a simulated day written into the tables a real day writes.
@Suite struct SimulationStoreTests {
    func day(agents: Int = 5, conversations: ConversationMix = .marketing) -> SimulationDay {
        var settings = SimulationSettings(mode: .progressive, agents: agents, hours: 0.5, answerRate: 0.5)
        settings.conversations = conversations
        return DialerSimulation.run(settings)
    }

    @Test func aSimulatedDayIsWrittenAsAttemptsAndStateIntervalsOfTheProjectsAgentsAndLeads() async throws {
        try await withWaihu(demo: true) { app in
            try await importTenLeads(app, manager: try await login(app, "manager", DemoOrganisation.password))
            // Every connected call ends in a request not to be called again.
            let day = day(conversations: ConversationMix(shares: [("dnc_request", 1)]))
            let stored = try await storeDay(app, day, "DEMO-MKT", LocalDate("2026-11-02"))
            #expect(stored.attempts == day.attempts.count && stored.intervals == day.intervals.count)

            let attempts = try await CallAttemptModel.query(on: app.db).all()
            #expect(attempts.count == day.attempts.count)
            let numbers = Set((100 ... 109).map { "13800000\($0)" })
            #expect(attempts.allSatisfy { numbers.contains($0.phone) && !$0.inProgress && !$0.testCall })
            // The day starts at 09:00 Shanghai time (01:00 UTC) on the date asked for.
            let nine = try #require(ISO8601DateFormatter().date(from: "2026-11-02T09:00:00+08:00"))
            #expect(attempts.map(\.startedAt).min() == nine)
            #expect(attempts.filter { $0.talkSeconds > 0 }.count == day.attempts.count { $0.talkSeconds > 0 })

            // The five seats are played by the first five agents by employee number.
            let agents = try await AgentModel.query(on: app.db).sort(\.$number).all()
            let seats = Set(agents.prefix(5).compactMap(\.id))
            // The demo's own logins at 华信 (its roster month) are not the simulation's.
            let huaxin = try #require(try await OrganisationQueries.site(named: DemoWorkforce.site, on: app.db)?.id)
            let theirs = Set(agents.filter { $0.siteID == huaxin }.compactMap(\.id))
            let intervals = try await AgentStateIntervalModel.query(on: app.db).all().filter { !theirs.contains($0.agentID) }
            #expect(intervals.count == day.intervals.count)
            #expect(Set(intervals.map(\.agentID)) == seats)
            #expect(intervals.allSatisfy { $0.source == "simulation" && $0.endedAt != nil })

            // Each dnc_request put its number on the list at once.
            let requested = Set(attempts.filter { $0.disposition == "dnc_request" }.map(\.phone))
            #expect(!requested.isEmpty)
            let listed = Set(try await DoNotCallModel.query(on: app.db).all().map(\.phone))
            #expect(listed == requested)
        }
    }

    @Test func theSameDayTwiceTooManyAgentsOrNoLeadsAreRefusedAndNothingIsWritten() async throws {
        try await withWaihu(demo: true) { app in
            try await importTenLeads(app, manager: try await login(app, "manager", DemoOrganisation.password))
            let date = LocalDate("2026-11-03")
            _ = try await storeDay(app, day(), "DEMO-MKT", date)
            let attempts = try await CallAttemptModel.query(on: app.db).count()
            let intervals = try await AgentStateIntervalModel.query(on: app.db).count()

            func refusal(_ body: () async throws -> Void) async -> String? {
                do { try await body(); return nil } catch let error as DomainError { return error.code } catch { return "\(error)" }
            }
            #expect(await refusal { _ = try await storeDay(app, day(), "DEMO-MKT", date) }
                    == "simulation_overlaps")
            // One more agent than the project's sites employ that day.
            let employed = try await AgentModel.query(on: app.db).all().filter { $0.hiredOn <= "2026-11-03" && ($0.leftOn.map { $0 > "2026-11-03" } ?? true) }.count
            #expect(await refusal { _ = try await storeDay(app, day(agents: employed + 1), "DEMO-MKT", date) }
                    == "not_enough_agents")
            #expect(await refusal { _ = try await storeDay(app, day(), "DEMO-SAT", date) }
                    == "no_leads")
            #expect(try await CallAttemptModel.query(on: app.db).count() == attempts)
            #expect(try await AgentStateIntervalModel.query(on: app.db).count() == intervals)
            // Another day is fine.
            _ = try await storeDay(app, day(), "DEMO-MKT", LocalDate("2026-11-04"))
            #expect(try await CallAttemptModel.query(on: app.db).count() > attempts)
        }
    }

    /// Stores a simulated day as `waihu simulate --store` does.
    func storeDay(_ app: Application, _ day: SimulationDay, _ project: String, _ date: LocalDate?) async throws -> SimulationService.Stored {
        let record = try await ProjectService.find(project, scope: .organisation, on: app.db)
        return try await SimulationService.store(day, project: record, date: date, by: .console, at: app.now, on: app.db)
    }
}
