import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// `/qa/findings`: what reviews found, within the caller's scope, open ones first — to study at the next pre-shift
/// meeting (RULES QL-01) and, for bad attitude or profanity, the apology call a manager and the agent make (QA-08).
extension QualityPages {
    struct FindingRow: Encodable {
        var id: String
        var review: String
        var at: String
        var agent: String
        var category: String
        var note: String
        var trained: String
        var apologyRequired: Bool
        var apology: String
    }

    static func findingRow(_ finding: QualityReads.FindingView, zone: TimeZone, language: Language) -> FindingRow {
        FindingRow(id: finding.id.uuidString, review: finding.review_id.uuidString, at: LocalTime(finding.created_at, in: zone).description,
                   agent: finding.agent, category: FindingCategory(rawValue: finding.category)?.name.text(language) ?? finding.category,
                   note: finding.note + (finding.households > 1 ? "（\(finding.households)）" : ""),
                   trained: finding.trained_at.map { "\(finding.trained_by ?? "") · \(LocalTime($0, in: zone).description)" } ?? "",
                   apologyRequired: finding.apology_required,
                   apology: finding.apology_done_at.map { "\(finding.apology_by ?? "") · \(LocalTime($0, in: zone).description)：\(finding.apology_note ?? "")" } ?? "")
    }

    static func findings(_ req: Request) async throws -> View { try await findingsPage(req, error: nil) }

    static func findingsPage(_ req: Request, error: String?) async throws -> View {
        let language = req.language
        let user = try req.currentUser()
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let open = req.query[String.self, at: "all"] == nil
        let rows = try await QualityReads.findings(scope: user.scope, open: open, on: req.db).map { findingRow($0, zone: zone, language: language) }
        struct FindingsData: Encodable {
            var findings: [FindingRow]
            var open: Bool
            var canFollow: Bool
        }
        return try await PageRenderer.render("qa-findings", titleKey: "qa_findings",
                                             data: FindingsData(findings: rows, open: open, canFollow: AccessPolicy.allows(user.role, .followFindings)),
                                             error: error, for: req)
    }

    static func follow(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("finding", as: UUID.self) else { throw DomainError.notFound(LocalizedText(zh: "质检问题", en: "finding")) }
        guard let step = QualityService.FindingStep(rawValue: req.parameters.get("step") ?? "") else {
            throw DomainError.notFound(LocalizedText(zh: "页面", en: "page"))
        }
        return try await FormFlow.submit(req, redirect: "/qa/findings", action: {
            let note = try req.content.decode([String: String].self)["note"] ?? ""
            _ = try await QualityService.follow(finding: id, step: step, note: note, user: try req.currentUser(),
                                                actor: req.auditEvent(step == .trained ? "qa.finding_trained" : "qa.finding_apology", targetType: "qa_finding"),
                                                at: req.now, on: req.db)
        }, page: { try await findingsPage(req, error: $0) })
    }
}
