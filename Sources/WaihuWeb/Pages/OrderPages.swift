import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The orders page: the last 30 days' orders, and for verifiers the next moves of each.
enum OrderPages {
    struct Move: Encodable {
        var status: String
        var label: String
    }

    struct Row: Encodable {
        var number: String
        var project: String
        var agent: String
        var amount: String
        var items: String
        var delivery: String
        var status: String
        var moves: [Move]
    }

    static func render(_ req: Request, error: String? = nil) async throws -> View {
        let language = req.language
        let canMove = AccessPolicy.allows(try req.currentUser().role, .verifyOrders)
        let rows = try await OrdersController.orders(req).map { order in
            let status = OrderStatus(rawValue: order.status) ?? .pending
            return Row(number: order.number, project: order.project ?? "", agent: order.agent ?? "", amount: String(format: "%.2f", order.amount),
                       items: order.items.map { "\($0.product) × \($0.quantity) @ \(String(format: "%.2f", Double($0.unit_price_cents) / 100))" }
                           .joined(separator: "；"),
                       delivery: [order.delivery_name, order.delivery_address, order.delivery_phone].compactMap { $0 }.joined(separator: " "),
                       status: Strings.text("order_" + status.rawValue, language),
                       moves: canMove ? OrderStatus.allCases.filter(status.canMove).map { Move(status: $0.rawValue, label: Strings.text("order_" + $0.rawValue, language)) } : [])
        }
        return try await PageRenderer.render("orders", titleKey: "nav_orders", data: rows, error: error, for: req)
    }

    static func list(_ req: Request) async throws -> View { try await render(req) }

    struct MoveForm: Content {
        var status: String
    }

    static func move(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/orders", action: {
            _ = try await OrdersController.moveOrder(req, status: try req.content.decode(MoveForm.self).status)
        }, page: { error in try await render(req, error: error) })
    }
}
