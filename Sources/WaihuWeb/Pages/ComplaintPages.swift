import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The complaint pages (投诉处理, RULES B.2): `/complaints` — open complaints and suggestions with their stage and
/// deadlines (overdue ones marked), the form to register one, the deadlines; `/complaints/{id}` — one complaint,
/// its steps with who and when, and the next step's form.
enum ComplaintPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "complaints", permission: .viewComplaints, surface: .page, use: list)
        app.endpoint(.POST, "complaints", permission: .manageComplaints, surface: .page, use: create)
        app.endpoint(.POST, "complaints", "deadlines", permission: .manageContactRules, surface: .page, use: saveDeadlines)
        app.endpoint(.GET, "complaints", ":complaint", permission: .viewComplaints, surface: .page, use: show)
        app.endpoint(.POST, "complaints", ":complaint", ":step", permission: .manageComplaints, surface: .page, use: step)
    }

    struct Row: Encodable {
        var id: String
        var at: String
        var type: String
        var phone: String
        var channel: String
        var kind: String
        var agent: String
        var stage: String
        var valid: String
        var feedbackDue: String
        var resultDue: String
        var overdueFeedback: Bool
        var overdueResult: Bool
    }

    static func row(_ view: ComplaintReads.View, zone: TimeZone, language: Language) -> Row {
        let zh = language == .zh
        return Row(id: view.id?.uuidString ?? "", at: LocalTime(view.registered_at, in: zone).description, type: view.type_name, phone: view.phone,
                   channel: view.channel_name, kind: view.kind_name, agent: view.agent ?? "", stage: view.stage_name,
                   valid: view.valid.map { $0 ? (zh ? "企业原因" : "Our fault") : (zh ? "非企业原因" : "Not our fault") } ?? "",
                   feedbackDue: LocalTime(view.feedback_due, in: zone).description, resultDue: LocalTime(view.result_due, in: zone).description,
                   overdueFeedback: view.overdue.contains("feedback"), overdueResult: view.overdue.contains("result"))
    }

    struct ListData: Encodable {
        var rows: [Row]
        var open: Bool
        var canManage: Bool
        var canSetDeadlines: Bool
        var feedbackHours: Int
        var resultDays: Int
        var channels: [AdminPages.Option]
        var kinds: [AdminPages.Option]
        var types: [AdminPages.Option]
        var form: [String: String]
    }

    static func list(_ req: Request) async throws -> View { try await listPage(req, error: nil, form: [:]) }

    static func listPage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        let language = req.language
        let user = try req.currentUser()
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let open = req.query[String.self, at: "all"] == nil
        let views = try await ComplaintReads.list(user: user, open: open, language: language, at: req.now, on: req.db)
        let deadlines = try await ComplaintService.deadlines(on: req.db)
        let data = ListData(rows: views.map { row($0, zone: zone, language: language) }, open: open,
                            canManage: AccessPolicy.allows(user.role, .manageComplaints),
                            canSetDeadlines: AccessPolicy.allows(user.role, .manageContactRules),
                            feedbackHours: deadlines.feedbackHours, resultDays: deadlines.resultWorkingDays,
                            channels: ComplaintChannel.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language)) },
                            kinds: ComplaintKind.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language)) },
                            types: ComplaintType.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language)) }, form: form)
        return try await PageRenderer.render("complaints", titleKey: "nav_complaints", data: data, error: error, for: req)
    }

    static func create(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        do {
            let attempt = try FormFlow.optional(fields["attempt_id"]).map { text throws -> UUID in
                guard let id = UUID(uuidString: text) else {
                    throw DomainError.invalidField("attempt_id", zh: "通话编号格式不对", en: "the call's id is not an id")
                }
                return id
            }
            let input = ComplaintService.Registration(phone: fields["phone"] ?? "", channel: fields["channel"] ?? "", kind: fields["kind"] ?? "",
                                                      type: fields["type"], valid: nil, attempt_id: attempt, note: fields["note"])
            let complaint = try await ComplaintService.register(input, user: try req.currentUser(),
                                                                actor: req.auditEvent("complaint.register", targetType: "complaint"), at: req.now, on: req.db)
            return req.redirect(to: "/complaints/\(try complaint.requireID().uuidString)?notice=saved")
        } catch let error as DomainError {
            let response = try await listPage(req, error: error.message.text(req.language), form: fields).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    static func saveDeadlines(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/complaints", action: {
            let fields = try req.content.decode([String: String].self)
            guard let hours = Int(fields["feedback_hours"] ?? ""), let days = Int(fields["result_working_days"] ?? "") else {
                throw DomainError.invalidField("feedback_hours", zh: "时限须为整数", en: "the deadlines are whole numbers")
            }
            try await ComplaintService.saveDeadlines(ComplaintDeadlines(feedbackHours: hours, resultWorkingDays: days),
                                                     actor: req.auditEvent("complaint.deadlines", targetType: "organisation"), at: req.now, on: req.db)
        }, page: { try await listPage(req, error: $0, form: [:]) })
    }
}
