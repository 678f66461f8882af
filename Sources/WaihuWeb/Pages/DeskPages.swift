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
        app.endpoint(.POST, "desk", "state", permission: .workLeads, surface: .script, use: DialerController.changeState)
        app.endpoint(.POST, "desk", "projects", ":id", "next", permission: .workLeads, surface: .script, use: DeskController.next)
        app.endpoint(.GET, "desk", "projects", ":id", "dispositions", permission: .workLeads, surface: .script,
                     use: DeskController.dispositions)
        app.endpoint(.POST, "desk", "attempts", ":attempt", "dial", permission: .workLeads, surface: .script, use: DeskController.dial)
        app.endpoint(.POST, "desk", "attempts", ":attempt", "finish", permission: .workLeads, surface: .script, use: DeskController.finish)
    }

    struct DeskData: Encodable {
        var projects: [AdminPages.Option]
        var reasons: [AdminPages.Option]
        var states: [AdminPages.Option]
        var csrfHeader: String
    }

    static func page(_ req: Request) async throws -> View {
        let language = req.language
        let user = try req.currentUser()
        _ = try DeskService.agent(of: user)
        let projects = try await ProjectQueries.projects(in: user.scope, on: req.db)
            .filter { $0.project.status.handsOutLeads }
            .map { record in
                AdminPages.Option(value: record.project.code, label: "\(record.project.code) \(record.project.name) · "
                       + Strings.text("dial_mode_\(record.project.dialMode)", language))
            }
        let data = DeskData(
            projects: projects,
            reasons: BusyReason.allCases.map { AdminPages.Option(value: $0.rawValue, label: $0.name.text(language)) },
            states: AgentState.allCases.map { AdminPages.Option(value: $0.rawValue, label: Strings.text("state_\($0.rawValue)", language)) },
            csrfHeader: CSRF.header)
        return try await PageRenderer.render("desk", titleKey: "nav_desk", data: data, for: req)
    }
}
