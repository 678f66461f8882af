import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// One complaint: who and what, its steps with who and when, the deadlines, and a form per step that may be taken now.
extension ComplaintPages {
    struct StepRow: Encodable {
        var name: String
        var by: String
        var at: String
        var note: String
    }

    struct DetailData: Encodable {
        var row: Row
        var note: String
        var team: String
        var site: String
        var call: String?
        var rootCause: String
        var compensation: String
        var steps: [StepRow]
        var open: [AdminPages.Option]
        var canManage: Bool
    }

    static func show(_ req: Request) async throws -> View { try await detailPage(req, error: nil) }

    static func detailPage(_ req: Request, error: String?) async throws -> View {
        let language = req.language
        let user = try req.currentUser()
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let view = try await ComplaintReads.one(try ComplaintController.id(req), user: user, language: language, at: req.now, on: req.db)
        var call: String?
        if let attempt = view.attempt_id, let review = try await QAReviewModel.query(on: req.db).filter(\.$attemptID == attempt).first() {
            call = "/qa/reviews/\(try review.requireID().uuidString)"
        }
        let data = DetailData(
            row: row(view, zone: zone, language: language), note: view.note, team: view.team ?? "", site: view.site ?? "", call: call,
            rootCause: view.root_cause ?? "", compensation: view.compensation.map { "¥" + PenaltyAmount.format($0) } ?? "",
            steps: view.steps.map { StepRow(name: $0.name, by: $0.by, at: LocalTime($0.at, in: zone).description, note: $0.note) },
            open: view.open_steps.compactMap(ComplaintStep.init(rawValue:)).map { .init(value: $0.rawValue, label: $0.name.text(language)) },
            canManage: AccessPolicy.allows(user.role, .manageComplaints))
        return try await PageRenderer.render("complaint", titleKey: "complaint_title", data: data, error: error, for: req)
    }

    /// A step's form: `note`; for the judgement `valid` (yes/no) and `root_cause`; for the remedy `cancel_orders` and
    /// `compensation`.
    static func step(_ req: Request) async throws -> Response {
        let id = try ComplaintController.id(req)
        return try await FormFlow.submit(req, redirect: "/complaints/\(id.uuidString)", action: {
            guard let step = ComplaintStep(rawValue: req.parameters.get("step") ?? "") else {
                throw DomainError.notFound(LocalizedText(zh: "处理步骤", en: "step"))
            }
            let fields = try req.content.decode([String: String].self)
            let compensation = try FormFlow.optional(fields["compensation"]).map { text throws -> Double in
                guard let value = Double(text) else { throw DomainError.invalidField("compensation", zh: "赔付金额须为数字", en: "the compensation is a number") }
                return value
            }
            if step == .judged, fields["valid"] != "yes", fields["valid"] != "no" {
                throw DomainError.invalidField("valid", zh: "请选择是否企业原因", en: "choose whether it is our fault")
            }
            let input = ComplaintService.StepInput(note: fields["note"], valid: fields["valid"].map { $0 == "yes" }, root_cause: fields["root_cause"],
                                                   cancel_orders: fields["cancel_orders"] != nil, compensation: compensation)
            _ = try await ComplaintController.advance(req, step, input)
        }, page: { try await detailPage(req, error: $0) })
    }
}
