import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Orders taken on the desk and imported: listed (delivery phones masked), verified with the verifier's
/// script, flagged as shaky and re-confirmed, shipped with a tracking number, signed or disputed (SPEC.md §5,
/// RULES G); each agent follows their own. `GET /api/v1/orders`, `GET /api/v1/orders/mine`,
/// `POST /api/v1/orders/{number}/status|reconfirm-flag|reconfirm|dispute`, the pages `/orders` and `/orders/mine`.
enum OrdersController {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "orders", permission: .viewOrders, surface: .api, use: list)
        api.endpoint(.GET, "orders", "mine", permission: .followOwnOrders, surface: .api, use: mine)
        api.endpoint(.POST, "orders", ":number", "status", permission: .verifyOrders, surface: .api, use: move)
        api.endpoint(.POST, "orders", ":number", "reconfirm-flag", permission: .verifyOrders, surface: .api, use: flag)
        api.endpoint(.POST, "orders", ":number", "reconfirm", permission: .reconfirmOrders, surface: .api, use: reconfirm)
        api.endpoint(.POST, "orders", ":number", "dispute", permission: .verifyOrders, surface: .api, use: dispute)
        OrderPages.register(app)
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
        /// How the customer pays (a `PaymentMethod` code) and the lines of the read-back agreed (`ReadBackItem` codes).
        var payment_method: String?
        var read_back: [String]?
        /// Why verification rejected it (an `OrderRejection` code) and the verifier's note.
        var rejection_reason: String?
        var rejection_note: String?
        /// The verifier's flag that the order is shaky and the supervisor's re-confirmation (`ReconfirmOutcome`).
        var reconfirm_flagged_at: Date?
        var reconfirm_note: String?
        var reconfirmed_at: Date?
        var reconfirm_outcome: String?
        var tracking_number: String?
        var shipped_at: Date?
        /// A sign dispute and how it ended (`DisputeOutcome`).
        var dispute_at: Date?
        var dispute_note: String?
        var dispute_outcome: String?
        /// The verifier's call script, while the order waits for verification.
        var verifier_script: [String]?
    }

    /// `project` (code), `days` back from today (1–366, 30 by default), `status`, `q` (part of the number or an
    /// agent number); `agent` narrows to one agent's own orders.
    static func orders(_ req: Request, agent: UUID? = nil) async throws -> [OrderDTO] {
        let scope = agent == nil ? try req.currentUser().scope : .organisation
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
        let rows = try await OrderQueries.list(project: try project?.project.requireID(), agent: agent,
                                               from: req.now.addingTimeInterval(-Double(days) * 86_400), to: req.now.addingTimeInterval(1),
                                               limit: 1_000, on: req.db)
        let status = try req.query[String.self, at: "status"].flatMap { $0.isEmpty ? nil : try OrderStatus.parse($0) }
        let search = (req.query[String.self, at: "q"] ?? "").trimmingWhitespace().uppercased()
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        return rows.compactMap { order, call -> OrderDTO? in
            guard let projectID = call.projectID, let code = projects[projectID] else { return nil }
            if let status, order.status != status.rawValue { return nil }
            let agent = call.agentID.flatMap { agents[$0] }
            if !search.isEmpty, !order.number.uppercased().contains(search), agent?.uppercased() != search { return nil }
            return dto(order, call: call, project: code, agent: agent, zone: zone, language: req.language)
        }
    }

    static func dto(_ order: OrderModel, call: CallAttemptModel, project: String, agent: String?, zone: TimeZone, language: Language) -> OrderDTO {
        OrderDTO(number: order.number, status: order.status, amount: Double(order.amountCents) / 100, items: order.orderItems,
                 delivery_name: order.deliveryName, delivery_address: order.deliveryAddress,
                 delivery_phone: order.deliveryPhone.map(PhoneMask.mask), project: project,
                 agent: agent, call_started_at: call.startedAt, confirmed_at: order.confirmedAt,
                 payment_method: order.paymentMethod, read_back: order.readBack.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) },
                 rejection_reason: order.rejectionReason, rejection_note: order.rejectionNote,
                 reconfirm_flagged_at: order.reconfirmFlaggedAt, reconfirm_note: order.reconfirmNote,
                 reconfirmed_at: order.reconfirmedAt, reconfirm_outcome: order.reconfirmOutcome,
                 tracking_number: order.trackingNumber, shipped_at: order.shippedAt,
                 dispute_at: order.disputeAt, dispute_note: order.disputeNote, dispute_outcome: order.disputeOutcome,
                 verifier_script: order.status == OrderStatus.pending.rawValue && order.items != nil
                     ? OrderService.verifierScript(order, calledAt: call.startedAt, zone: zone).map { $0.text(language) } : nil)
    }

    static func list(_ req: Request) async throws -> [OrderDTO] { try await orders(req) }

    /// The agent's own orders, to follow them (跟单).
    static func mine(_ req: Request) async throws -> [OrderDTO] {
        try await orders(req, agent: try DeskService.agent(of: try req.currentUser()))
    }

    struct MoveInput: Content {
        var status: String
        /// Required to reject: an `OrderRejection` code.
        var reason: String?
        var note: String?
        /// Required to ship.
        var tracking_number: String?
    }

    struct NoteInput: Content {
        var note: String?
        /// For a re-confirmation: a `ReconfirmOutcome` code.
        var outcome: String?
    }

    static func move(_ req: Request) async throws -> OrderDTO {
        let input = try req.content.decode(MoveInput.self)
        return try await found(req, try await moveOrder(req, input))
    }

    static func flag(_ req: Request) async throws -> OrderDTO {
        let input = try req.content.decode(NoteInput.self)
        return try await found(req, try await flagOrder(req, note: input.note))
    }

    static func reconfirm(_ req: Request) async throws -> OrderDTO {
        let input = try req.content.decode(NoteInput.self)
        return try await found(req, try await reconfirmOrder(req, outcome: input.outcome, note: input.note))
    }

    static func dispute(_ req: Request) async throws -> OrderDTO {
        let input = try req.content.decode(NoteInput.self)
        return try await found(req, try await disputeOrder(req, note: input.note))
    }

    static func found(_ req: Request, _ number: String) async throws -> OrderDTO {
        guard let dto = try await orders(req).first(where: { $0.number == number }) else {
            throw DomainError.notFound(LocalizedText(zh: "订单 \(number)", en: "order \(number)"))
        }
        return dto
    }

    static func moveOrder(_ req: Request, _ input: MoveInput) async throws -> String {
        let number = req.parameters.get("number") ?? ""
        let next = try OrderStatus.parse(input.status)
        let rejection = next == .rejected ? (reason: try OrderRejection.parse(input.reason), note: (input.note ?? "").trimmingWhitespace()) : nil
        _ = try await OrderService.move(number, to: next, rejection: rejection, trackingNumber: input.tracking_number,
                                        actor: req.auditEvent("order.status", targetType: "order"), at: req.now, on: req.db)
        return number
    }

    static func flagOrder(_ req: Request, note: String?) async throws -> String {
        let number = req.parameters.get("number") ?? ""
        _ = try await OrderService.flagForReconfirmation(number, note: note ?? "", actor: req.auditEvent("order.reconfirm_flag", targetType: "order"),
                                                         at: req.now, on: req.db)
        return number
    }

    static func reconfirmOrder(_ req: Request, outcome: String?, note: String?) async throws -> String {
        let number = req.parameters.get("number") ?? ""
        _ = try await OrderService.reconfirm(number, outcome: try ReconfirmOutcome.parse(outcome), note: note ?? "",
                                             actor: req.auditEvent("order.reconfirm", targetType: "order"), at: req.now, on: req.db)
        return number
    }

    static func disputeOrder(_ req: Request, note: String?) async throws -> String {
        let number = req.parameters.get("number") ?? ""
        _ = try await OrderService.dispute(number, note: note ?? "", actor: req.auditEvent("order.dispute", targetType: "order"),
                                           at: req.now, on: req.db)
        return number
    }
}
