import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The orders page: the last days' orders, filtered by status, project or a number; for verifiers the next
/// moves of each, a rejection asking its reason; the list to download as XLSX or CSV.
enum OrderPages {
    struct Move: Encodable {
        var status: String
        var label: String
    }

    struct Row: Encodable {
        var number: String
        var at: String
        var project: String
        var agent: String
        var amount: String
        var items: String
        var delivery: String
        var status: String
        var rejection: String
        var moves: [Move]
        var canReject: Bool
    }

    struct Data: Encodable {
        var rows: [Row]
        var statuses: [AdminPages.Option]
        var projects: [AdminPages.Option]
        var reasons: [AdminPages.Option]
        var status: String
        var project: String
        var q: String
        var query: String
    }

    static func rows(_ req: Request) async throws -> [Row] {
        let language = req.language
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let canMove = AccessPolicy.allows(try req.currentUser().role, .verifyOrders)
        return try await OrdersController.orders(req).map { order in
            let status = OrderStatus(rawValue: order.status) ?? .pending
            let moves = canMove ? OrderStatus.allCases.filter(status.canMove) : []
            return Row(number: order.number, at: LocalTime(order.call_started_at, in: zone).description, project: order.project ?? "",
                       agent: order.agent ?? "", amount: String(format: "%.2f", order.amount),
                       items: order.items.map { "\($0.product) × \($0.quantity) @ \(String(format: "%.2f", Double($0.unit_price_cents) / 100))" }
                           .joined(separator: "；"),
                       delivery: [order.delivery_name, order.delivery_address, order.delivery_phone].compactMap { $0 }.joined(separator: " "),
                       status: Strings.text("order_" + status.rawValue, language),
                       rejection: [order.rejection_reason.flatMap(OrderRejection.init(rawValue:))?.name.text(language), order.rejection_note]
                           .compactMap { $0 }.joined(separator: "：“") + (order.rejection_note == nil ? "" : "”"),
                       moves: moves.filter { $0 != .rejected }.map { Move(status: $0.rawValue, label: Strings.text("order_" + $0.rawValue, language)) },
                       canReject: moves.contains(.rejected))
        }
    }

    static func render(_ req: Request, error: String? = nil) async throws -> View {
        let language = req.language
        let projects = try await ProjectQueries.projects(in: try req.currentUser().scope, on: req.db)
        let data = Data(rows: try await rows(req),
                        statuses: OrderStatus.allCases.map { .init(value: $0.rawValue, label: Strings.text("order_" + $0.rawValue, language)) },
                        projects: projects.map { .init(value: $0.project.code, label: $0.project.name) },
                        reasons: OrderRejection.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language)) },
                        status: req.query[String.self, at: "status"] ?? "", project: req.query[String.self, at: "project"] ?? "",
                        q: req.query[String.self, at: "q"] ?? "", query: filterQuery(req))
        return try await PageRenderer.render("orders", titleKey: "nav_orders", data: data, error: error, for: req)
    }

    static func list(_ req: Request) async throws -> View { try await render(req) }

    static func filterQuery(_ req: Request) -> String { FormFlow.query(req, ["status", "project", "q", "days"]) }

    struct MoveForm: Content {
        var status: String
        var reason: String?
        var note: String?
    }

    static func move(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/orders", action: {
            let form = try req.content.decode(MoveForm.self)
            _ = try await OrdersController.moveOrder(req, status: form.status, reason: form.reason, note: form.note)
        }, page: { error in try await render(req, error: error) })
    }

    /// The filtered list as a workbook (or CSV): Chinese headers, local times, amounts as numbers.
    static func export(_ req: Request) async throws -> Response {
        let t = Strings.dictionary(req.language)
        let header = ["orders_number", "at", "split_project", "split_agent", "orders_items", "orders_amount", "orders_delivery",
                      "status", "orders_rejection"].map { t[$0] ?? $0 }
        let lines = try await rows(req).map { row -> [ReportTable.Cell] in
            [.text(row.number), .text(row.at), .text(row.project), .text(row.agent), .text(row.items),
             .number(Double(row.amount) ?? 0), .text(row.delivery), .text(row.status), .text(row.rejection)]
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
