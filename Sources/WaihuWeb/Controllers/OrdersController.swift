import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Orders taken on the desk and imported: listed (delivery phones masked), verified, shipped, signed
/// (SPEC.md §5). `GET /api/v1/orders`, `POST /api/v1/orders/{number}/status`, the page `/orders`.
enum OrdersController {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "orders", permission: .viewOrders, surface: .api, use: list)
        api.endpoint(.POST, "orders", ":number", "status", permission: .verifyOrders, surface: .api, use: move)
        app.endpoint(.GET, "orders", permission: .viewOrders, surface: .page, use: OrderPages.list)
        app.endpoint(.POST, "orders", ":number", "status", permission: .verifyOrders, surface: .page, use: OrderPages.move)
    }

    struct OrderDTO: Content {
        var number: String
        var status: String
        var amount: Double
        var items: [OrderItem]
        var delivery_name: String?
        var delivery_address: String?
        /// Masked.
        var delivery_phone: String?
        var project: String?
        var agent: String?
        var call_started_at: Date
        var confirmed_at: Date?
    }

    /// `project` (code), `days` back from today (1–366, 30 by default).
    static func orders(_ req: Request) async throws -> [OrderDTO] {
        let scope = try req.currentUser().scope
        var project: ProjectRecord?
        if let code = req.query[String.self, at: "project"], !code.isEmpty {
            guard let found = try await ProjectQueries.project(code, in: scope, on: req.db) else {
                throw DomainError.notFound(LocalizedText(zh: "项目 \(code)", en: "project \(code)"))
            }
            project = found
        }
        let days = req.query[Int.self, at: "days"] ?? 30
        guard (1 ... 366).contains(days) else { throw DomainError.invalidField("days", zh: "天数须为 1–366", en: "days must be 1–366") }
        let projects = Dictionary(uniqueKeysWithValues: try await ProjectQueries.projects(in: scope, on: req.db).compactMap { p in p.project.id.map { ($0, p.project.code) } })
        let agents = Dictionary(uniqueKeysWithValues: try await AgentQueries.agents(in: .organisation, on: req.db).compactMap { a in a.id.map { ($0, a.number) } })
        let rows = try await OrderQueries.list(project: try project?.project.requireID(), from: req.now.addingTimeInterval(-Double(days) * 86_400),
                                               to: req.now.addingTimeInterval(1), limit: 1_000, on: req.db)
        return rows.compactMap { order, call -> OrderDTO? in
            guard let projectID = call.projectID, let code = projects[projectID] else { return nil }
            return OrderDTO(number: order.number, status: order.status, amount: Double(order.amountCents) / 100,
                            items: order.items.flatMap { try? JSONDecoder().decode([OrderItem].self, from: Data($0.utf8)) } ?? [],
                            delivery_name: order.deliveryName, delivery_address: order.deliveryAddress,
                            delivery_phone: order.deliveryPhone.map(PhoneMask.mask), project: code,
                            agent: call.agentID.flatMap { agents[$0] }, call_started_at: call.startedAt, confirmed_at: order.confirmedAt)
        }
    }

    static func list(_ req: Request) async throws -> [OrderDTO] { try await orders(req) }

    struct MoveInput: Content {
        var status: String
    }

    static func move(_ req: Request) async throws -> OrderDTO {
        let input = try req.content.decode(MoveInput.self)
        let number = try await moveOrder(req, status: input.status)
        guard let dto = try await orders(req).first(where: { $0.number == number }) else {
            throw DomainError.notFound(LocalizedText(zh: "订单 \(number)", en: "order \(number)"))
        }
        return dto
    }

    static func moveOrder(_ req: Request, status: String) async throws -> String {
        let number = req.parameters.get("number") ?? ""
        let next = try OrderStatus.parse(status)
        _ = try await OrderQueries.move(number, to: next, actor: req.auditEvent("order.status", targetType: "order"), at: req.now, on: req.db)
        return number
    }
}
