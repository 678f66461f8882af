import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Vendors, price lists and monthly statements over HTTP (issue 18).
enum SettlementController {
    static func register(_ app: Application) {
        let vendors = app.grouped("api", "v1", "vendors")
        vendors.endpoint(.GET, permission: .viewVendors, surface: .api, use: listVendors)
        vendors.endpoint(.POST, permission: .manageVendors, surface: .api, use: registerVendor)
        vendors.endpoint(.GET, ":vendor", permission: .viewVendors, surface: .api, use: showVendor)
        vendors.endpoint(.PUT, ":vendor", permission: .manageVendors, surface: .api, use: updateVendor)
        vendors.endpoint(.POST, ":vendor", "qualify", permission: .manageVendors, surface: .api, use: qualify)
        vendors.endpoint(.POST, ":vendor", "contracts", permission: .manageVendors, surface: .api, use: addContract)
        let prices = app.grouped("api", "v1", "price-lists")
        prices.endpoint(.GET, permission: .managePrices, surface: .api, use: listPrices)
        prices.endpoint(.POST, permission: .managePrices, surface: .api, use: draftPrices)
        prices.endpoint(.POST, ":list", "approve", permission: .managePrices, surface: .api, use: approvePrices)
        app.grouped("api", "v1", "projects", ":id").endpoint(.POST, "usage-fees", permission: .runSettlements, surface: .api,
                                                             body: .collect(maxSize: "20mb"), use: importUsageFees)
        let statements = app.grouped("api", "v1", "settlements")
        statements.endpoint(.GET, permission: .viewSettlements, surface: .api, use: listStatements)
        statements.endpoint(.POST, permission: .runSettlements, surface: .api, use: run)
        statements.endpoint(.GET, ":statement", permission: .viewSettlements, surface: .api, use: showStatement)
        statements.endpoint(.GET, ":statement", "download", permission: .viewSettlements, surface: .api, use: download)
        statements.endpoint(.GET, ":statement", "calls", permission: .viewSettlements, surface: .api, use: calls)
        statements.endpoint(.POST, ":statement", "counts", permission: .submitCounts, surface: .api, use: counts)
        statements.endpoint(.POST, ":statement", "settle", permission: .runSettlements, surface: .api, use: settle)
        statements.endpoint(.POST, ":statement", "approve", permission: .runSettlements, surface: .api, use: approve)
        statements.endpoint(.POST, ":statement", "paid", permission: .runSettlements, surface: .api, use: paid)
        VendorPages.register(app)
        SettlementPages.register(app)
    }

    static func id(_ req: Request, _ name: String, _ what: LocalizedText) throws -> UUID {
        guard let id = req.parameters.get(name, as: UUID.self) else { throw DomainError.notFound(what) }
        return id
    }

    static func today(_ req: Request) async throws -> LocalDate {
        LocalDate(req.now, in: try await OrganisationQueries.timeZone(on: req.db))
    }

    static func vendorView(_ vendor: VendorModel, _ req: Request) async throws -> VendorReads.View {
        try await VendorReads.view(vendor, scope: req.caller.scope, today: try await today(req), language: req.language, on: req.db)
    }

    static func listVendors(_ req: Request) async throws -> [VendorReads.View] {
        try await VendorReads.list(scope: req.caller.scope, today: try await today(req), language: req.language, on: req.db)
    }

    static func registerVendor(_ req: Request) async throws -> Response {
        let vendor = try await VendorService.register(try req.content.decode(VendorService.Registration.self), by: req.caller, at: req.now, on: req.db)
        return try await vendorView(vendor, req).encodeResponse(status: .created, for: req)
    }

    static func showVendor(_ req: Request) async throws -> VendorReads.View {
        let vendor = try await VendorService.find(try id(req, "vendor", LocalizedText(zh: "外呼公司", en: "vendor")), scope: req.caller.scope, on: req.db)
        return try await vendorView(vendor, req)
    }

    static func updateVendor(_ req: Request) async throws -> VendorReads.View {
        let vendor = try await VendorService.update(try id(req, "vendor", LocalizedText(zh: "外呼公司", en: "vendor")),
                                                    try req.content.decode(VendorService.Registration.self), by: req.caller, at: req.now, on: req.db)
        return try await vendorView(vendor, req)
    }

    struct QualifyInput: Content {
        var from: String?
        var override: String?
    }

    static func qualify(_ req: Request) async throws -> VendorReads.View {
        let input = try req.content.decode(QualifyInput.self)
        let typed = try input.from.map { try LocalDate.parse($0, field: "from") }
        let from = if let typed { typed } else { try await today(req) }
        let vendor = try await VendorService.qualify(try id(req, "vendor", LocalizedText(zh: "外呼公司", en: "vendor")), from: from,
                                                     override: input.override, by: req.caller, at: req.now, on: req.db)
        return try await vendorView(vendor, req)
    }

    static func addContract(_ req: Request) async throws -> Response {
        let vendorID = try id(req, "vendor", LocalizedText(zh: "外呼公司", en: "vendor"))
        _ = try await VendorService.addContract(vendorID, try req.content.decode(VendorService.Contract.self), by: req.caller, at: req.now, on: req.db)
        return try await vendorView(try await VendorService.find(vendorID, scope: req.caller.scope, on: req.db), req).encodeResponse(status: .created, for: req)
    }

    static func listPrices(_ req: Request) async throws -> [PriceListService.View] {
        try await PriceListService.list(project: req.query[String.self, at: "project"], scope: req.caller.scope, language: req.language, on: req.db)
    }

