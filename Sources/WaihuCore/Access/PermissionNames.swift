extension Permission {
    /// What the permission lets a person do, as the refusal names it.
    public var name: LocalizedText {
        switch self {
        case .public: LocalizedText(zh: "公开访问", en: "public access")
        case .signedIn: LocalizedText(zh: "登录", en: "signing in")
        case .viewOrganisation: LocalizedText(zh: "查看职场、班组与坐席", en: "seeing sites, teams and agents")
        case .manageSites: LocalizedText(zh: "管理职场与班组", en: "managing sites and teams")
        case .manageAgents: LocalizedText(zh: "管理坐席", en: "managing agents")
        case .viewUsers: LocalizedText(zh: "查看用户", en: "seeing users")
        case .manageUsers: LocalizedText(zh: "管理用户", en: "managing users")
        case .viewProjects: LocalizedText(zh: "查看项目", en: "seeing projects")
        case .manageProjects: LocalizedText(zh: "管理项目", en: "managing projects")
        case .viewAudit: LocalizedText(zh: "查看审计日志", en: "reading the audit log")
        case .importCustomers: LocalizedText(zh: "导入客户名单", en: "importing customer lists")
        case .revealNumbers: LocalizedText(zh: "查看完整号码", en: "seeing full numbers")
        case .viewLeads: LocalizedText(zh: "查看客户数据", en: "seeing leads")
        case .allocateLeads: LocalizedText(zh: "分配与回收数据", en: "allocating and taking back leads")
        case .exportCustomers: LocalizedText(zh: "导出客户数据", en: "exporting customer data")
        case .checkPolicy: LocalizedText(zh: "查看呼叫规则判断", en: "checking the contact rules")
        case .manageContactRules: LocalizedText(zh: "修改呼叫规则", en: "changing the contact rules")
        case .viewDoNotCall: LocalizedText(zh: "查看免打扰名单", en: "seeing the do-not-call list")
        case .manageDoNotCall: LocalizedText(zh: "管理免打扰名单", en: "managing the do-not-call list")
        case .workLeads: LocalizedText(zh: "坐席外呼", en: "working leads on the desk")
        case .manageDispositions: LocalizedText(zh: "修改结果代码", en: "changing dispositions")
        case .manageScripts: LocalizedText(zh: "编写话术与问卷", en: "writing scripts and questionnaires")
        case .exportAnswers: LocalizedText(zh: "导出问卷答案", en: "exporting answers")
        case .viewComplaints: LocalizedText(zh: "查看投诉", en: "seeing complaints")
        case .manageComplaints: LocalizedText(zh: "登记与判定投诉", en: "registering and judging complaints")
        case .viewWallboard: LocalizedText(zh: "查看实时监控", en: "watching the wallboard")
        case .viewMetrics: LocalizedText(zh: "查看指标与报表", en: "reading metrics and reports")
        case .importRecords: LocalizedText(zh: "导入通话等记录", en: "importing records")
        case .viewOrders: LocalizedText(zh: "查看订单", en: "seeing orders")
        case .verifyOrders: LocalizedText(zh: "审单与发货签收", en: "verifying and shipping orders")
        case .reconfirmOrders: LocalizedText(zh: "再次确认订单", en: "re-confirming orders")
        case .followOwnOrders: LocalizedText(zh: "跟进自己的订单", en: "following one's own orders")
        }
    }
}
