import Vapor
import WaihuApp
import WaihuCore

/// A navigation link, shown to the roles that hold its permission.
struct NavItem: Encodable, Sendable {
    var href: String
    var label: String
    var current: Bool
}

/// What every page template receives: labels, the user, the navigation, the CSRF token, and the page's own data.
struct PageContext<Data: Encodable>: Encodable {
    var t: [String: String]
    var lang: String
    var otherLang: String
    var title: String
    var user: UserBadge?
    var nav: [NavItem]
    var csrf: String
    var notice: String?
    var error: String?
    var data: Data
}

struct UserBadge: Encodable, Sendable {
    var username: String
    var displayName: String
    var role: String
}

struct Empty: Encodable, Sendable {}

enum PageRenderer {
    static let menu: [(href: String, key: String, permission: Permission)] = [
        ("/", "nav_home", .signedIn),
        ("/desk", "nav_desk", .workLeads),
        ("/wallboard", "nav_wallboard", .viewWallboard),
        ("/projects", "nav_projects", .viewProjects),
        ("/reports/metrics", "nav_metrics", .viewMetrics),
        ("/reports", "nav_reports", .viewMetrics),
        ("/orders", "nav_orders", .viewOrders),
        ("/orders/mine", "nav_my_orders", .followOwnOrders),
        ("/qa", "nav_qa", .viewReviews),
        ("/qa/mine", "nav_my_reviews", .appealReviews),
        ("/complaints", "nav_complaints", .viewComplaints),
        ("/penalties", "nav_penalties", .viewPenalties),
        ("/vendors", "nav_vendors", .viewVendors),
        ("/settlements", "nav_settlements", .viewSettlements),
        ("/roster", "nav_roster", .viewRoster),
        ("/attendance", "nav_attendance", .viewRoster),
        ("/training", "nav_training", .viewRoster),
        ("/ranking", "nav_ranking", .viewRoster),
        ("/submissions", "nav_submissions", .submitReports),
        ("/scorecard", "nav_scorecard", .viewScorecard),
        ("/agents", "nav_agents", .viewOrganisation),
        ("/sites", "nav_sites", .viewOrganisation),
        ("/policy", "nav_policy", .checkPolicy),
        ("/users", "nav_users", .viewUsers),
        ("/audit", "nav_audit", .viewAudit),
    ]

    /// Renders a template inside the layout with the common context.
    static func render<D: Encodable>(_ template: String, titleKey: String, data: D, error: String? = nil,
                                     for req: Request) async throws -> View {
        let language = req.language
        let t = Strings.dictionary(language)
        let user = req.auth.get(CurrentUser.self)
        let nav = user.map { user in
            menu.filter { AccessPolicy.allows(user.role, $0.permission) }
                .map { NavItem(href: $0.href, label: t[$0.key] ?? $0.key, current: req.url.path == $0.href) }
        } ?? []
        // What the form posted before the redirect did (FormFlow.flash), else the notice named in the address.
        let flash: (notice: String?, error: String?) = user == nil || !req.hasSession ? (nil, nil) : FormFlow.takeFlash(req)
        let notice = flash.notice ?? (try? req.query.get(String.self, at: "notice")).flatMap { t[$0] }
        let error = error ?? flash.error
        let context = PageContext(
            t: t, lang: language == .zh ? "zh-CN" : "en", otherLang: language == .zh ? "en" : "zh",
            title: t[titleKey] ?? titleKey,
            user: user.map { UserBadge(username: $0.username, displayName: $0.displayName, role: $0.role.name.text(language)) },
            nav: nav, csrf: CSRF.token(req), notice: notice, error: error, data: data)
        return try await req.view.render(template, context)
    }
}

extension Caller {
    /// Who did something, as pages name them: the system's own work reads 系统 (System).
    static func displayName(_ name: String, _ language: Language) -> String {
        name == Caller.system.name ? (language == .zh ? "系统" : "System") : name
    }
}

/// The HTML answer to an error on a page.
enum ErrorPage {
    struct Info: Encodable {
        var status: Int
        var code: String
        var message: String
    }

    static func render(_ error: DomainError, status: HTTPResponseStatus, for req: Request) async throws -> Response {
        let info = Info(status: Int(status.code), code: error.code, message: error.message.text(req.language))
        do {
            let view = try await PageRenderer.render("error", titleKey: "error", data: info, for: req)
            let response = try await view.encodeResponse(for: req)
            response.status = status
            return response
        } catch {
            return Response(status: status, body: .init(string: "\(info.status) \(info.message)"))
        }
    }
}
