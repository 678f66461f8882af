/// What a route or command does, in the terms authorisation decides on.
/// Every route of the web layer names exactly one of these (or `.public`).
public enum Permission: String, Sendable, CaseIterable, Codable {
    /// Anyone, signed in or not: login, health, the OpenAPI document.
    case `public`
    /// Any signed-in user: their own profile, password and logout.
    case signedIn = "signed_in"
    /// Read sites, teams and agents (within the caller's scope).
    case viewOrganisation = "view_organisation"
    /// Create and change sites and teams.
    case manageSites = "manage_sites"
    /// Create, change and import agents.
    case manageAgents = "manage_agents"
    /// Read users.
    case viewUsers = "view_users"
    /// Create users, change roles, unlock accounts.
    case manageUsers = "manage_users"
    /// Read projects (within the caller's scope).
    case viewProjects = "view_projects"
    /// Create projects and change them, their status included.
    case manageProjects = "manage_projects"
    /// Read the audit log.
    case viewAudit = "view_audit"
    /// Import customer lists and read their reports and rejected rows.
    case importCustomers = "import_customers"
    /// See full phone numbers (每次查看完整号码都记入审计日志).
    case revealNumbers = "reveal_numbers"
    /// Read the leads of a project within the caller's scope (an agent: only their own).
    case viewLeads = "view_leads"
    /// Allocate leads to teams and agents, re-allocate and take them back (数据分配与回收).
    case allocateLeads = "allocate_leads"
    /// Export a project's customer data (客户数据导出).
    case exportCustomers = "export_customers"
    /// Ask whether a number may be called now, and why not (呼叫规则检查).
    case checkPolicy = "check_policy"
    /// Change the contact rules of the organisation or a project.
    case manageContactRules = "manage_contact_rules"
    /// Read the do-not-call list.
    case viewDoNotCall = "view_dnc"
    /// Add numbers to the do-not-call list and take them off, with a reason.
    case manageDoNotCall = "manage_dnc"
    /// Take one's own next lead, dial it and record how the call ended (坐席外呼).
    case workLeads = "work_leads"
    /// Change a project's dispositions and their retry rules.
    case manageDispositions = "manage_dispositions"
    /// Write a project's script, FAQ and questionnaire (each save a new version).
    case manageScripts = "manage_scripts"
    /// Download the questionnaire answers of a project (问卷导出).
    case exportAnswers = "export_answers"
    /// Read complaints.
    case viewComplaints = "view_complaints"
    /// Register complaints and judge their validity (投诉登记与判定).
    case manageComplaints = "manage_complaints"
    /// Watch the live wallboard: agents' states, today's figures per project (实时监控).
    case viewWallboard = "view_wallboard"
    /// Read the metrics of any slice within the caller's scope, and the catalog (指标与报表).
    case viewMetrics = "view_metrics"
    /// Import call, state, schedule and order records from other systems.
    case importRecords = "import_records"
    /// Read orders (delivery phones masked).
    case viewOrders = "view_orders"
    /// Verify orders and record their shipping and signing (审单、发货、签收).
    case verifyOrders = "verify_orders"
    /// Confirm a shaky order with the customer again (再次确认), as the floor supervisor does.
    case reconfirmOrders = "reconfirm_orders"
    /// Follow one's own orders: verification, shipping, signing and disputes (跟单).
    case followOwnOrders = "follow_own_orders"
    /// Sample calls, review them, decide appeals (质检).
    case reviewCalls = "review_calls"
    /// Read the reviews within one's scope.
    case viewReviews = "view_reviews"
    /// Read one's own reviews and appeal them (申诉).
    case appealReviews = "appeal_reviews"
    /// Write new versions of scorecards.
    case manageScorecards = "manage_scorecards"
    /// Mark findings trained and apology call-backs made.
    case followFindings = "follow_findings"
    /// Read the penalty and reward ledger within one's scope (an agent: their own).
    case viewPenalties = "view_penalties"
    /// Book entries by hand and void them (a supervisor's finding on the floor).
    case bookPenalties = "book_penalties"
    /// Edit the penalty and reward rules.
    case managePenaltyRules = "manage_penalty_rules"
    /// Acknowledge the client's spot checks of one's own site and report the fix (a vendor).
    case acknowledgeChecks = "acknowledge_checks"
    /// The vendor registry, qualification, assessment and grades (a vendor sees its own).
    case viewVendors = "view_vendors"
    /// Register vendors, contracts and NDAs, record faults, warnings and rectifications, open exits.
    case manageVendors = "manage_vendors"
    /// Draft price lists and approve them (the deputy GM's act in the seeds, E-07).
    case managePrices = "manage_prices"
    /// Monthly statements (a vendor sees its own).
    case viewSettlements = "view_settlements"
    /// Compute statements, settle disputed lines, approve and mark paid.
    case runSettlements = "run_settlements"
    /// Submit the vendor's own counts for reconciliation.
    case submitCounts = "submit_counts"
    /// See rosters and shift templates.
    case viewRoster = "view_roster"
    /// Edit rosters and shift templates.
    case editRoster = "edit_roster"
    /// Upload what a site owes its client (上报).
    case submitReports = "submit_reports"
    /// Ask a site for an ad-hoc report (due in 24 hours).
    case requestReports = "request_reports"
    /// See a site's assessment scorecard.
    case viewScorecard = "view_scorecard"
    /// Book a finding on a scorecard line.
    case bookSiteFindings = "book_site_findings"
    /// Set the scorecard's base, the grace before lateness and from when a site owes submissions.
    case manageScorecard = "manage_scorecard"
}

