import Fluent
import Foundation
import Testing
@testable import WaihuCore
@testable import WaihuStore

/// The contact history the policy counts: the number's calls and the calls to the customer's other numbers, each once,
/// on SQLite and PostgreSQL alike (the two are arms of one UNION since PostgreSQL read every attempt for an OR).
extension StoreTests {
    @Test(arguments: testDatabases)
    func theHistoryCountsTheNumbersAndTheCustomersCallsOnceEach(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            try await metricOrganisation(on: db)
            let project = try #require(try await ProjectModel.query(on: db).first()?.id)
            let c1 = try #require(try await LeadModel.query(on: db).filter(\.$customerID == "C1").first()?.id)
            let c2 = try #require(try await LeadModel.query(on: db).filter(\.$customerID == "C2").first()?.id)
            let now = Date(timeIntervalSince1970: 1_796_000_400)
            func attempt(_ phone: String, lead: UUID?, hoursAgo: Double, talk: Int = 0, test: Bool = false) async throws {
                let model = CallAttemptModel()
                model.projectID = project
                model.leadID = lead
                model.phone = phone
                model.startedAt = now.addingTimeInterval(-hoursAgo * 3_600)
                model.prepSeconds = 0
                model.talkSeconds = talk
                model.acwSeconds = 0
                model.disposition = talk > 0 ? "completed" : "no_answer"
                model.testCall = test
                model.inProgress = false
                try await model.create(on: db)
            }
            let number = "13900000001", other = "13700000009"
            try await attempt(number, lead: c1, hoursAgo: 1, talk: 60)   // the number and the customer: once
            try await attempt(other, lead: c1, hoursAgo: 2)              // the customer's other number
            try await attempt(number, lead: nil, hoursAgo: 3)            // the number, no lead
            try await attempt("13900000002", lead: c2, hoursAgo: 4)      // another customer
            try await attempt(number, lead: c1, hoursAgo: 5, test: true) // a test call
            try await attempt(number, lead: c1, hoursAgo: -1)            // after the instant asked about
            let entry = DoNotCallModel()
            entry.phone = number
            entry.reason = DoNotCallReason.refusedCalls.rawValue
            entry.source = "manual"
            entry.addedBy = "test"
            entry.addedAt = now.addingTimeInterval(-86_400)
            try await entry.create(on: db)

            let customer = try await PolicyQueries.history(phone: number, customerID: "C1", before: now, on: db)
            #expect(customer.calls.map(\.at).sorted() == [3, 2, 1].map { now.addingTimeInterval(-Double($0) * 3_600) })
            #expect(customer.calls.filter(\.connected).count == 1 && customer.listings.count == 1)
            let numberOnly = try await PolicyQueries.history(phone: number, before: now, on: db)
            #expect(numberOnly.calls.map(\.at).sorted() == [3, 1].map { now.addingTimeInterval(-Double($0) * 3_600) })
            let otherNumber = try await PolicyQueries.history(phone: other, customerID: "C1", before: now, on: db)
            #expect(otherNumber.calls.map(\.at).sorted() == [2, 1].map { now.addingTimeInterval(-Double($0) * 3_600) } && otherNumber.listings.isEmpty,
                    "the customer's calls on either number, each once")
        }
    }
}
