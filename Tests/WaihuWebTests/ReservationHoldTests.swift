import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// What an agent holds on the desk: one lead at a time, given back as it was, never for ever, and
/// callbacks that pass only to agents of the holder's site.
@Suite struct ReservationHoldTests {
    func at(_ minutes: Int) -> String {
        ISO8601DateFormatter().string(from: deskMorning.addingTimeInterval(Double(minutes) * 60))
    }

    func lead(_ app: Application, _ customerID: String) async throws -> LeadModel {
        try #require(try await LeadModel.query(on: app.db).filter(\.$customerID == customerID).first())
    }

    @Test func releasingATakenCallbackKeepsItsBookingAndASecondTakeGivesTheSameLead() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 3])
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let k0 = try await takeNext(app, agent)
            #expect(k0.lead?.customer_id == "K0")
            #expect(try await finish(app, agent, k0.attempt_id, ["disposition": "callback", "callback_at": at(5)]).status == .ok)

            // 10:10: the callback is due and served first; a second take gives the same lead and attempt.
            clock.advance(10 * 60)
            let taken = try await takeNext(app, agent)
            #expect(taken.lead?.customer_id == "K0")
            let again = try await takeNext(app, agent)
            #expect(again.attempt_id == taken.attempt_id && again.lead?.customer_id == "K0")
            #expect(try await CallAttemptModel.query(on: app.db).filter(\.$inProgress == true).count() == 1)

            // Given back without a call: still a callback booked for 10:05, served first again.
            let released = try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(taken.attempt_id!)/release", headers: jsonHeaders(agent))
            #expect(released.status == .ok || released.status == .noContent)
            let k0Lead = try await lead(app, "K0")
            #expect(k0Lead.status == .allocated)
            #expect(k0Lead.deferral == LeadDeferral.callback.rawValue)
            #expect(k0Lead.nextAttemptAt == deskMorning.addingTimeInterval(5 * 60))
            #expect(try await takeNext(app, agent).lead?.customer_id == "K0")
        }
    }

    @Test func aReservationNeverDialledIsGivenBackAfterItsTime() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let taken = try await takeNext(app, agent)
            #expect(taken.reserved)
            // Taken at 10:00: a cutoff at 10:00 leaves it, one a second later gives it back.
            #expect(try await LeadReservationQueries.expireUndialled(before: deskMorning, on: app.db) == 0)
            #expect(try await LeadReservationQueries.expireUndialled(before: deskMorning.addingTimeInterval(1), on: app.db) == 1)
            #expect(try await lead(app, "K0").status == .allocated)
            #expect(try await CallAttemptModel.query(on: app.db).filter(\.$inProgress == true).count() == 0)
        }
    }

    @Test func anOverdueCallbackPassesOnlyToAgentsOfTheHoldersSite() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 1])
            _ = try await allocate(app, manager, ["agents": ["A1021"], "mode": "count", "count": 2])
            _ = try await allocate(app, manager, ["agents": ["A1002"], "mode": "count", "count": 2])
            let own = try await login(app, "a1001", DemoOrganisation.password)
            let k0 = try await takeNext(app, own)
            #expect(k0.lead?.customer_id == "K0")
            #expect(try await finish(app, own, k0.attempt_id, ["disposition": "callback", "callback_at": at(5)]).status == .ok)

            // 10:45: K0 is overdue by 40 minutes, past the 30-minute pass time. A1021 works for the vendor: not theirs.
            clock.advance(45 * 60)
            let vendor = try await login(app, "a1021", DemoOrganisation.password)
            let vendorTake = try await takeNext(app, vendor)
            #expect(vendorTake.reserved && vendorTake.lead?.customer_id != "K0")
            let colleague = try await login(app, "a1002", DemoOrganisation.password)
            #expect(try await takeNext(app, colleague).lead?.customer_id == "K0")
        }
    }
}
