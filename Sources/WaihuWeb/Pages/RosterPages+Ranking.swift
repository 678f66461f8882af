import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// `/ranking`: a project's production ranking and its rewards; `/staffing`: Erlang C/A beside the planning funnel.
extension RosterPages {
    static func ranking(_ req: Request) async throws -> View { try await rankingPage(req, error: nil, form: [:]) }

    static func rankingPage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        struct Shown: Encodable {
            var rank: Int, agent: String, name: String, score: String, successes: String, rate: String, utilisation: String, satisfaction: String
        }
        struct Data: Encodable {
            var rows: [Shown]
            var projects: [AdminPages.Option]
            var project: String
            var from: String
            var to: String
            var weights: String
            var canReward: Bool
            var form: [String: String]
        }
        let projects = try await ProjectQueries.projects(in: req.caller.scope, on: req.db).map { AdminPages.Option(value: $0.project.code, label: "\($0.project.code) \($0.project.name)") }
        let query = { (name: String) in form[name] ?? req.query[String.self, at: name] }
        let project = query("project").flatMap { $0.isEmpty ? nil : $0 } ?? projects.first?.value ?? ""
        let (defaultFrom, defaultTo) = try await WorkforceController.period(req)
        let from = query("from").flatMap { $0.isEmpty ? nil : $0 } ?? defaultFrom, to = query("to").flatMap { $0.isEmpty ? nil : $0 } ?? defaultTo
        let weights = query("weights") ?? ""
        var rows: [Shown] = []
        var failure = error
        if !project.isEmpty {
            do {
                let board = try await RankingService.board(project: project, from: from, to: to, weights: weights, caller: req.caller, at: req.now, on: req.db)
                func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "" }
                rows = board.entries.map {
                    Shown(rank: $0.rank, agent: $0.agent, name: $0.name, score: String(format: "%.1f", $0.score),
                          successes: $0.success_count.map { String(format: "%.0f", $0) } ?? "", rate: percent($0.success_rate),
                          utilisation: percent($0.utilisation), satisfaction: percent($0.satisfaction))
                }
            } catch let refusal as DomainError {
                failure = failure ?? refusal.message.text(req.language)
            }
        }
        var typed = form
        if typed["top"] == nil { typed["top"] = "3" }
        let data = Data(rows: rows, projects: projects, project: project, from: from, to: to, weights: weights,
                        canReward: AccessPolicy.allows(req.caller.role, .bookPenalties), form: typed)
        return try await PageRenderer.render("ranking", titleKey: "ranking", data: data, error: failure, for: req)
    }

    static func reward(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        let back = "/ranking?project=\(fields["project"] ?? "")&from=\(fields["from"] ?? "")&to=\(fields["to"] ?? "")"
        return try await FormFlow.submit(req, redirect: back, action: {
            guard let amount = fields["amount"].flatMap({ Double($0) }) else { throw DomainError.missingField("amount") }
            _ = try await RankingService.reward(.init(project: fields["project"] ?? "", from: fields["from"] ?? "", to: fields["to"] ?? "",
                                                      weights: fields["weights"], top: fields["top"].flatMap { Int($0) }, amount: amount),
                                                by: req.caller, at: req.now, on: req.db)
        }, page: { try await rankingPage(req, error: $0, form: fields) })
    }

    static func staffing(_ req: Request) async throws -> View {
        struct Data: Encodable {
            var form: [String: String]
            var result: Shown?
            var outbound: [String: String]
            var outboundResult: [String: String]?
        }
        struct Shown: Encodable {
            var model: String, load: String, agents: Int, scheduled: Int, wait: String, level: String, asa: String, occupancy: String, abandon: String?
        }
        var form = ["calls": "", "interval_minutes": "30", "aht": "", "target_sl": "0.8", "within": "20", "max_occupancy": "", "shrinkage": "0.3",
                    "patience": "", "agents": ""]
        for key in form.keys { if let value = req.query[String.self, at: key] { form[key] = value } }
        var shown: Shown?
        var error: String?
        if !(form["calls"] ?? "").isEmpty {
            do {
                let r = try WorkforceController.erlang(req)
                func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
                shown = Shown(model: r.model == "erlang_a" ? "Erlang A" : "Erlang C", load: String(format: "%.2f", r.offeredLoad), agents: r.agents,
                              scheduled: r.scheduled, wait: percent(r.waitProbability), level: percent(r.serviceLevel),
                              asa: String(format: "%.1f", r.asaSeconds), occupancy: percent(r.occupancy), abandon: r.abandonProbability.map(percent))
            } catch let refusal as DomainError {
                error = refusal.message.text(req.language)
            }
        }
        let (outbound, outboundResult, outboundError) = outboundStaffing(req)
        return try await PageRenderer.render("staffing", titleKey: "staffing", data: Data(form: form, result: shown, outbound: outbound,
                                                                                        outboundResult: outboundResult.map { ["calls": String(format: "%.0f", $0.calls), "seats": "\($0.seats)", "scheduled": "\($0.scheduled)"] }),
                                             error: error ?? outboundError, for: req)
    }

    /// The outbound seats, list-driven (`plan=list`) or target-driven (`plan=target`), from the page's second form.
    static func outboundStaffing(_ req: Request) -> ([String: String], OutboundStaffing?, String?) {
        var form = ["plan": "list", "leads": "", "attempts": "2.5", "orders": "", "calls_per_seat_hour": "40", "hours": "7", "days": "10",
                    "connect_rate": "0.3", "effective_conversation_rate": "0.35", "close_rate": "0.2", "outbound_shrinkage": "0.3"]
        for key in form.keys { if let value = req.query[String.self, at: key] { form[key] = value } }
        let asked = form["plan"] == "target" ? form["orders"] ?? "" : form["leads"] ?? ""
        guard !asked.isEmpty else { return (form, nil, nil) }
        func number(_ name: String) throws(DomainError) -> Double {
            guard let value = Double((form[name] ?? "").trimmingWhitespace()) else {
                throw DomainError.invalidField(name == "outbound_shrinkage" ? "shrinkage" : name, zh: "请填写数字", en: "give a number")
            }
            return value
        }
        do throws(DomainError) {
            let result = form["plan"] == "target"
                ? try OutboundStaffing.targetDriven(orders: try number("orders"), callsPerSeatHour: try number("calls_per_seat_hour"), hoursPerDay: try number("hours"),
                                                    days: try number("days"), connectRate: try number("connect_rate"),
                                                    effectiveConversationRate: try number("effective_conversation_rate"), closeRate: try number("close_rate"),
                                                    shrinkage: try number("outbound_shrinkage"))
                : try OutboundStaffing.listDriven(leads: try number("leads"), attemptsPerLead: try number("attempts"), callsPerSeatHour: try number("calls_per_seat_hour"),
                                                  hoursPerDay: try number("hours"), days: try number("days"), shrinkage: try number("outbound_shrinkage"))
            return (form, result, nil)
        } catch {
            return (form, nil, error.message.text(req.language))
        }
    }
}
