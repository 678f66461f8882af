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
        app.endpoint(.GET, "orders", "export", permission: .viewOrders, surface: .page, use: OrderPages.export)
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
        /// Why verification rejected it (an `OrderRejection` code) and the verifier's note.
        var rejection_reason: String?
        var rejection_note: String?
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
        let status = try req.query[String.self, at: "status"].flatMap { $0.isEmpty ? nil : try OrderStatus.parse($0) }
        let search = (req.query[String.self, at: "q"] ?? "").trimmingWhitespace().uppercased()
        return rows.compactMap { order, call -> OrderDTO? in
            guard let projectID = call.projectID, let code = projects[projectID] else { return nil }
            if let status, order.status != status.rawValue { return nil }
            let agent = call.agentID.flatMap { agents[$0] }
            if !search.isEmpty, !order.number.uppercased().contains(search), agent?.uppercased() != search { return nil }
            return OrderDTO(number: order.number, status: order.status, amount: Double(order.amountCents) / 100,
                            items: order.items.flatMap { try? JSONDecoder().decode([OrderItem].self, from: Data($0.utf8)) } ?? [],
                            delivery_name: order.deliveryName, delivery_address: order.deliveryAddress,
                            delivery_phone: order.deliveryPhone.map(PhoneMask.mask), project: code,
                            agent: agent, call_started_at: call.startedAt, confirmed_at: order.confirmedAt,
                            rejection_reason: order.rejectionReason, rejection_note: order.rejectionNote)
        }
    }

    static func list(_ req: Request) async throws -> [OrderDTO] { try await orders(req) }

    struct MoveInput: Content {
        var status: String
        /// Required to reject: an `OrderRejection` code.
        var reason: String?
        var note: String?
    }

    static func move(_ req: Request) async throws -> OrderDTO {
        let input = try req.content.decode(MoveInput.self)
        let number = try await moveOrder(req, status: input.status, reason: input.reason, note: input.note)
        guard let dto = try await orders(req).first(where: { $0.number == number }) else {
            throw DomainError.notFound(LocalizedText(zh: "订单 \(number)", en: "order \(number)"))
        }
        return dto
    }

    static func moveOrder(_ req: Request, status: String, reason: String? = nil, note: String? = nil) async throws -> String {
        let number = req.parameters.get("number") ?? ""
        let next = try OrderStatus.parse(status)
        let rejection = next == .rejected ? (reason: try OrderRejection.parse(reason), note: (note ?? "").trimmingWhitespace()) : nil
        _ = try await OrderQueries.move(number, to: next, rejection: rejection, actor: req.auditEvent("order.status", targetType: "order"), at: req.now, on: req.db)
        return number
    }
}
