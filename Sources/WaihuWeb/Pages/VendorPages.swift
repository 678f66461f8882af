import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The vendor registry pages: `/vendors` — every vendor in one's scope with its grade and whether data may go to it,
/// and the registration form; `/vendors/{id}` — its qualification conditions met or not with the figures and the
/// rules, its contracts and NDAs, the forms to correct its facts, qualify it and record a contract.
enum VendorPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "vendors", permission: .viewVendors, surface: .page, use: list)
        app.endpoint(.POST, "vendors", permission: .manageVendors, surface: .page, use: create)
        app.endpoint(.POST, "vendors", "approvers", permission: .manageVendors, surface: .page, use: setApprovers)
        app.endpoint(.GET, "vendors", "compare", permission: .viewVendors, surface: .page, use: compare)
        app.endpoint(.GET, "vendors", ":vendor", permission: .viewVendors, surface: .page, use: show)
        app.endpoint(.POST, "vendors", ":vendor", permission: .manageVendors, surface: .page, use: update)
        app.endpoint(.POST, "vendors", ":vendor", "qualify", permission: .manageVendors, surface: .page, use: qualify)
        app.endpoint(.POST, "vendors", ":vendor", "contracts", permission: .manageVendors, surface: .page, use: contract)
        app.endpoint(.POST, "vendors", ":vendor", "records", permission: .manageVendors, surface: .page, use: record)
        app.endpoint(.POST, "vendors", ":vendor", "records", ":record", "close", permission: .manageVendors, surface: .page, use: close)
        app.endpoint(.POST, "vendors", ":vendor", "records", ":record", "acknowledge", permission: .acknowledgeChecks, surface: .page, use: acknowledge)
        app.endpoint(.POST, "vendors", ":vendor", "exits", permission: .manageVendors, surface: .page, use: openExit)
        app.endpoint(.POST, "vendors", ":vendor", "exits", ":exit", "decide", permission: .manageVendors, surface: .page, use: decide)
    }

    struct Category: Encodable {
        var value: String
        var label: String
        var checked: Bool
    }

    struct Choices: Encodable {
        var models: [AdminPages.Option]
        var categories: [Category]
        var sites: [AdminPages.Option]
    }

    static func choices(_ req: Request, form: [String: String]) async throws -> Choices {
        let language = req.language
        let sites = try await OrganisationQueries.sites(in: req.caller.scope, on: req.db).filter { $0.kind == .vendor }.map(\.name).sorted()
        return Choices(models: CooperationModel.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language) + "（\($0.qualificationYears)）") },
                       categories: BusinessCategory.allCases.map {
                           Category(value: $0.rawValue, label: $0.name.text(language), checked: form["category_\($0.rawValue)"] == "on")
                       },
                       sites: sites.map { .init(value: $0, label: $0) })
    }

    static func list(_ req: Request) async throws -> View { try await listPage(req, error: nil, form: [:]) }

    static func listPage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        struct Data: Encodable {
            var vendors: [VendorReads.View]
            var canManage: Bool
            var choices: Choices
            var form: [String: String]
            /// Each approval level's users, comma-separated, as the form shows them.
            var approvers: [String: String]
            /// Yuan a vendor's point is worth.
            var pointValue: String
        }
        let vendors = try await SettlementController.listVendors(req)
        let levels = try await ApproverService.levels(on: req.db)
        var approvers = Dictionary(uniqueKeysWithValues: ExitApprovalLevel.allCases.map { ($0.rawValue, levels[$0].joined(separator: ", ")) })
        for level in ExitApprovalLevel.allCases { if let typed = form["approvers_\(level.rawValue)"] { approvers[level.rawValue] = typed } }
        let pointValue = Fen.yuan(try await OrganisationQueries.settings(on: req.db).vendorPointFen)
        let data = Data(vendors: vendors, canManage: AccessPolicy.allows(req.caller.role, .manageVendors), choices: try await choices(req, form: form), form: form,
                        approvers: approvers, pointValue: form["point_value"] ?? pointValue)
        return try await PageRenderer.render("vendors", titleKey: "vendors", data: data, error: error, for: req)
    }

    /// The registration form's fields as the use case reads them.
    static func registration(_ fields: [String: String]) throws -> VendorService.Registration {
        func number(_ name: String) throws -> Int? {
            guard let text = FormFlow.optional(fields[name]) else { return nil }
            guard let value = Int(text) else { throw DomainError.invalidField(name, zh: "“\(text)”不是整数", en: "'\(text)' is not a whole number") }
            return value
        }
        let categories = BusinessCategory.allCases.filter { fields["category_\($0.rawValue)"] == "on" }.map(\.rawValue)
        let inspection = fields["site_inspection_passed"].flatMap { $0 == "yes" ? true : $0 == "no" ? false : nil }
        let facts = VendorService.Facts(
            licence_check_year: try number("licence_check_year"), tax_registered: fields["tax_registered"] == "on",
            independent_legal_person: fields["independent_legal_person"] == "on", registered_capital: try number("registered_capital"),
            seats: try number("seats"), agents: try number("agents"), office_area: try number("office_area"),
            recording_retention_days: try number("recording_retention_days"), experience_years: try number("experience_years"),
            warnings_last_year: try number("warnings_last_year"), site_inspection_passed: inspection)
        return VendorService.Registration(
            legal_name: fields["legal_name"] ?? "", model: fields["model"] ?? "", categories: categories.joined(separator: ","),
            parent: FormFlow.optional(fields["parent"]), sites: FormFlow.optional(fields["sites"]).map { [$0] },
            contacts: fields["contacts"], deposit: FormFlow.optional(fields["deposit"]), franchise_fee: FormFlow.optional(fields["franchise_fee"]), facts: facts,
            task_completed_on: FormFlow.optional(fields["task_completed_on"]))
    }

    static func create(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        do {
            let vendor = try await VendorService.register(try registration(fields), by: req.caller, at: req.now, on: req.db)
            return req.redirect(to: "/vendors/\(try vendor.requireID().uuidString)?notice=saved")
        } catch let error as DomainError {
            let response = try await listPage(req, error: error.message.text(req.language), form: fields).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    static func vendorID(_ req: Request) throws -> UUID {
        try SettlementController.id(req, "vendor", LocalizedText(zh: "外呼公司", en: "vendor"))
    }

    static func show(_ req: Request) async throws -> View { try await detailPage(req, error: nil) }

    static func detailPage(_ req: Request, error: String?) async throws -> View {
        struct Data: Encodable {
            var vendor: VendorReads.View
            var canManage: Bool
            var canAcknowledge: Bool
            var choices: Choices
            var form: [String: String]
            var today: String
            var records: [VendorAssessmentReads.Record]
            var exits: [VendorAssessmentReads.Exit]
            var sources: [AdminPages.Option]
            var exitCategories: [AdminPages.Option]
            var documents: [Document]
            var documentKinds: [AdminPages.Option]
            var ledger: VendorLedgerReads.Ledger
            var ledgerKinds: [AdminPages.Option]
        }
        struct Document: Encodable {
            var id: String, kind: String, file: String, size: String, validUntil: String, expired: Bool, uploaded: String
        }
        let vendor = try await SettlementController.showVendor(req)
        let facts = vendor.facts
        func text(_ value: Int?) -> String { value.map(String.init) ?? "" }
        var form = ["legal_name": vendor.legal_name, "model": vendor.model, "parent": vendor.parent ?? "", "sites": vendor.sites.first ?? "",
                    "contacts": vendor.contacts, "deposit": vendor.deposit, "franchise_fee": vendor.franchise_fee,
                    "task_completed_on": vendor.task_completed_on ?? "",
                    "licence_check_year": text(facts.licence_check_year), "registered_capital": text(facts.registered_capital),
                    "seats": text(facts.seats), "agents": text(facts.agents), "office_area": text(facts.office_area),
                    "recording_retention_days": text(facts.recording_retention_days), "experience_years": text(facts.experience_years),
                    "warnings_last_year": text(facts.warnings_last_year),
                    "site_inspection_passed": facts.site_inspection_passed.map { $0 ? "yes" : "no" } ?? "",
                    "tax_registered": facts.tax_registered == true ? "on" : "", "independent_legal_person": facts.independent_legal_person == true ? "on" : ""]
        for category in vendor.categories { form["category_\(category)"] = "on" }
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let today = LocalDate(req.now, in: zone)
        let caller = req.caller
        let sources = VendorFaultSource.allCases.map { AdminPages.Option(value: $0.rawValue, label: $0.name.text(req.language)) }
            + [AdminPages.Option(value: VendorAssessmentService.veto, label: req.language == .zh ? "经营其他运营商业务（一票否决）" : "Another operator's business (veto)"),
               AdminPages.Option(value: VendorAssessmentService.continues, label: req.language == .zh ? "年度资格验证：继续合作" : "Annual verification: goes on"),
               AdminPages.Option(value: VendorAssessmentService.endsEarly, label: req.language == .zh ? "年度资格验证：提前终止" : "Annual verification: end early"),
               AdminPages.Option(value: VendorAssessmentService.selected, label: req.language == .zh ? "年度选拔：入选" : "Yearly selection: selected"),
               AdminPages.Option(value: VendorAssessmentService.notSelected, label: req.language == .zh ? "年度选拔：未入选" : "Yearly selection: not selected")]
        let data = Data(vendor: vendor, canManage: AccessPolicy.allows(caller.role, .manageVendors), canAcknowledge: AccessPolicy.allows(caller.role, .acknowledgeChecks),
                        choices: try await choices(req, form: form), form: form, today: today.description,
                        records: try await VendorAssessmentReads.records(vendor.id, scope: caller.scope, today: today, language: req.language, on: req.db),
                        exits: try await VendorAssessmentReads.exits(vendor.id, scope: caller.scope, language: req.language, on: req.db), sources: sources,
                        exitCategories: zip(vendor.categories, vendor.category_names).map { AdminPages.Option(value: $0, label: $1) },
                        documents: try await VendorDocumentService.list(vendor: vendor.id, caller: caller, at: req.now, on: req.db).map { d in
                            Document(id: d.id.uuidString, kind: d.kind_name.text(req.language), file: d.file_name, size: String(format: "%.0f KB", Double(d.size) / 1024),
                                     validUntil: d.valid_until ?? "", expired: d.expired,
                                     uploaded: "\(d.uploaded_by) · \(LocalTime(d.uploaded_at, in: zone).description)")
                        },
                        documentKinds: VendorDocumentKind.allCases.map { AdminPages.Option(value: $0.rawValue, label: $0.name.text(req.language)) },
                        ledger: try await VendorLedgerReads.ledger(vendor.id, scope: caller.scope, language: req.language, on: req.db),
                        ledgerKinds: VendorLedgerKind.allCases.map { AdminPages.Option(value: $0.rawValue, label: $0.name.text(req.language)) })
        return try await PageRenderer.render("vendor", titleKey: "vendors", data: data, error: error, for: req)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try vendorID(req)
        return try await FormFlow.submit(req, redirect: "/vendors/\(id.uuidString)", action: {
            _ = try await VendorService.update(id, try registration(try req.content.decode([String: String].self)), by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func qualify(_ req: Request) async throws -> Response {
        let id = try vendorID(req)
        return try await FormFlow.submit(req, redirect: "/vendors/\(id.uuidString)", action: {
            let fields = try req.content.decode([String: String].self)
            let from = try LocalDate.parse(fields["from"] ?? "", field: "from")
            _ = try await VendorService.qualify(id, from: from, override: FormFlow.optional(fields["override"]), by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func contract(_ req: Request) async throws -> Response {
        let id = try vendorID(req)
        return try await FormFlow.submit(req, redirect: "/vendors/\(id.uuidString)", action: {
            let fields = try req.content.decode([String: String].self)
            let input = VendorService.Contract(number: fields["number"] ?? "", starts_on: fields["starts_on"] ?? "", ends_on: fields["ends_on"] ?? "",
                                               nda_signed_on: FormFlow.optional(fields["nda_signed_on"]), nda_until: FormFlow.optional(fields["nda_until"]),
                                               ticket_deduction: FormFlow.optional(fields["ticket_deduction"]),
                                               complaint_deduction: FormFlow.optional(fields["complaint_deduction"]),
                                               tolerance_percent: FormFlow.optional(fields["tolerance_percent"]).flatMap { Int($0) },
                                               tolerance_floor: FormFlow.optional(fields["tolerance_floor"]).flatMap { Int($0) },
                                               quality_bands: fields["quality_bands"])
            _ = try await VendorService.addContract(id, input, by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func record(_ req: Request) async throws -> Response {
        let id = try vendorID(req)
        return try await FormFlow.submit(req, redirect: "/vendors/\(id.uuidString)", action: {
            let fields = try req.content.decode([String: String].self)
            let input = VendorAssessmentService.Input(kind: fields["kind"] ?? "", source: FormFlow.optional(fields["source"]), reason: fields["reason"] ?? "",
                                                      occurred_on: FormFlow.optional(fields["occurred_on"]), due_on: FormFlow.optional(fields["due_on"]))
            _ = try await VendorAssessmentService.record(id, input, by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func recordID(_ req: Request) throws -> UUID { try SettlementController.id(req, "record", LocalizedText(zh: "考核记录", en: "assessment record")) }

    static func close(_ req: Request) async throws -> Response {
        let id = try vendorID(req)
        return try await FormFlow.submit(req, redirect: "/vendors/\(id.uuidString)", action: {
            let note = try req.content.decode([String: String].self)["note"] ?? ""
            _ = try await VendorAssessmentService.close(try recordID(req), note: note, by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func acknowledge(_ req: Request) async throws -> Response {
        let id = try vendorID(req)
        return try await FormFlow.submit(req, redirect: "/vendors/\(id.uuidString)", action: {
            _ = try await VendorAssessmentService.acknowledge(try recordID(req), by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func openExit(_ req: Request) async throws -> Response {
        let id = try vendorID(req)
        return try await FormFlow.submit(req, redirect: "/vendors/\(id.uuidString)", action: {
            let fields = try req.content.decode([String: String].self)
            guard let kind = ExitKind(rawValue: fields["kind"] ?? "") else {
                throw DomainError.invalidField("kind", zh: "请选择退出类型", en: "Choose the kind of exit")
            }
            let category = FormFlow.optional(fields["category"]).flatMap(BusinessCategory.init)
            let vendor = try await VendorService.find(id, scope: req.caller.scope, on: req.db)
            _ = try await VendorExitService.open(vendor, kind: kind, category: category, trigger: .manual, reason: fields["reason"] ?? "",
                                                 by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    static func decide(_ req: Request) async throws -> Response {
        let id = try vendorID(req)
        return try await FormFlow.submit(req, redirect: "/vendors/\(id.uuidString)", action: {
            let fields = try req.content.decode([String: String].self)
            let exit = try SettlementController.id(req, "exit", LocalizedText(zh: "退出审批", en: "exit case"))
            _ = try await VendorExitService.decide(exit, approve: fields["approve"] == "yes", note: fields["note"] ?? "", by: req.caller, at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }

    /// The approvers form: each level's usernames separated by commas or spaces; an empty level is open to every manager.
    static func setApprovers(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        func names(_ level: ExitApprovalLevel) -> [String] {
            FormFlow.items(fields["approvers_\(level.rawValue)"] ?? "")
        }
        return try await FormFlow.submit(req, redirect: "/vendors", action: {
            _ = try await ApproverService.set(.init(center: names(.center), marketing: names(.marketing), deputy_manager: names(.deputyManager)),
                                              by: req.caller, at: req.now, on: req.db)
        }, page: { try await listPage(req, error: $0, form: fields) })
    }
}
