import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The demo organisation of `waihu serve --demo`: an own center and a vendor, three teams,
/// 30 agents with logins, a manager, a supervisor, a QA inspector, a vendor administrator,
/// an auditor and three projects.
enum DemoOrganisation {
    static let password = "waihu-demo-2026"

    struct Login: Sendable {
        var username: String
        var role: Role
    }

    static func isPresent(on db: any Database) async throws -> Bool {
        try await UserQueries.user(username: "manager", on: db) != nil
    }

    static func seed(at now: Date, on db: any Database) async throws -> [Login] {
        let hash = try Bcrypt.hash(password)
        return try await StoreTransaction.write(db) { tx in
            var logins: [Login] = []
            let own = SiteModel(name: "总部呼叫中心", kind: .own)
            let vendor = SiteModel(name: "华信外呼公司", kind: .vendor)
            try await own.create(on: tx)
            try await vendor.create(on: tx)
            func user(_ name: String, _ display: String, _ role: Role, site: UUID? = nil, agent: UUID? = nil) async throws -> UserModel {
                let model = UserModel(username: name, displayName: display, role: role, passwordHash: hash,
                                      siteID: site, agentID: agent)
                try await model.create(on: tx)
                logins.append(Login(username: name, role: role))
                return model
            }
            _ = try await user("manager", "王经理", .manager)
            let supervisor = try await user("supervisor", "李主管", .supervisor, site: own.id)
            _ = try await user("qa", "赵质检", .qa)
            _ = try await user("vendor", "华信管理员", .vendor, site: vendor.id)
            _ = try await user("auditor", "周审计", .auditor)
            let teams = [
                TeamModel(siteID: try own.requireID(), name: "一组", supervisorID: supervisor.id),
                TeamModel(siteID: try own.requireID(), name: "二组", supervisorID: supervisor.id),
                TeamModel(siteID: try vendor.requireID(), name: "华信一组"),
            ]
            for team in teams { try await team.create(on: tx) }
            let surnames = Array("张王李赵刘陈杨黄吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹")
            let given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳"]
            for index in 0..<30 {
                let team = teams[index / 10]
                let number = String(format: "A%04d", 1001 + index)
                let agent = AgentModel(number: number, name: "\(surnames[index])\(given[index % given.count])",
                                       skill: (index % 3 == 0 ? Skill.dual : Skill.outbound).rawValue,
                                       siteID: team.siteID, teamID: team.id,
                                       hiredOn: "2025-\(String(format: "%02d", index % 12 + 1))-01", leftOn: nil)
                try await agent.create(on: tx)
                _ = try await user(number.lowercased(), agent.name, .agent, site: team.siteID, agent: agent.id)
            }
            let zone = OrganisationDefaults.timeZone
            let marketing = ProjectModel(code: "DEMO-MKT", name: "宽带升级电话营销", type: .marketing,
                                         status: .planning, target: 300, timeZone: zone)
            let survey = ProjectModel(code: "DEMO-SAT", name: "装维满意度回访", type: .satisfactionSurvey,
                                      status: .kickoff, target: 1000, timeZone: zone)
            let upgrade = ProjectModel(code: "DEMO-VIP", name: "VIP 客户套餐升级（预览外呼）", type: .marketing,
                                       status: .planning, target: 60, timeZone: zone)
            try await marketing.create(on: tx)
            try await survey.create(on: tx)
            try await upgrade.create(on: tx)
            try await ProjectQueries.setSites([try vendor.requireID()], of: try upgrade.requireID(), on: tx)
            try await ProjectQueries.setSites([try own.requireID(), try vendor.requireID()], of: try marketing.requireID(), on: tx)
            try await ProjectQueries.setSites([try own.requireID()], of: try survey.requireID(), on: tx)
            try await AuditLog.append(AuditEvent(actorID: nil, actorName: "system", action: "demo.seed", targetType: "organisation",
                                                 detail: "demo organisation created"), at: now, on: tx)
            return logins
        }
    }

    static func describe(_ logins: [Login]) -> String {
        let staff = logins.filter { $0.role != .agent }.map { "   \($0.username.padding(toLength: 11, withPad: " ", startingAt: 0)) \($0.role.rawValue)" }
        let agents = logins.filter { $0.role == .agent }.map(\.username)
        return """
            ================================================================
             演示组织已创建 / Demo organisation created
             password for every demo login: \(password)
            \(staff.joined(separator: "\n"))
               agents      \(agents.first ?? "") … \(agents.last ?? "") (\(agents.count))
            ================================================================
            """
    }
}
