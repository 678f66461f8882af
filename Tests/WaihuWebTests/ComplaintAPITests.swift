import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

@Suite struct ComplaintAPITests {
    func listings(_ app: Application, _ phone: String) async throws -> [DoNotCallModel] {
        try await DoNotCallModel.query(on: app.db).filter(\.$phone == phone).filter(\.$removedAt == nil).all()
    }

    @Test func aValidComplaintListsTheNumberAtOnceAndAPendingOneWaitsForItsJudgement() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let qa = try await login(app, "qa", DemoOrganisation.password)
            let pending = try await app.testing().sendRequest(.POST, "/api/v1/complaints", headers: jsonHeaders(qa),
                                                              body: json(["phone": "138 0000 0105", "channel": "call", "kind": "harassment",
                                                                          "note": "一天打了三次"]))
            #expect(pending.status == .created, "\(pending.body.string)")
            let complaint = try pending.content.decode(ComplaintReads.View.self)
            #expect(complaint.phone == "138****0105" && complaint.valid == nil)
            #expect(try await listings(app, "13800000105").isEmpty)

            let judged = try await app.testing().sendRequest(.POST, "/api/v1/complaints/\(complaint.id!)/judge", headers: jsonHeaders(qa),
                                                             body: json(["valid": true]))
            #expect(try judged.content.decode(ComplaintReads.View.self).valid == true)
            let listed = try await listings(app, "13800000105")
            #expect(listed.map(\.reason) == ["harassment"] && listed.map(\.source) == ["complaint"])

            // Known valid when registered: an attitude complaint lists the number as a complaint.
            _ = try await app.testing().sendRequest(.POST, "/api/v1/complaints", headers: jsonHeaders(qa),
                                                    body: json(["phone": "13800000106", "channel": "letter", "kind": "attitude", "valid": true]))
            #expect(try await listings(app, "13800000106").map(\.reason) == ["complaint"])
            // Judged not valid: nothing listed.
            _ = try await app.testing().sendRequest(.POST, "/api/v1/complaints", headers: jsonHeaders(qa),
                                                    body: json(["phone": "13800000107", "channel": "visit", "kind": "other", "valid": false]))
            #expect(try await listings(app, "13800000107").isEmpty)
            let all = try await app.testing().sendRequest(.GET, "/api/v1/complaints", headers: jsonHeaders(qa))
                .content.decode([ComplaintReads.View].self)
            #expect(all.count == 3)
        }
    }

    @Test func aComplaintThatCannotBeReadIsRefusedWithTheReason() async throws {
        try await withWaihu(demo: true) { app in
            let qa = try await login(app, "qa", DemoOrganisation.password)
            let channel = try await app.testing().sendRequest(.POST, "/api/v1/complaints", headers: jsonHeaders(qa),
                                                              body: json(["phone": "13800000105", "channel": "fax", "kind": "harassment"]))
            #expect(channel.status == .badRequest)
            #expect(channel.body.string.contains("channel"))
            let phone = try await app.testing().sendRequest(.POST, "/api/v1/complaints", headers: jsonHeaders(qa),
                                                            body: json(["phone": "12", "channel": "call", "kind": "harassment"]))
            #expect(phone.status == .badRequest)
            #expect(try await ComplaintModel.query(on: app.db).count() == 0)
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/complaints", headers: jsonHeaders(agent),
                                                        body: json(["phone": "13800000105", "channel": "call", "kind": "other"])).status == .forbidden)
        }
    }
}
