import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The spot check pages: `/qa/checks` — the checks in one's scope and the form to make one; `/qa/checks/{id}` — the
/// calls it took with what it found, the inspector's verification of each success, the vendor's answer.
enum SpotCheckPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "qa", "checks", permission: .viewReviews, surface: .page, use: list)
        app.endpoint(.POST, "qa", "checks", permission: .reviewCalls, surface: .page, use: start)
        app.endpoint(.GET, "qa", "checks", ":check", permission: .viewReviews, surface: .page, use: show)
        app.endpoint(.POST, "qa", "checks", ":check", "items", ":item", permission: .reviewCalls, surface: .page, use: verify)
        app.endpoint(.POST, "qa", "checks", ":check", ":step", permission: .acknowledgeChecks, surface: .page, use: answer)
    }

    struct Row: Encodable {
        var id: String
        var kind: String
        var site: String
        var month: String
        var at: String
        var calls: Int
        var findings: Int
        var unchecked: Int
        var answer: String
        var numbers: Bool
    }

    static func row(_ view: SpotCheckReads.View, zone: TimeZone, language: Language) -> Row {
        let zh = language == .zh
        let answer = view.fixed_at.map { _ in (zh ? "已整改：" : "Fixed: ") + (view.fix_note ?? "") }
            ?? view.acknowledged_at.map { (zh ? "已确认收到 " : "Acknowledged ") + LocalTime($0, in: zone).description }
            ?? (zh ? "待外呼公司确认" : "Waiting for the vendor")
        return Row(id: view.id.uuidString, kind: view.kind_name, site: view.site, month: view.month, at: LocalTime(view.created_at, in: zone).description,
                   calls: view.calls, findings: view.findings, unchecked: view.unchecked, answer: answer, numbers: view.kind == SpotCheckKind.numbers.rawValue)
    }

    static func list(_ req: Request) async throws -> View { try await listPage(req, error: nil, form: [:]) }

    static func listPage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        let language = req.language
        let user = try req.currentUser()
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let today = LocalTime(req.now, in: zone).date
        var typed = form
        if typed.isEmpty { typed = ["month": String(today.description.prefix(7)), "seed": String(Int(req.now.timeIntervalSince1970) % 100_000)] }
        struct Data: Encodable {
            var checks: [Row]
            var canStart: Bool
            var sites: [AdminPages.Option]
            var kinds: [AdminPages.Option]
            var form: [String: String]
            /// Vendors whose month of inspection this is, by their grade.
            var due: [AdminPages.Option]
        }
        let sites = try await OrganisationQueries.sites(in: user.scope, on: req.db).sorted { ($0.kind == .vendor ? 0 : 1, $0.name) < ($1.kind == .vendor ? 0 : 1, $1.name) }
        let due = try await VendorReads.inspectedThisMonth(scope: user.scope, today: today, on: req.db).map {
            AdminPages.Option(value: $0.sites.joined(separator: "、"), label: "\($0.vendor)（\($0.grade.name.text(language))）")
        }
        let data = Data(checks: try await SpotCheckReads.list(user: user, language: language, on: req.db).map { row($0, zone: zone, language: language) },
                        canStart: AccessPolicy.allows(user.role, .reviewCalls), sites: sites.map { .init(value: $0.name, label: $0.name) },
                        kinds: SpotCheckKind.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language) + "（\($0.defaultSize)）") }, form: typed,
                        due: due)
        return try await PageRenderer.render("qa-checks", titleKey: "qa_checks", data: data, error: error, for: req)
    }

    static func start(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        do {
            guard let seed = UInt64(fields["seed"] ?? "") else { throw DomainError.invalidField("seed", zh: "随机种子须为非负整数", en: "the seed is a whole number") }
            let size = try FormFlow.optional(fields["size"]).map { text throws -> Int in
                guard let value = Int(text) else { throw DomainError.invalidField("size", zh: "抽查条数须为整数", en: "the size is a whole number") }
                return value
            }
            let check = try await SpotCheckService.start(.init(kind: fields["kind"] ?? "", site: fields["site"] ?? "", month: fields["month"] ?? "", size: size, seed: seed),
                                                         user: try req.currentUser(), actor: req.auditEvent("qa.spot_check", targetType: "spot_check"),
                                                         at: req.now, on: req.db)
            return req.redirect(to: "/qa/checks/\(try check.requireID().uuidString)?notice=saved")
        } catch let error as DomainError {
            let response = try await listPage(req, error: error.message.text(req.language), form: fields).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    static func show(_ req: Request) async throws -> View { try await detailPage(req, error: nil) }

    static func detailPage(_ req: Request, error: String?) async throws -> View {
        let language = req.language
        let user = try req.currentUser()
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let view = try await SpotCheckReads.one(try SpotCheckController.id(req), user: user, language: language, on: req.db)
        struct ItemRow: Encodable {
            var id: String
            var at: String
            var agent: String
            var phone: String
            var violations: [String]
            var checked: Bool
            var verdict: String
            var bad: Bool
        }
        struct Data: Encodable {
            var check: Row
            var items: [ItemRow]
            var canVerify: Bool
            var canAcknowledge: Bool
            var canFix: Bool
        }
        let zh = language == .zh
        let numbers = view.kind == SpotCheckKind.numbers.rawValue
        let items = (view.items ?? []).map { item in
            ItemRow(id: item.id.uuidString, at: LocalTime(item.call_started_at, in: zone).description, agent: item.agent, phone: item.phone,
                    violations: item.violations, checked: item.checked_at != nil,
                    verdict: item.verified.map { $0 ? (zh ? "属实" : "Stands") : (zh ? "不属实：" : "Does not stand: ") + (item.reason ?? "") } ?? "",
                    bad: numbers ? !item.violations.isEmpty : item.verified == false)
        }
        let isVendor = AccessPolicy.allows(user.role, .acknowledgeChecks)
        let data = Data(check: row(view, zone: zone, language: language), items: items,
                        canVerify: !numbers && AccessPolicy.allows(user.role, .reviewCalls),
                        canAcknowledge: isVendor && view.acknowledged_at == nil, canFix: isVendor && view.acknowledged_at != nil && view.fixed_at == nil)
        return try await PageRenderer.render("qa-check", titleKey: "qa_checks", data: data, error: error, for: req)
    }

    static func verify(_ req: Request) async throws -> Response {
        let check = try SpotCheckController.id(req)
        return try await FormFlow.submit(req, redirect: "/qa/checks/\(check.uuidString)", action: {
            let fields = try req.content.decode([String: String].self)
            guard let verdict = fields["verified"], verdict == "yes" || verdict == "no" else {
                throw DomainError.invalidField("verified", zh: "请选择属实或不属实", en: "choose whether it stands")
            }
            _ = try await SpotCheckService.verify(item: try SpotCheckController.id(req, "item"), verified: verdict == "yes", reason: fields["reason"] ?? "",
                                                  user: try req.currentUser(), at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func answer(_ req: Request) async throws -> Response {
        let check = try SpotCheckController.id(req)
        return try await FormFlow.submit(req, redirect: "/qa/checks/\(check.uuidString)", action: {
            guard let step = SpotCheckService.VendorStep(rawValue: req.parameters.get("step") ?? "") else {
                throw DomainError.notFound(LocalizedText(zh: "页面", en: "page"))
            }
            let note = try req.content.decode([String: String].self)["note"] ?? ""
            _ = try await SpotCheckService.vendor(step, check: check, note: note, user: try req.currentUser(),
                                                  actor: req.auditEvent("qa.spot_check_vendor", targetType: "spot_check"), at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }
}
