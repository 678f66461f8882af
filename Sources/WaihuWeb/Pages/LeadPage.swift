import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// One lead's page: its facts (numbers masked), every call with its result, talk time and answers, the orders
/// taken on it, and a link to its contact-rule decisions.
enum LeadPage {
    static func register(_ app: Application) {
        app.endpoint(.GET, "projects", ":id", "leads", ":lead", permission: .viewLeads, surface: .page, use: show)
    }

    struct Call: Encodable {
        var at: String
        var agent: String
        var result: String
        var talk: String
        var testCall: Bool
        var answers: [AdminPages.Option]
        var orders: [AdminPages.Option]
    }

    struct Data: Encodable {
        var project: ProjectDTO
        var lead: LeadDTO
        var statusName: String
        var batch: String
        var attributes: [AdminPages.Option]
        var calls: [Call]
        var canCheck: Bool
    }

    static func show(_ req: Request) async throws -> View {
        let lang = req.language
        let record = try await ProjectController.find(req)
        let projectID = try record.project.requireID()
        guard let id = req.parameters.get("lead", as: UUID.self) else {
            throw DomainError.notFound(LocalizedText(zh: "客户", en: "lead"))
        }
        let model = try await LeadView.find(id, scope: req.currentUser().scope, on: req.db)
        guard model.projectID == projectID else { throw DomainError.notFound(LocalizedText(zh: "客户", en: "lead")) }
        let lead = try await LeadView.dtos([model], reveal: false, on: req.db)[0]
        let zone = TimeZone(identifier: record.project.timeZone) ?? .current
        let dispositions = try await DispositionQueries.inForce(project: projectID, on: req.db)
        let calls = try await LeadHistoryService.calls(of: id, project: projectID, on: req.db).map { call in
            Call(at: LocalTime(call.startedAt, in: zone).description, agent: call.agent,
                 result: call.disposition.map { dispositions.rule($0)?.name.text(lang) ?? $0 } ?? Strings.text("lead_no_result", lang),
                 talk: DeskTime.minutes(call.talkSeconds), testCall: call.testCall,
                 answers: call.answers.map { .init(value: $0.answer, label: $0.question) },
                 orders: call.orders.map { order in
                     .init(value: String(format: "¥%.2f", Double(order.amountCents) / 100),
                           label: "\(order.number) · " + Strings.text("order_" + order.status, lang))
                 })
        }
        let batch = try await LeadQueries.batches(project: projectID, on: req.db).first { $0.id == model.batchID }?.fileName ?? ""
        let data = Data(project: ProjectDTO(record), lead: lead,
                        statusName: LeadStatus(rawValue: lead.status)?.name.text(lang) ?? lead.status, batch: batch,
                        attributes: lead.attributes.sorted { $0.key < $1.key }.map { .init(value: $0.value, label: $0.key) },
                        calls: calls, canCheck: AccessPolicy.allows(try req.currentUser().role, .checkPolicy))
        return try await PageRenderer.render("lead", titleKey: "lead_title", data: data, for: req)
    }
}

/// Durations as the desk and the pages write them.
enum DeskTime {
    /// `m:ss`.
    static func minutes(_ seconds: Int) -> String {
        let s = seconds % 60
        return "\(seconds / 60):" + (s < 10 ? "0" : "") + "\(s)"
    }
}
