import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Promoting an exclusive agent to general agent over HTTP and from its page (issue 18, RULES D-04).
enum VendorPromotionController {
    static func register(_ app: Application) {
        app.grouped("api", "v1", "vendors", ":vendor").endpoint(.POST, "promote", permission: .manageVendors, surface: .api, use: promote)
        app.endpoint(.POST, "vendors", ":vendor", "promote", permission: .manageVendors, surface: .page, use: promoteForm)
    }

    struct Promotion: Content {
        var vendor: VendorReads.View
        /// The vendors that became its second-level agents.
        var second_level: [String]
    }

    static func promote(_ req: Request) async throws -> Promotion {
        let id = try VendorAssessmentController.vendorID(req)
        let moved = try await VendorService.promote(id, by: req.caller, at: req.now, on: req.db)
        let vendor = try await VendorService.find(id, scope: req.caller.scope, on: req.db)
        return Promotion(vendor: try await SettlementController.vendorView(vendor, req), second_level: moved)
    }

    static func promoteForm(_ req: Request) async throws -> Response {
        let id = try VendorAssessmentController.vendorID(req)
        return try await FormFlow.submit(req, redirect: "/vendors/\(id.uuidString)", action: {
            _ = try await VendorService.promote(id, by: req.caller, at: req.now, on: req.db)
        }, page: { try await VendorPages.detailPage(req, error: $0) })
    }
}
