import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The agent desk (坐席工作台): the page an agent works in, live through its script, which calls
/// the same services as the API with the browser's session.
enum DeskPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "desk", permission: .workLeads, surface: .page, use: page)
        app.endpoint(.GET, "desk", "status", permission: .workLeads, surface: .script, use: DialerController.desk)
        app.endpoint(.GET, "desk", "stream", permission: .workLeads, surface: .script, use: DeskStream.stream)
        // The desk's actions ring the agent's bell: the desk's stream sends the new status at once.
        app.endpoint(.POST, "desk", "state", permission: .workLeads, surface: .script, use: DeskStream.ringing(DialerController.changeState))
        app.endpoint(.POST, "desk", "projects", ":id", "next", permission: .workLeads, surface: .script,
                     use: DeskStream.ringing(DeskController.next))
        app.endpoint(.GET, "desk", "projects", ":id", "dispositions", permission: .workLeads, surface: .script,
                     use: DeskController.dispositions)
        app.endpoint(.POST, "desk", "attempts", ":attempt", "dial", permission: .workLeads, surface: .script,
                     use: DeskStream.ringing(DeskController.dial))
        app.endpoint(.POST, "desk", "attempts", ":attempt", "finish", permission: .workLeads, surface: .script,
                     use: DeskStream.ringing(DeskController.finish))
        app.endpoint(.POST, "desk", "attempts", ":attempt", "release", permission: .workLeads, surface: .script,
                     use: DeskStream.ringing(DeskController.release))
        app.endpoint(.POST, "desk", "attempts", ":attempt", "hangup", permission: .workLeads, surface: .script,
                     use: DeskStream.ringing(DeskController.hangUp))
        app.endpoint(.POST, "desk", "attempts", ":attempt", "read-back", permission: .workLeads, surface: .script,
                     use: DeskStream.ringing(DeskController.readBack))
    }

    /// A project the agent may log into; `id` lets the desk find the one the server has them in.
    struct DeskProject: Encodable {
        var value: String
        var id: UUID
        var label: String
        /// `preview`, `progressive` or `predictive`: the desk says when the dialer is calling for the agent.
        var mode: String
    }

    struct DeskData: Encodable {
        var projects: [DeskProject]
        var reasons: [AdminPages.Option]
        var states: [AdminPages.Option]
        var payments: [AdminPages.Option]
        var csrfHeader: String
    }

    static func page(_ req: Request) async throws -> View {
        let language = req.language
        let user = try req.currentUser()
        let agent = try DeskService.agent(of: user)
        // First the project the agent is logged into, then those where they hold leads, then the others: a
        // vendor's agent is not offered a project with none of their leads first.
        let current = try await AgentStateQueries.current(agent: agent, on: req.db).projectID
        let holding = try await LeadHoldingQueries.projects(heldBy: agent, on: req.db)
        func rank(_ record: ProjectRecord) -> Int {
            guard let id = record.project.id else { return 3 }
            return id == current ? 0 : holding.contains(id) ? 1 : 2
        }
        let projects = try await ProjectQueries.projects(in: user.scope, on: req.db)
            .filter { $0.project.status.handsOutLeads }
            .enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
            .compactMap { record in
                record.project.id.map { id in
                    DeskProject(value: record.project.code, id: id, label: "\(record.project.code) \(record.project.name) · "
                                + Strings.text("dial_mode_\(record.project.dialMode)", language),
                                mode: record.project.dialMode.rawValue)
                }
            }
        let data = DeskData(
            projects: projects,
            reasons: BusyReason.allCases.map { AdminPages.Option(value: $0.rawValue, label: $0.name.text(language)) },
            states: AgentState.allCases.map { AdminPages.Option(value: $0.rawValue, label: Strings.text("state_\($0.rawValue)", language)) },
            payments: PaymentMethod.allCases.map { AdminPages.Option(value: $0.rawValue, label: $0.name.text(language)) },
            csrfHeader: CSRF.header)
        return try await PageRenderer.render("desk", titleKey: "nav_desk", data: data, for: req)
    }
}
