import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The settlement pages: `/settlements` — the statements in one's scope and the form to compute one;
/// `/settlements/{id}` — the statement with its reconciliation, the vendor's counts form, the manager's settling of a
/// disputed line, approval, payment and the downloads; `/price-lists` — drafting and approving prices.
enum SettlementPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "settlements", permission: .viewSettlements, surface: .page, use: list)
        app.endpoint(.POST, "settlements", permission: .runSettlements, surface: .page, use: run)
        app.endpoint(.POST, "settlements", "usage-fees", permission: .runSettlements, surface: .page, body: .collect(maxSize: "20mb"), use: importUsageFees)
        app.endpoint(.GET, "settlements", ":statement", permission: .viewSettlements, surface: .page, use: show)
        app.endpoint(.GET, "settlements", ":statement", "calls", permission: .viewSettlements, surface: .page, use: callsPage)
        app.endpoint(.POST, "settlements", ":statement", "counts", permission: .submitCounts, surface: .page, use: counts)
        app.endpoint(.POST, "settlements", ":statement", "settle", permission: .runSettlements, surface: .page, use: settle)
        app.endpoint(.POST, "settlements", ":statement", "approve", permission: .runSettlements, surface: .page, use: approve)
        app.endpoint(.POST, "settlements", ":statement", "paid", permission: .runSettlements, surface: .page, use: paid)
        app.endpoint(.GET, "price-lists", permission: .managePrices, surface: .page, use: prices)
        app.endpoint(.POST, "price-lists", permission: .managePrices, surface: .page, use: draft)
        app.endpoint(.POST, "price-lists", ":list", "approve", permission: .managePrices, surface: .page, use: approvePrices)
    }

    static func list(_ req: Request) async throws -> View { try await listPage(req, error: nil, form: [:]) }

    static func listPage(_ req: Request, error: String?, form: [String: String], usage: UsageFeeService.Outcome? = nil) async throws -> View {
        struct Data: Encodable {
            var statements: [Shown]
            var canRun: Bool
            var canPrice: Bool
            var vendors: [AdminPages.Option]
            var projects: [AdminPages.Option]
            var form: [String: String]
            var usage: UsageFeeService.Outcome?
        }
        let caller = req.caller
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        var typed = form
        if typed["month"] == nil { typed["month"] = String(LocalDate(req.now, in: zone).addingMonths(-1).description.prefix(7)) }
        let vendors = try await VendorModel.query(on: req.db).sort(\.$legalName).all().map { AdminPages.Option(value: $0.legalName, label: $0.legalName) }
        let data = Data(statements: try await SettlementReads.list(month: nil, scope: caller.scope, language: req.language, on: req.db).map(shown),
                        canRun: AccessPolicy.allows(caller.role, .runSettlements), canPrice: AccessPolicy.allows(caller.role, .managePrices),
                        vendors: vendors, projects: try await ProjectQueries.projects(in: caller.scope, on: req.db).map {
                            AdminPages.Option(value: $0.project.code, label: "\($0.project.code) \($0.project.name)") },
                        form: typed, usage: usage)
        return try await PageRenderer.render("settlements", titleKey: "settlements", data: data, error: error, for: req)
    }

    static func run(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        do {
            let vendor = try await VendorReads.resolve(fields["vendor"] ?? "", on: req.db)
            let model = try await SettlementService.run(vendor: try vendor.requireID(), month: fields["month"] ?? "", by: req.caller, at: req.now, on: req.db)
            return req.redirect(to: "/settlements/\(try model.requireID().uuidString)?notice=saved")
        } catch let error as DomainError {
            let response = try await listPage(req, error: error.message.text(req.language), form: fields).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    struct UsageForm: Content {
        var project: String
        var month: String
        var file: File?
    }

    /// Billing's usage-fee file of a project's month: the page shows what was taken, per vendor, and each row refused.
    static func importUsageFees(_ req: Request) async throws -> Response {
        let form = try req.content.decode(UsageForm.self)
        let fields = ["project": form.project, "month": form.month]
        do {
            guard let file = form.file, file.data.readableBytes > 0 else {
                throw DomainError(.badInput, code: "empty_file", zh: "请选择使用费文件", en: "Choose the usage-fee file")
            }
            let outcome = try await UsageFeeService.importFile(project: form.project, month: form.month, text: try CustomerFile.text(Data(buffer: file.data)),
                                                               by: req.caller, at: req.now, on: req.db)
            return try await listPage(req, error: nil, form: fields, usage: outcome).encodeResponse(for: req)
        } catch let error as DomainError {
            let response = try await listPage(req, error: error.message.text(req.language), form: fields).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    static func statementID(_ req: Request) throws -> UUID {
        try SettlementController.id(req, "statement", LocalizedText(zh: "结算单", en: "statement"))
    }

    static func show(_ req: Request) async throws -> Response {
        if req.query[String.self, at: "format"] != nil { return try await SettlementController.download(req) }
        return try await detailPage(req, error: nil).encodeResponse(for: req)
    }

    static func detailPage(_ req: Request, error: String?) async throws -> View {
        struct Data: Encodable {
            var statement: Shown
            var draft: Bool
            var canCount: Bool
            var canRun: Bool
            var canApprove: Bool
            var canPay: Bool
            var disputed: [SettlementReads.Count]
        }
        let caller = req.caller
        let view = try await SettlementController.showStatement(req)
        let draft = view.status == StatementStatus.draft.rawValue
        let data = Data(statement: shown(view), draft: draft, canCount: draft && AccessPolicy.allows(caller.role, .submitCounts),
                        canRun: draft && AccessPolicy.allows(caller.role, .runSettlements),
                        canApprove: view.status == StatementStatus.reconciled.rawValue && AccessPolicy.allows(caller.role, .runSettlements),
                        canPay: view.status == StatementStatus.approved.rawValue && AccessPolicy.allows(caller.role, .runSettlements),
                        disputed: view.reconciliation.filter { $0.outcome == ReconciliationLine.Outcome.disputed.rawValue })
        return try await PageRenderer.render("settlement", titleKey: "settlements", data: data, error: error, for: req)
    }

    /// A line's calls: when, who, the customer masked, the result, and what set it apart.
    static func callsPage(_ req: Request) async throws -> View {
        struct Row: Encodable {
            var at: String
            var agent: String
            var phone: String
            var result: String
            var notes: String
            var bad: Bool
        }
        struct Data: Encodable {
            var statement: String
            var title: String
            var rows: [Row]
        }
        let id = try statementID(req)
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let project = req.query[String.self, at: "project"] ?? ""
        let zh = req.language == .zh
        let calls = try await SettlementReads.calls(id, project: project, scope: req.caller.scope, language: req.language, on: req.db)
        let rows = calls.map { call in
            let notes = [call.not_verified ? (zh ? "核实不属实，不计费" : "not verified: not paid") : nil,
                         call.unqualified ? (zh ? "不合格工单" : "unqualified ticket") : nil,
                         call.complained ? (zh ? "有效投诉" : "valid complaint") : nil].compactMap { $0 }.joined(separator: "；")
            return Row(at: LocalTime(call.started_at, in: zone).description, agent: call.agent, phone: call.phone, result: call.disposition_name,
                       notes: notes, bad: !notes.isEmpty)
        }
        return try await PageRenderer.render("settlement-calls", titleKey: "settlements",
                                             data: Data(statement: id.uuidString, title: project, rows: rows), for: req)
    }

    static func counts(_ req: Request) async throws -> Response {
        let id = try statementID(req)
        return try await FormFlow.submit(req, redirect: "/settlements/\(id.uuidString)", action: {
            var counts: [String: Int] = [:]
            for (name, value) in try req.content.decode([String: String].self) where name.hasPrefix("count_") {
                let project = String(name.dropFirst("count_".count))
                guard let count = Int(value.trimmingWhitespace()) else {
                    throw DomainError.invalidField("count", zh: "项目 \(project) 的数量须为整数", en: "The count for \(project) is a whole number")
                }
                counts[project] = count
            }
            _ = try await SettlementService.submitCounts(id, counts: counts, by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func settle(_ req: Request) async throws -> Response {
        let id = try statementID(req)
        return try await FormFlow.submit(req, redirect: "/settlements/\(id.uuidString)", action: {
            let fields = try req.content.decode([String: String].self)
            guard let units = Int((fields["units"] ?? "").trimmingWhitespace()) else {
                throw DomainError.invalidField("units", zh: "裁定数量须为整数", en: "The settled count is a whole number")
            }
            _ = try await SettlementService.settle(id, project: fields["project"] ?? "", units: units, reason: fields["reason"] ?? "",
                                                   by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func approve(_ req: Request) async throws -> Response {
        let id = try statementID(req)
        return try await FormFlow.submit(req, redirect: "/settlements/\(id.uuidString)", action: {
            _ = try await SettlementService.approve(id, by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func paid(_ req: Request) async throws -> Response {
        let id = try statementID(req)
        return try await FormFlow.submit(req, redirect: "/settlements/\(id.uuidString)", action: {
            _ = try await SettlementService.markPaid(id, by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func prices(_ req: Request) async throws -> View { try await pricesPage(req, error: nil, form: [:]) }

    static func pricesPage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        struct Data: Encodable {
            var lists: [PriceListService.View]
            var projects: [AdminPages.Option]
            var vendors: [AdminPages.Option]
            var form: [String: String]
        }
        let projects = try await ProjectModel.query(on: req.db).sort(\.$code).all().map { AdminPages.Option(value: $0.code, label: "\($0.code) \($0.name)") }
        let vendors = try await VendorModel.query(on: req.db).sort(\.$legalName).all().map { AdminPages.Option(value: $0.legalName, label: $0.legalName) }
        let data = Data(lists: try await PriceListService.list(project: nil, scope: req.caller.scope, language: req.language, on: req.db),
                        projects: projects, vendors: vendors, form: form)
        return try await PageRenderer.render("price-lists", titleKey: "price_lists", data: data, error: error, for: req)
    }

    static func draft(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        do {
            let tiers = try (1 ... 3).compactMap { index throws -> PriceListService.Tier? in
                guard let price = FormFlow.optional(fields["tier\(index)_price"]) else { return nil }
                let bound = FormFlow.optional(fields["tier\(index)_questions"])
                guard bound.map({ Int($0) != nil }) ?? true else {
                    throw DomainError.invalidField("tiers", zh: "题数须为整数", en: "A tier's question count is a whole number")
                }
                return PriceListService.Tier(questions: bound.flatMap { Int($0) }, price: price)
            }
            let usage = try FormFlow.optional(fields["usage_percent"]).map { text throws -> Double in
                guard let value = Double(text) else { throw DomainError.invalidField("usage_percent", zh: "提成比例须为数字", en: "The commission is a number") }
                return value
            }
            let input = PriceListService.Draft(project: fields["project"] ?? "", vendor: FormFlow.optional(fields["vendor"]), starts_on: fields["starts_on"] ?? "",
                                               ends_on: FormFlow.optional(fields["ends_on"]), unit_price: FormFlow.optional(fields["unit_price"]),
                                               tiers: tiers, usage_percent: usage)
            _ = try await PriceListService.draft(input, by: req.caller, at: req.now, on: req.db)
            return req.redirect(to: "/price-lists?notice=saved")
        } catch let error as DomainError {
            let response = try await pricesPage(req, error: error.message.text(req.language), form: fields).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    static func approvePrices(_ req: Request) async throws -> Response {
        let id = try SettlementController.id(req, "list", LocalizedText(zh: "价格表", en: "price list"))
        return try await FormFlow.submit(req, redirect: "/price-lists", action: {
            _ = try await PriceListService.approve(id, by: req.caller, at: req.now, on: req.db)
        }, page: { try await pricesPage(req, error: $0, form: [:]) })
    }
}
