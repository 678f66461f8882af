import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Reading users and their tokens.
public enum UserQueries {
    public static func user(username: String, on db: any Database) async throws -> UserModel? {
        try await UserModel.query(on: db).filter(\.$username == username).first()
    }

    /// The login of each of these agents that has one.
    public static func usernames(ofAgents agents: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !agents.isEmpty else { return [:] }
        let users = try await UserModel.query(on: db).filter(\.$agentID ~~ agents).all()
        return Dictionary(users.compactMap { user in user.agentID.map { ($0, user.username) } }, uniquingKeysWith: { first, _ in first })
    }

    public static func users(on db: any Database) async throws -> [UserModel] {
        try await UserModel.query(on: db).sort(\.$username).all()
    }

    public static func count(on db: any Database) async throws -> Int {
        try await UserModel.query(on: db).count()
    }

    /// The user holding an unexpired token with this digest.
    public static func user(tokenHash: String, at now: Date, on db: any Database) async throws -> UserModel? {
        guard let user = try await StoreSQL.sql(db).select().column("user_id").from(APITokenModel.schema)
            .where("token_hash", .equal, SQLBind(tokenHash)).where("expires_at", .greaterThan, SQLBind(now)).first()?
            .decode(column: "user_id", as: UUID.self) else { return nil }
        return try await UserModel.find(user, on: db)
    }

    /// Deletes every API token of a user but the one with the digest `keeping`.
    public static func revokeTokens(user: UUID, keeping: String?, on db: any Database) async throws {
        var query = APITokenModel.query(on: db).filter(\.$userID == user)
        if let keeping { query = query.filter(\.$tokenHash != keeping) }
        try await query.delete()
    }

    public static func deleteToken(hash: String, on db: any Database) async throws {
        try await APITokenModel.query(on: db).filter(\.$tokenHash == hash).delete()
    }

    /// The scope a user sees, from their role, site, teams and agent record.
    public static func scope(of user: UserModel, on db: any Database) async throws -> AccessScope {
        let role = user.role
        var teams: Set<UUID> = []
        if role == .supervisor, let id = user.id {
            teams = try await OrganisationQueries.supervisedTeams(by: id, on: db)
        }
        var agentSite: UUID?
        if role == .agent, let agentID = user.agentID {
            agentSite = try await StoreSQL.sql(db).select().column("site_id").from(AgentModel.schema)
                .where("id", .equal, SQLBind(agentID)).first()?.decode(column: "site_id", as: UUID.self)
        }
        return AccessScope.of(role: role, siteID: user.siteID, supervisedTeams: teams,
                              agentID: user.agentID, agentSiteID: agentSite)
    }
}
