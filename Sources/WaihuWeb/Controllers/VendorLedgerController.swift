import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// A vendor's deposit, franchise fee and points over HTTP and from its page (issue 18, RULES D-13, D-16, D-44).
enum VendorLedgerController {
    static func register(_ app: Application) {
        let vendors = app.grouped("api", "v1", "vendors", ":vendor")
        vendors.endpoint(.GET, "ledger", permission: .viewVendors, surface: .api, use: ledger)
        vendors.endpoint(.POST, "ledger", permission: .manageVendors, surface: .api, use: record)
        app.grouped("api", "v1").endpoint(.PUT, "vendor-point-value", permission: .manageVendors, surface: .api, use: setPointValue)
        app.endpoint(.POST, "vendors", ":vendor", "ledger", permission: .manageVendors, surface: .page, use: recordForm)
        app.endpoint(.POST, "vendors", "point-value", permission: .manageVendors, surface: .page, use: pointValueForm)
    }

    static func ledger(_ req: Request) async throws -> VendorLedgerReads.Ledger {
        try await VendorLedgerReads.ledger(try VendorAssessmentController.vendorID(req), scope: req.caller.scope, language: req.language, on: req.db)
    }

    static func record(_ req: Request) async throws -> Response {
        let vendor = try VendorAssessmentController.vendorID(req)
        _ = try await VendorLedgerService.record(vendor, try req.content.decode(VendorLedgerService.Input.self), by: req.caller, at: req.now, on: req.db)
        return try await ledger(req).encodeResponse(status: .created, for: req)
    }

    struct PointValue: Content {
        var point_value: String
    }

    static func setPointValue(_ req: Request) async throws -> PointValue {
        try await VendorLedgerService.setPointValue(try req.content.decode(PointValue.self).point_value, by: req.caller, at: req.now, on: req.db)
        return PointValue(point_value: Fen.yuan(try await OrganisationQueries.settings(on: req.db).vendorPointFen))
    }

    static func recordForm(_ req: Request) async throws -> Response {
        let vendor = try VendorAssessmentController.vendorID(req)
        return try await FormFlow.submit(req, redirect: "/vendors/\(vendor.uuidString)#vendor-ledger", action: {
            let fields = try req.content.decode([String: String].self)
            let input = VendorLedgerService.Input(kind: fields["kind"] ?? "", amount: fields["amount"] ?? "", day: FormFlow.optional(fields["day"]),
                                                  month: FormFlow.optional(fields["month"]), note: fields["note"] ?? "")
            _ = try await VendorLedgerService.record(vendor, input, by: req.caller, at: req.now, on: req.db)
        }, page: { try await VendorPages.detailPage(req, error: $0) })
    }

    static func pointValueForm(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/vendors#vendor-point-value", action: {
            try await VendorLedgerService.setPointValue(try req.content.decode([String: String].self)["point_value"] ?? "", by: req.caller, at: req.now, on: req.db)
        }, page: { try await VendorPages.listPage(req, error: $0, form: [:]) })
    }
}

extension VendorLedgerReads.Ledger: Content {}
