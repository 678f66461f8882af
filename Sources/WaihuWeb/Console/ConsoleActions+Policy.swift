import Fluent
import Foundation
import Vapor
import WaihuCore
import WaihuStore

extension ConsoleActions {
    /// `waihu policy check`: may this number be called now (or at `at`) for the project?
    public static func checkPolicy(_ app: Application, phone: String, project code: String, product: String?,
                                   at: Date?) async throws -> PolicyCheck {
        try await PolicyService.check(phone: phone, project: try await project(code, app), product: product,
                                      at: at ?? app.now, on: app.db)
    }

    /// The rules in force for the organisation or a project, as JSON.
    public static func policyRules(_ app: Application, project code: String?) async throws -> (version: String, rules: ContactRules) {
        let projectID = try await code.asyncMap { try await project($0, app).project.requireID() }
        let inForce = try await PolicyQueries.rules(project: projectID, on: app.db)
        return (inForce.version, inForce.rules)
    }
}
