import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Reading and writing the organisation: settings, sites, teams.
public enum OrganisationQueries {
    /// The organisation's settings, created with the defaults on first use.
    public static func settings(on db: any Database) async throws -> OrganisationModel {
        if let existing = try await OrganisationModel.query(on: db).first() { return existing }
        let created = OrganisationModel(name: "Waihu", timeZone: OrganisationDefaults.timeZone)
        try await created.create(on: db)
        return created
    }

    /// Whether Waihu's tables are there (the migrations have run): a command that only reads asks first.
    public static func isSetUp(on db: any Database) async -> Bool {
        (try? await OrganisationModel.query(on: db).count()) != nil
    }

    /// The organisation's time zone: its days and hours are the metrics' and the reports'.
    public static func timeZone(on db: any Database) async throws -> TimeZone {
        // One column, not the whole settings row: every desk status and wallboard look asks.
        let kept = try await StoreSQL.sql(db).select().column("time_zone").from(OrganisationModel.schema).limit(1).first()?
            .decode(column: "time_zone", as: String.self)
        let identifier = if let kept { kept } else { try await settings(on: db).timeZone }
        return TimeZone(identifier: identifier) ?? TimeZone(identifier: OrganisationDefaults.timeZone) ?? .gmt
    }

    public static func sites(in scope: AccessScope, on db: any Database) async throws -> [SiteModel] {
        var query = SiteModel.query(on: db)
        if let site = scope.boundSite {
            query = query.filter(\.$id == site)
        } else if scope != .organisation {
            return []
        }
        return try await query.sort(\.$name).all()
    }

    public static func site(named name: String, on db: any Database) async throws -> SiteModel? {
        try await SiteModel.query(on: db).filter(\.$name == name).first()
    }

    public static func teams(in scope: AccessScope, on db: any Database) async throws -> [TeamModel] {
        var query = TeamModel.query(on: db)
        switch scope {
        case .organisation: break
        case .site(let id): query = query.filter(\.$siteID == id)
        case .teams(let ids, _): query = query.filter(\.$id ~~ Array(ids))
        case .ownAgent: return []
        }
        return try await query.sort(\.$name).all()
    }

    public static func team(named name: String, site: UUID, on db: any Database) async throws -> TeamModel? {
        try await TeamModel.query(on: db).filter(\.$siteID == site).filter(\.$name == name).first()
    }

    /// The ids of the teams a supervisor leads.
    public static func supervisedTeams(by userID: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await TeamModel.query(on: db).filter(\.$supervisorID == userID).all().compactMap(\.id))
    }
}
