import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The home page, one per role: what that person looks at first in the day (HomeService gathers it).
/// The agent: the desk, today's figures, callbacks due. The supervisor and the manager: the floor, who is
/// scheduled and not logged in, alerts, the projects' progress, today against yesterday. QA: the complaints
/// to judge. The vendor: its own site's figures and floor. The auditor: recent sensitive actions.
enum HomePage {
    struct FigureRow: Encodable {
        var name: String
        var formula: String
        var today: String
        var yesterday: String
        var trend: String
    }

    struct ProgressRow: Encodable {
        var code: String
        var name: String
        var status: String
        var target: String
        var completed: String
        var progress: String
        var progressHelp: String
        var percent: Int
    }

    struct Floor: Encodable {
        var states: [AdminPages.Option]
        var alerts: [String]
        var loggedIn: Int
    }

    struct CallbackRow: Encodable {
        var at: String
        var project: String
        var name: String
        var overdue: Bool
    }

    struct OrderRow: Encodable {
        var number: String
        var what: String
        var since: String
        var note: String
    }

    struct ComplaintRow: Encodable {
        var at: String
        var phone: String
        var kind: String
    }

    struct Data: Encodable {
        var desk: Bool
        /// The local time today's figures run to: today is a partial day.
        var asOf: String
        var figures: [FigureRow]?
        var projects: [ProgressRow]?
        var floor: Floor?
        var absent: [String]?
        var callbacks: [CallbackRow]?
        var orders: [OrderRow]?
        var ordersLink: String
        /// An inspector's open review tasks, and the appeals waiting for another inspector.
        var inspector = false
        var reviewTasks = 0
        var appealsWaiting = 0
        var complaints: [ComplaintRow]?
        /// A vendor's spot checks not yet acknowledged: id, findings, what to show.
        var checks: [CheckNotice]?
        /// A vendor's warnings, rectifications and faults not yet acknowledged, and statements waiting for its counts.
        var vendorNotices: [CheckNotice]?
        /// What the site owes its client: overdue, or due within three days (issue 19 item 7).
        var submissionsDue: [CheckNotice]?
        var sensitive: [AuditPage.Row]?
        var counts: [AdminPages.Option]?
    }

    struct CheckNotice: Encodable {
        var value: String
        var label: String
        var help: String
    }

