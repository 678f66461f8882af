import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The planning funnel (METRICS.md §9) as a calculator both ways: from seats to expected orders, and
/// from target orders to seats. The rates start from a project's last 30 days when one is named.
enum PlanningPage {
    struct Data: Encodable {
        var form: [String: String]
        var forward: [String: String]
        var backward: [String: String]
    }

    static func render(_ req: Request) async throws -> View {
        let language = req.language
        func number(_ name: String) -> Double? { req.query[String.self, at: name].flatMap { Double($0.trimmingWhitespace()) } }
        var rates: [MetricID: Double] = [.calls_per_hour: 40, .connect_rate: 0.3, .effective_conversation_rate: 0.35, .close_rate: 0.2]
        let project = req.query[String.self, at: "project"].flatMap { $0.isEmpty ? nil : $0 }
        var failure: String?
        if let project {
            do {
                let today = try await DashboardService.today(at: req.now, on: req.db)
                let actual = try await MetricsService.compute(
                    .init(project: project, from: today.addingDays(-29).description, to: today.description,
                          metrics: "calls_per_hour,connect_rate,effective_conversation_rate,close_rate"),
                    scope: try req.currentUser().scope, at: req.now, on: req.db)
                for (id, value) in actual.rows.first?.values ?? [] { if let value { rates[id] = value } }
            } catch let refused as DomainError {
                failure = refused.message.text(language)
            }
        }
        let seats = number("seats") ?? 20, hours = number("hours") ?? 7.5, orders = number("orders") ?? 100
        let cph = number("calls_per_seat_hour") ?? rates[.calls_per_hour]!, connect = number("connect_rate") ?? rates[.connect_rate]!
        let effective = number("effective_conversation_rate") ?? rates[.effective_conversation_rate]!, close = number("close_rate") ?? rates[.close_rate]!
        let format = { (v: Double) in String(format: "%.2f", v) }
        var data = Data(form: ["project": project ?? "", "seats": format(seats), "calls_per_seat_hour": format(cph), "hours": format(hours),
                               "connect_rate": String(format: "%.4f", connect), "effective_conversation_rate": String(format: "%.4f", effective),
                               "close_rate": String(format: "%.4f", close), "orders": format(orders)],
                        forward: [:], backward: [:])
        do throws(DomainError) {
            let forward = try PlanningFunnel(seats: seats, calls_per_seat_hour: cph, hours: hours, connect_rate: connect,
                                             effective_conversation_rate: effective, close_rate: close)
            data.forward = ["calls": format(forward.calls), "connected": format(forward.connected_calls),
                            "effective": format(forward.effective_conversations), "orders": format(forward.orders)]
            let backward = try PlanningFunnel.seatsFor(orders: orders, calls_per_seat_hour: cph, hours: hours, connect_rate: connect,
                                                       effective_conversation_rate: effective, close_rate: close)
            data.backward = ["seats": String(format: "%.0f", backward.seats), "calls": format(backward.calls), "orders": format(backward.orders)]
        } catch {
            failure = error.message.text(language)
        }
        return try await PageRenderer.render("planning", titleKey: "dash_planning_title", data: data, error: failure, for: req)
    }
}