/// Which role holds which permission: the one table authorisation reads.
public enum AccessPolicy {
    public static let grants: [Permission: Set<Role>] = [
        .public: Set(Role.allCases),
        .signedIn: Set(Role.allCases),
        .viewOrganisation: [.admin, .manager, .supervisor, .qa, .vendor, .auditor],
        .manageSites: [.admin],
        .manageAgents: [.admin, .manager],
        .viewUsers: [.admin, .auditor],
        .manageUsers: [.admin],
        .viewProjects: Set(Role.allCases),
        .manageProjects: [.admin, .manager],
        .viewAudit: [.admin, .auditor],
        .importCustomers: [.admin, .manager],
        .revealNumbers: [.admin, .manager],
        .viewLeads: Set(Role.allCases),
        .allocateLeads: [.admin, .manager, .supervisor],
        .exportCustomers: [.admin, .manager],
        .checkPolicy: [.admin, .manager, .supervisor, .qa, .auditor],
        .manageContactRules: [.admin, .manager],
        .viewDoNotCall: [.admin, .manager, .supervisor, .qa, .auditor],
        .manageDoNotCall: [.admin, .manager],
        .workLeads: [.agent],
        .manageDispositions: [.admin, .manager],
        .manageScripts: [.admin, .manager],
        .exportAnswers: [.admin, .manager, .supervisor, .qa],
        .viewComplaints: [.admin, .manager, .supervisor, .qa, .auditor],
        .manageComplaints: [.admin, .manager, .qa],
        .viewWallboard: [.admin, .manager, .supervisor, .vendor],
        .viewMetrics: Set(Role.allCases),
        .importRecords: [.admin, .manager],
        .viewOrders: [.admin, .manager, .supervisor, .qa, .auditor],
        .verifyOrders: [.admin, .manager],
        .reconfirmOrders: [.admin, .manager, .supervisor],
        .followOwnOrders: [.agent],
        .reviewCalls: [.admin, .qa],
        .viewReviews: [.admin, .manager, .supervisor, .qa, .auditor, .vendor],
        .appealReviews: [.agent],
        .manageScorecards: [.admin, .manager, .qa],
        .followFindings: [.admin, .manager, .supervisor],
        .viewPenalties: [.admin, .manager, .supervisor, .qa, .auditor, .vendor, .agent],
        .bookPenalties: [.admin, .manager, .supervisor],
        .managePenaltyRules: [.admin, .manager],
        .acknowledgeChecks: [.vendor],
        .viewVendors: [.admin, .manager, .qa, .auditor, .vendor],
        .manageVendors: [.admin, .manager],
        .managePrices: [.admin, .manager],
        .viewSettlements: [.admin, .manager, .auditor, .vendor],
        .runSettlements: [.admin, .manager],
        .submitCounts: [.vendor],
        .viewRoster: [.admin, .manager, .supervisor, .vendor, .auditor],
        .editRoster: [.admin, .manager, .supervisor, .vendor],
        .submitReports: [.admin, .manager, .supervisor, .vendor],
        .requestReports: [.admin, .manager],
        .viewScorecard: [.admin, .manager, .supervisor, .qa, .auditor, .vendor],
        .bookSiteFindings: [.admin, .manager, .qa],
        .manageScorecard: [.admin, .manager],
    ]

    /// Whether a role holds a permission.
    public static func allows(_ role: Role, _ permission: Permission) -> Bool {
        grants[permission]?.contains(role) ?? false
    }

    /// Throws a 403-kind error when the role does not hold the permission.
    public static func require(_ role: Role, _ permission: Permission) throws(DomainError) {
        guard allows(role, permission) else {
            throw DomainError(
                .forbidden, code: "forbidden",
                zh: "角色“\(role.name.zh)”无权执行此操作：需要“\(permission.name.zh)”的权限，请联系管理员",
                en: "The role \(role.name.en) may not do this: it needs the right of \(permission.name.en); ask an administrator")
        }
    }
}