    static func draftPrices(_ req: Request) async throws -> Response {
        let model = try await PriceListService.draft(try req.content.decode(PriceListService.Draft.self), by: req.caller, at: req.now, on: req.db)
        let views = try await PriceListService.list(project: nil, scope: req.caller.scope, language: req.language, on: req.db)
        guard let view = views.first(where: { $0.id == model.id }) else { throw Abort(.internalServerError) }
        return try await view.encodeResponse(status: .created, for: req)
    }

    static func approvePrices(_ req: Request) async throws -> [PriceListService.View] {
        _ = try await PriceListService.approve(try id(req, "list", LocalizedText(zh: "价格表", en: "price list")), by: req.caller, at: req.now, on: req.db)
        return try await listPrices(req)
    }

    static func listStatements(_ req: Request) async throws -> [SettlementReads.View] {
        let month = req.query[String.self, at: "month"]
        if let month { _ = try SpotCheck.month(month) }
        return try await SettlementReads.list(month: month, scope: req.caller.scope, language: req.language, on: req.db)
    }

    struct RunInput: Content {
        var vendor: String
        var month: String
    }

    static func run(_ req: Request) async throws -> Response {
        let input = try req.content.decode(RunInput.self)
        let vendor = try await VendorReads.resolve(input.vendor, on: req.db)
        let model = try await SettlementService.run(vendor: try vendor.requireID(), month: input.month, by: req.caller, at: req.now, on: req.db)
        return try await SettlementReads.view(model, vendor: vendor, language: req.language).encodeResponse(status: .created, for: req)
    }

    static func statement(_ req: Request) async throws -> (SettlementModel, VendorModel) {
        try await SettlementService.find(try id(req, "statement", LocalizedText(zh: "结算单", en: "statement")), scope: req.caller.scope, on: req.db)
    }

    static func showStatement(_ req: Request) async throws -> SettlementReads.View {
        let (model, vendor) = try await statement(req)
        return try SettlementReads.view(model, vendor: vendor, language: req.language)
    }

    static func download(_ req: Request) async throws -> Response {
        let (model, vendor) = try await statement(req)
        let table = SettlementReads.table(try SettlementReads.view(model, vendor: vendor, language: .zh))
        let name = "statement-\(model.month)"
        switch req.query[String.self, at: "format"] ?? "xlsx" {
        case "csv": return Download.csv(table.csv, named: name)
        case "xlsx": return Download.xlsx(try XLSXWriter.workbook(table), named: name)
        case let other: throw DomainError.invalidField("format", zh: "格式须为 csv 或 xlsx，不是「\(other)」", en: "the format is csv or xlsx, not \"\(other)\"")
        }
    }

    static func calls(_ req: Request) async throws -> [SettlementReads.Call] {
        guard let project = req.query[String.self, at: "project"], !project.isEmpty else { throw DomainError.missingField("project") }
        return try await SettlementReads.calls(try id(req, "statement", LocalizedText(zh: "结算单", en: "statement")), project: project,
                                               scope: req.caller.scope, language: req.language, on: req.db)
    }

    struct CountsInput: Content {
        /// The vendor's own count per project code.
        var counts: [String: Int]
    }

    static func counts(_ req: Request) async throws -> SettlementReads.View {
        let (model, vendor) = try await statement(req)
        let saved = try await SettlementService.submitCounts(try model.requireID(), counts: try req.content.decode(CountsInput.self).counts,
                                                             by: req.caller, at: req.now, on: req.db)
        return try SettlementReads.view(saved, vendor: vendor, language: req.language)
    }

    struct SettleInput: Content {
        var project: String
        var units: Int
        var reason: String
    }

    static func settle(_ req: Request) async throws -> SettlementReads.View {
        let (model, vendor) = try await statement(req)
        let input = try req.content.decode(SettleInput.self)
        let saved = try await SettlementService.settle(try model.requireID(), project: input.project, units: input.units, reason: input.reason,
                                                       by: req.caller, at: req.now, on: req.db)
        return try SettlementReads.view(saved, vendor: vendor, language: req.language)
    }

    static func approve(_ req: Request) async throws -> SettlementReads.View {
        let (model, vendor) = try await statement(req)
        return try SettlementReads.view(try await SettlementService.approve(try model.requireID(), by: req.caller, at: req.now, on: req.db),
                                        vendor: vendor, language: req.language)
    }

    static func paid(_ req: Request) async throws -> SettlementReads.View {
        let (model, vendor) = try await statement(req)
        return try SettlementReads.view(try await SettlementService.markPaid(try model.requireID(), by: req.caller, at: req.now, on: req.db),
                                        vendor: vendor, language: req.language)
    }
}

extension SettlementController {
    /// Billing's usage-fee CSV of a project's month as the request body (`?month=2026-11`).
    static func importUsageFees(_ req: Request) async throws -> UsageFeeService.Outcome {
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw DomainError(.badInput, code: "empty_file", zh: "请求正文应为使用费 CSV 文件", en: "The request body is the usage-fee CSV")
        }
        return try await UsageFeeService.importFile(project: req.parameters.get("id") ?? "", month: req.query[String.self, at: "month"] ?? "",
                                                    text: try CustomerFile.text(Data(buffer: body)), by: req.caller, at: req.now, on: req.db)
    }
}

extension UsageFeeService.Outcome: Content {}
