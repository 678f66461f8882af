import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// A vendor's assessment and exit cases over HTTP (issue 18 items 4 and 6).
enum VendorAssessmentController {
    static func register(_ app: Application) {
        let vendors = app.grouped("api", "v1", "vendors", ":vendor")
        vendors.endpoint(.GET, "records", permission: .viewVendors, surface: .api, use: records)
        vendors.endpoint(.POST, "records", permission: .manageVendors, surface: .api, use: record)
        vendors.endpoint(.GET, "exits", permission: .viewVendors, surface: .api, use: exits)
        vendors.endpoint(.POST, "exits", permission: .manageVendors, surface: .api, use: openExit)
        let records = app.grouped("api", "v1", "vendor-records", ":record")
        records.endpoint(.POST, "close", permission: .manageVendors, surface: .api, use: close)
        records.endpoint(.POST, "acknowledge", permission: .acknowledgeChecks, surface: .api, use: acknowledge)
        app.grouped("api", "v1", "vendor-exits", ":exit").endpoint(.POST, "decide", permission: .manageVendors, surface: .api, use: decide)
        app.grouped("api", "v1").endpoint(.GET, "vendor-approvers", permission: .viewVendors, surface: .api, use: approvers)
        app.grouped("api", "v1").endpoint(.PUT, "vendor-approvers", permission: .manageVendors, surface: .api, use: setApprovers)
    }

    static func approvers(_ req: Request) async throws -> ApproverService.Levels { try await ApproverService.levels(on: req.db) }

    static func setApprovers(_ req: Request) async throws -> ApproverService.Levels {
        try await ApproverService.set(try req.content.decode(ApproverService.Levels.self), by: req.caller, at: req.now, on: req.db)
    }

    static func vendorID(_ req: Request) throws -> UUID { try SettlementController.id(req, "vendor", LocalizedText(zh: "外呼公司", en: "vendor")) }

    static func list(_ req: Request, vendor: UUID) async throws -> [VendorAssessmentReads.Record] {
        try await VendorAssessmentReads.records(vendor, scope: req.caller.scope, today: try await SettlementController.today(req), language: req.language, on: req.db)
    }

    static func records(_ req: Request) async throws -> [VendorAssessmentReads.Record] { try await list(req, vendor: try vendorID(req)) }

    static func record(_ req: Request) async throws -> Response {
        let vendor = try vendorID(req)
        _ = try await VendorAssessmentService.record(vendor, try req.content.decode(VendorAssessmentService.Input.self), by: req.caller, at: req.now, on: req.db)
        return try await list(req, vendor: vendor).encodeResponse(status: .created, for: req)
    }

    struct NoteInput: Content {
        var note: String
    }

    static func close(_ req: Request) async throws -> [VendorAssessmentReads.Record] {
        let id = try SettlementController.id(req, "record", LocalizedText(zh: "考核记录", en: "assessment record"))
        let record = try await VendorAssessmentService.close(id, note: try req.content.decode(NoteInput.self).note, by: req.caller, at: req.now, on: req.db)
        return try await list(req, vendor: record.vendorID)
    }

    static func acknowledge(_ req: Request) async throws -> [VendorAssessmentReads.Record] {
        let id = try SettlementController.id(req, "record", LocalizedText(zh: "考核记录", en: "assessment record"))
        let record = try await VendorAssessmentService.acknowledge(id, by: req.caller, at: req.now, on: req.db)
        return try await list(req, vendor: record.vendorID)
    }

    static func exits(_ req: Request) async throws -> [VendorAssessmentReads.Exit] {
        try await VendorAssessmentReads.exits(try vendorID(req), scope: req.caller.scope, language: req.language, on: req.db)
    }

    struct ExitInput: Content {
        var kind: String
        var category: String?
        var reason: String
    }

    static func openExit(_ req: Request) async throws -> Response {
        let input = try req.content.decode(ExitInput.self)
        let vendor = try await VendorService.find(try vendorID(req), scope: req.caller.scope, on: req.db)
        guard let kind = ExitKind(rawValue: input.kind) else {
            throw DomainError.invalidField("kind", zh: "须为 business（业务退出）或 qualification（资格退出）", en: "the kind is business or qualification")
        }
        let category = try input.category.flatMap { $0.isEmpty ? nil : $0 }.map { try BusinessCategory.parseList($0)[0] }
        _ = try await VendorExitService.open(vendor, kind: kind, category: category, trigger: .manual, reason: input.reason, by: req.caller, at: req.now, on: req.db)
        return try await VendorAssessmentReads.exits(try vendor.requireID(), scope: req.caller.scope, language: req.language, on: req.db)
            .encodeResponse(status: .created, for: req)
    }

    struct DecideInput: Content {
        var approve: Bool
        var note: String?
    }

    static func decide(_ req: Request) async throws -> [VendorAssessmentReads.Exit] {
        let id = try SettlementController.id(req, "exit", LocalizedText(zh: "退出审批", en: "exit case"))
        let input = try req.content.decode(DecideInput.self)
        let model = try await VendorExitService.decide(id, approve: input.approve, note: input.note ?? "", by: req.caller, at: req.now, on: req.db)
        return try await VendorAssessmentReads.exits(model.vendorID, scope: req.caller.scope, language: req.language, on: req.db)
    }
}

extension ApproverService.Levels: Content {}
