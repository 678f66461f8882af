import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The orders page: the last days' orders, filtered by status, project or a number; for verifiers the next
/// moves of each with the verifier's script, a rejection asking its reason, shipping its tracking number, the
/// flag for a re-confirmation and a sign dispute; for supervisors the re-confirmation; the agent's own orders
/// on `/orders/mine`; the list to download as XLSX or CSV.
enum OrderPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "orders", permission: .viewOrders, surface: .page, use: list)
        app.endpoint(.GET, "orders", "mine", permission: .followOwnOrders, surface: .page, use: mine)
        app.endpoint(.GET, "orders", "export", permission: .viewOrders, surface: .page, use: export)
        app.endpoint(.POST, "orders", ":number", "status", permission: .verifyOrders, surface: .page, use: move)
        app.endpoint(.POST, "orders", ":number", "reconfirm-flag", permission: .verifyOrders, surface: .page, use: flag)
        app.endpoint(.POST, "orders", ":number", "reconfirm", permission: .reconfirmOrders, surface: .page, use: reconfirm)
        app.endpoint(.POST, "orders", ":number", "dispute", permission: .verifyOrders, surface: .page, use: dispute)
    }

    struct Move: Encodable {
        var status: String
        var label: String
        var needsTracking: Bool
    }

    struct Row: Encodable {
        var number: String
        var at: String
        var project: String
        var agent: String
        var amount: String
        var items: String
        var delivery: String
        var payment: String
        var status: String
        /// What happened beyond the status: the rejection, the re-confirmation, the tracking number, the dispute.
        var progress: [String]
        /// A dispute still open: the agent calls the customer now.
        var urgent: Bool
        var script: [String]
        var moves: [Move]
        var canReject: Bool
        var canFlag: Bool
        var canReconfirm: Bool
        var canDispute: Bool
    }

    struct Data: Encodable {
        var rows: [Row]
        var statuses: [AdminPages.Option]
        var projects: [AdminPages.Option]
        var reasons: [AdminPages.Option]
        var outcomes: [AdminPages.Option]
        var status: String
        var project: String
        var q: String
        var query: String
        /// The filters again, encoded to ride in a form's address (`back=`), so that a step shows the same list after.
        var back: String
    }

    static func rows(_ req: Request, _ orders: [OrdersController.OrderDTO]) async throws -> [Row] {
        let language = req.language
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let role = try req.currentUser().role
        let canVerify = AccessPolicy.allows(role, .verifyOrders), canReconfirm = AccessPolicy.allows(role, .reconfirmOrders)
        return orders.map { order in
            let status = OrderStatus(rawValue: order.status) ?? .pending
            let flagged = order.reconfirm_flagged_at != nil && order.reconfirmed_at == nil
            let disputeOpen = order.dispute_at != nil && order.dispute_outcome == nil
            let moves = canVerify ? OrderStatus.allCases.filter(status.canMove).filter { !(flagged && $0 == .approved) } : []
            return Row(number: order.number, at: LocalTime(order.call_started_at, in: zone).description, project: order.project ?? "",
                       agent: order.agent ?? "", amount: String(format: "%.2f", order.amount),
                       items: order.items.map { "\($0.product) × \($0.quantity) @ \(String(format: "%.2f", Double($0.unit_price_cents) / 100))" }
                           .joined(separator: "；"),
                       delivery: [order.delivery_name, order.delivery_address, order.delivery_phone].compactMap { $0 }.joined(separator: " "),
                       payment: order.payment_method.flatMap(PaymentMethod.init(rawValue:))?.name.text(language) ?? "",
                       status: Strings.text("order_" + status.rawValue, language),
                       progress: progress(order, zone: zone, language: language), urgent: disputeOpen,
                       script: order.verifier_script ?? [],
                       moves: moves.filter { $0 != .rejected }.map {
                           Move(status: $0.rawValue, label: Strings.text($0 == .shipped ? "orders_ship" : "order_" + $0.rawValue, language),
                                needsTracking: $0 == .shipped)
                       },
                       canReject: moves.contains(.rejected), canFlag: canVerify && status == .pending && !flagged && order.reconfirmed_at == nil,
                       canReconfirm: canReconfirm && flagged, canDispute: canVerify && status == .shipped && !disputeOpen && order.dispute_at == nil)
        }
    }

    /// The order's story beyond its status, a line each.
    static func progress(_ order: OrdersController.OrderDTO, zone: TimeZone, language: Language) -> [String] {
        func at(_ date: Date?) -> String { date.map { LocalTime($0, in: zone).description } ?? "" }
        var lines: [String] = []
        if let flagged = order.reconfirm_flagged_at {
            lines.append("\(Strings.text(order.reconfirmed_at == nil ? "orders_flagged" : "orders_reconfirmed", language)) \(at(order.reconfirmed_at ?? flagged))："
                         + (order.reconfirm_outcome.flatMap(ReconfirmOutcome.init(rawValue:))?.name.text(language) ?? order.reconfirm_note ?? ""))
        }
        if let reason = order.rejection_reason.flatMap(OrderRejection.init(rawValue:)) {
            lines.append(Strings.text("orders_rejection", language) + "：" + reason.name.text(language) + (order.rejection_note.map { "（\($0)）" } ?? ""))
        }
        if let tracking = order.tracking_number {
            lines.append("\(Strings.text("orders_tracking", language))：\(tracking)（\(at(order.shipped_at))）")
        }
        if let disputed = order.dispute_at {
            let outcome = order.dispute_outcome.flatMap(DisputeOutcome.init(rawValue:))
            lines.append("\(Strings.text(outcome == nil ? "orders_dispute_open" : "orders_dispute_closed", language)) \(at(disputed))："
                         + (order.dispute_note ?? "") + (outcome.map { " → " + $0.name.text(language) } ?? ""))
        }
        return lines
    }

    static func render(_ req: Request, error: String? = nil) async throws -> View {
        let language = req.language
        let projects = try await ProjectQueries.projects(in: try req.currentUser().scope, on: req.db)
        let data = Data(rows: try await rows(req, try await OrdersController.orders(req)),
                        statuses: OrderStatus.allCases.map { .init(value: $0.rawValue, label: Strings.text("order_" + $0.rawValue, language)) },
                        projects: projects.map { .init(value: $0.project.code, label: $0.project.name) },
                        reasons: OrderRejection.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language)) },
                        outcomes: ReconfirmOutcome.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language)) },
                        status: req.query[String.self, at: "status"] ?? "", project: req.query[String.self, at: "project"] ?? "",
                        q: req.query[String.self, at: "q"] ?? "", query: filterQuery(req),
                        back: filterQuery(req).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        return try await PageRenderer.render("orders", titleKey: "nav_orders", data: data, error: error, for: req)
    }

    static func list(_ req: Request) async throws -> View { try await render(req) }

    /// The agent's own orders with their progress; disputes first.
    static func mine(_ req: Request) async throws -> View {
        let rows = try await rows(req, try await OrdersController.mine(req)).sorted { $0.urgent && !$1.urgent }
        return try await PageRenderer.render("orders-mine", titleKey: "nav_my_orders", data: ["rows": rows], for: req)
    }

    static func filterQuery(_ req: Request) -> String { FormFlow.query(req, ["status", "project", "q", "days"]) }

    /// The filtered list as a workbook (or CSV): Chinese headers, local times, amounts as numbers.
    static func export(_ req: Request) async throws -> Response {
        let t = Strings.dictionary(req.language)
        let header = ["orders_number", "at", "split_project", "split_agent", "orders_items", "orders_amount", "orders_payment", "orders_delivery",
                      "status", "orders_progress"].map { t[$0] ?? $0 }
        let lines = try await rows(req, try await OrdersController.orders(req)).map { row -> [ReportTable.Cell] in
            [.text(row.number), .text(row.at), .text(row.project), .text(row.agent), .text(row.items),
             .number(Double(row.amount) ?? 0), .text(row.payment), .text(row.delivery), .text(row.status), .text(row.progress.joined(separator: "；"))]
        }
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let name = "orders-\(LocalTime(req.now, in: zone).date)"
        if req.query[String.self, at: "format"] == "csv" {
            let text = ([header] + lines.map { $0.map(\.csvText) }).map { CSVLine.make($0) }.joined(separator: "\n") + "\n"
            return Download.csv(text, named: name)
        }
        let sheet = ReportTable.Sheet(name: t["nav_orders"] ?? "orders", rows: [header.map { .text($0) }] + lines)
        return Download.xlsx(try XLSXWriter.workbook(ReportTable(sheets: [sheet])), named: name)
    }
}
