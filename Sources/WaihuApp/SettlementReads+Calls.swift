import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A statement line's calls (issue 18 item 8: every line drills down to its attempts, reviews and complaints).
extension SettlementReads {
    package struct Call: Codable, Sendable {
        package var attempt_id: UUID
        package var started_at: Date
        package var agent: String
        package var phone: String
        package var disposition: String
        package var disposition_name: String
        /// Found not valid by a success verification: not paid.
        package var not_verified: Bool
        package var unqualified: Bool
        package var complained: Bool
    }

    /// The billable calls of a project on a statement, oldest first (at most `limit`).
    package static func calls(_ statementID: UUID, project code: String, scope: AccessScope, language: Language, limit: Int = 5_000,
                              on db: any Database) async throws -> [Call] {
        let (model, _) = try await SettlementService.find(statementID, scope: scope, on: db)
        guard let statement = model.computed, let project = statement.lines.first(where: { $0.code == code })?.project else {
            throw DomainError.notFound(LocalizedText(zh: "结算单中的项目 \(code)", en: "project \(code) on this statement"))
        }
        let (first, next) = try SpotCheck.month(model.month)
        let zone = try await OrganisationQueries.timeZone(on: db)
        let sites = Set(try await VendorSiteModel.query(on: db).filter(\.$vendorID == model.vendorID).all().map(\.siteID))
        let agents = Dictionary(try await AgentModel.query(on: db).filter(\.$siteID ~~ sites).all().compactMap { a in a.id.map { ($0, a.number) } },
                                uniquingKeysWith: { a, _ in a })
        guard let record = try await ProjectModel.find(project, on: db) else { return [] }
        let billable = try await SettlementService.billableCodes(record, on: db)
        let set = try await DispositionQueries.inForce(project: project, on: db)
        let calls = try await CallAttemptModel.query(on: db).filter(\.$projectID == project).filter(\.$agentID ~~ Array(agents.keys))
            .filter(\.$testCall == false).filter(\.$disposition ~~ Array(billable))
            .filter(\.$startedAt >= LocalTime.instant(first, in: zone)).filter(\.$startedAt < LocalTime.instant(next, in: zone))
            .sort(\.$startedAt).limit(limit).all()
        let ids = calls.compactMap(\.id)
        var invalid = Set<UUID>()
        for site in sites { invalid.formUnion(try await SpotCheckReads.invalidSuccesses(site: site, month: model.month, on: db)) }
        let unqualified = ids.isEmpty ? [] : Set(try await QAReviewModel.query(on: db).filter(\.$attemptID ~~ ids)
            .filter(\.$grade == ReviewGrade.unqualified.rawValue).all().map(\.attemptID))
        let complained = ids.isEmpty ? [] : Set(try await ComplaintModel.query(on: db).filter(\.$attemptID ~~ ids).filter(\.$valid == true).all()
            .compactMap(\.attemptID))
        return calls.compactMap { call in
            guard let id = call.id else { return nil }
            return Call(attempt_id: id, started_at: call.startedAt, agent: call.agentID.flatMap { agents[$0] } ?? "", phone: PhoneMask.mask(call.phone),
                        disposition: call.disposition ?? "",
                        disposition_name: call.disposition.flatMap { (set.rule($0) ?? DispositionSet.standard.rule($0))?.name.text(language) } ?? "",
                        not_verified: invalid.contains(id), unqualified: unqualified.contains(id),
                        complained: complained.contains(id))
        }
    }
}
