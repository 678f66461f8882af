import Vapor
import WaihuCore

/// The orders page's forms: each step posts, and on success the list is shown again (filters kept); a
/// refusal shows the list with its reason.
extension OrderPages {
    struct Form: Content {
        var status: String?
        var reason: String?
        var note: String?
        var outcome: String?
        var tracking_number: String?
    }

    static func act(_ req: Request, _ step: @escaping (Form) async throws -> Void) async throws -> Response {
        let back = "/orders" + (req.query[String.self, at: "back"].map { $0.isEmpty ? "" : "?" + $0 } ?? "")
        return try await FormFlow.submit(req, redirect: back, action: {
            try await step(try req.content.decode(Form.self))
        }, page: { error in try await render(req, error: error) })
    }

    static func move(_ req: Request) async throws -> Response {
        try await act(req) { form in
            _ = try await OrdersController.moveOrder(req, .init(status: form.status ?? "", reason: form.reason, note: form.note,
                                                                tracking_number: form.tracking_number))
        }
    }

    static func flag(_ req: Request) async throws -> Response {
        try await act(req) { form in _ = try await OrdersController.flagOrder(req, note: form.note) }
    }

    static func reconfirm(_ req: Request) async throws -> Response {
        try await act(req) { form in _ = try await OrdersController.reconfirmOrder(req, outcome: form.outcome, note: form.note) }
    }

    static func dispute(_ req: Request) async throws -> Response {
        try await act(req) { form in _ = try await OrdersController.disputeOrder(req, note: form.note) }
    }
}