    static func home(_ req: Request) async throws -> View {
        let user = try req.currentUser()
        let role = user.role
        let language = req.language
        let db = req.db
        let now = req.now
        let zone = try await OrganisationQueries.timeZone(on: db)
        func allows(_ permission: Permission) -> Bool { AccessPolicy.allows(role, permission) }
        let local = LocalTime(now, in: zone).description
        var data = Data(desk: allows(.workLeads), asOf: String(local.suffix(5)), ordersLink: allows(.workLeads) ? "/orders/mine" : "/orders")
        if allows(.viewMetrics) {
            data.figures = try await HomeService.figures(scope: user.scope, at: now, on: db).map { figure in
                FigureRow(name: figure.id.definition.label.text(language), formula: figure.id.definition.formula.text(language),
                          today: MetricsPage.figure(figure.today, figure.id, language),
                          yesterday: MetricsPage.figure(figure.yesterday, figure.id, language),
                          trend: figure.id.definition.unit == .count ? "" : trend(figure.today, figure.yesterday))
            }
        }
        if allows(.viewProjects) && role != .agent {
            data.projects = try await HomeService.progress(scope: user.scope, at: now, on: db).map { project in
                ProgressRow(code: project.code, name: project.name, status: project.status.name.text(language),
                            target: project.target.map(String.init) ?? "—", completed: String(format: "%.0f", project.completed),
                            progress: MetricsPage.figure(project.progress, .target_progress, language),
                            progressHelp: MetricID.target_progress.definition.explanation.text(language),
                            percent: Int(min(1, project.progress ?? 0) * 100))
            }
        }
        if allows(.viewWallboard) {
            let snapshot = try await WallboardService.snapshot(scope: user.scope, at: now, busyAlertMinutes: Int(Wallboard.defaultBusyAlert / 60),
                                                               recount: req.application.wallboardRecount, on: db)
            let counted = Dictionary(grouping: snapshot.agents, by: \.state).mapValues(\.count)
            data.floor = Floor(states: AgentState.allCases.compactMap { state in
                                   counted[state.rawValue].map { AdminPages.Option(value: "\($0)", label: state.name.text(language)) } },
                               alerts: snapshot.figure_alerts.map { $0.message.text(language) }
                                   + snapshot.agents.filter(\.alert).map { "\($0.number) \($0.name)：" + Strings.text("home_long_state", language) },
                               loggedIn: snapshot.agents.filter { $0.state != AgentState.logged_out.rawValue }.count)
            data.absent = try await HomeService.notLoggedIn(scope: user.scope, at: now, on: db).map { "\($0.number) \($0.name)" }
        }
        if allows(.workLeads), let agent = try? DeskService.agent(of: user) {
            data.callbacks = try await HomeService.callbacks(agent: agent, at: now, on: db).map {
                CallbackRow(at: LocalTime($0.at, in: zone).description, project: $0.project, name: $0.name, overdue: $0.overdue)
            }
        }
        if allows(.followOwnOrders) || allows(.reconfirmOrders) {
            let agent = allows(.followOwnOrders) ? try? DeskService.agent(of: user) : nil
            if agent != nil || allows(.reconfirmOrders) {
                data.orders = try await HomeService.orderFollowUps(agent: agent, scope: user.scope, on: db).map {
                    OrderRow(number: $0.number, what: Strings.text($0.dispute ? "orders_dispute_open" : "orders_flagged", language),
                             since: LocalTime($0.since, in: zone).description, note: $0.note)
                }
            }
        }
        if allows(.reviewCalls) {
            data.inspector = true
            data.reviewTasks = try await QualityReads.tasks(inspector: user.id, on: db).count
            data.appealsWaiting = try await QualityReads.reviews(scope: user.scope, on: db)
                .filter { $0.appealed_at != nil && $0.appeal_decided_at == nil && $0.inspector != user.username }.count
        }
        if allows(.acknowledgeChecks), let site = user.scope.boundSite {
            data.checks = []
            for check in try await SpotCheckReads.unacknowledged(site: site, on: db) {
                let view = try await SpotCheckReads.one(try check.requireID(), user: user, language: language, on: db)
                data.checks?.append(CheckNotice(value: "\(view.findings)", label: view.id.uuidString,
                                                help: "\(LocalTime(view.created_at, in: zone).description) \(view.kind_name) \(view.month)："
                                                    + Strings.text("qa_check_findings", language) + " \(view.findings)"))
            }
        }
        if allows(.acknowledgeChecks), let site = user.scope.boundSite, let vendor = try await VendorService.vendor(ofSite: site, on: db),
           let vendorID = vendor.id {
            data.vendorNotices = try await HomeService.vendorNotices(vendorID, language: language, on: db).map {
                CheckNotice(value: $0.alert ? "1" : "0", label: $0.link, help: $0.text)
            }
        }
        if allows(.submitReports), let site = user.scope.boundSite {
            data.submissionsDue = try await submissionsDue(site: site, req, zone: zone)
        }
        if allows(.manageComplaints) {
            data.complaints = try await HomeService.unjudgedComplaints(on: db).map {
                ComplaintRow(at: LocalTime($0.registeredAt, in: zone).description, phone: PhoneMask.maskDigitRuns($0.phone),
                             kind: ComplaintKind(rawValue: $0.kind)?.name.text(language) ?? $0.kind)
            }
        }
        if allows(.viewAudit) {
            data.sensitive = try await HomeService.sensitive(on: db).map { AuditPage.Row($0, zone: zone, language: language) }
        }
        if role == .admin {
            data.counts = [
                .init(value: "\(try await ProjectQueries.projects(in: user.scope, on: db).count)", label: Strings.text("count_projects", language)),
                .init(value: "\(try await AgentQueries.agents(in: user.scope, on: db).count)", label: Strings.text("count_agents", language)),
                .init(value: "\(try await OrganisationQueries.sites(in: user.scope, on: db).count)", label: Strings.text("count_sites", language)),
            ]
        }
        return try await PageRenderer.render("home", titleKey: "nav_home", data: data, for: req)
    }

    /// `up`, `down` or empty: today's rate or mean against yesterday's (counts of a partial day are not compared).
    static func trend(_ today: Double?, _ yesterday: Double?) -> String {
        guard let today, let yesterday, today != yesterday else { return "" }
        return today > yesterday ? "up" : "down"
    }

    /// The site's submissions overdue or due within three days, linking to the inbox month that lists each.
    static func submissionsDue(site: UUID, _ req: Request, zone: TimeZone) async throws -> [CheckNotice] {
        try await SubmissionReads.dueSoon(site: site, within: 3 * 86_400, caller: req.caller, at: req.now, on: req.db).map { month, item in
            let overdue = item.status == "overdue"
            let text = "\(item.kind_name.text(req.language))（\(item.title ?? item.period)） · " + Strings.text("home_submission_due", req.language) + " "
                + LocalTime(item.due_at, in: zone).description + (overdue ? " · " + Strings.text("home_submission_overdue", req.language) : "")
            return CheckNotice(value: overdue ? "1" : "0", label: "/submissions?month=\(month)", help: text)
        }
    }
}
