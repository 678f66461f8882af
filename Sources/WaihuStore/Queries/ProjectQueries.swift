import Fluent
import Foundation
import WaihuCore

/// A project with the sites taking part in it.
public struct ProjectRecord: Sendable {
    public var project: ProjectModel
    public var siteIDs: [UUID]

    public init(project: ProjectModel, siteIDs: [UUID]) {
        self.project = project
        self.siteIDs = siteIDs
    }

    /// The project's time zone (its customers' local time), the organisation's default when unknown.
    public var zone: TimeZone {
        TimeZone(identifier: project.timeZone) ?? TimeZone(identifier: OrganisationDefaults.timeZone)!
    }
}

/// Reading and writing projects.
public enum ProjectQueries {
    public static func projects(in scope: AccessScope, on db: any Database) async throws -> [ProjectRecord] {
        let projects = try await ProjectModel.query(on: db).sort(\.$code).all()
        let links = try await ProjectSiteModel.query(on: db).all()
        let sitesByProject = Dictionary(grouping: links, by: \.projectID).mapValues { $0.map(\.siteID) }
        return projects.compactMap { project in
            let sites = project.id.flatMap { sitesByProject[$0] } ?? []
            guard scope.includesProject(sites: Set(sites)) else { return nil }
            return ProjectRecord(project: project, siteIDs: sites)
        }
    }

    /// A project by id or code, when visible in the scope.
    public static func project(_ key: String, in scope: AccessScope, on db: any Database) async throws -> ProjectRecord? {
        let found: ProjectModel?
        if let id = UUID(uuidString: key) {
            found = try await ProjectModel.find(id, on: db)
        } else {
            found = try await ProjectModel.query(on: db).filter(\.$code == key).first()
        }
        guard let project = found, let id = project.id else { return nil }
        let sites = try await ProjectSiteModel.query(on: db).filter(\.$projectID == id).all().map(\.siteID)
        guard scope.includesProject(sites: Set(sites)) else { return nil }
        return ProjectRecord(project: project, siteIDs: sites)
    }

    public static func codeExists(_ code: String, on db: any Database) async throws -> Bool {
        try await ProjectModel.query(on: db).filter(\.$code == code).count() > 0
    }

    /// Replaces the sites taking part in a project.
    public static func setSites(_ sites: [UUID], of projectID: UUID, on db: any Database) async throws {
        try await ProjectSiteModel.query(on: db).filter(\.$projectID == projectID).delete()
        for site in Set(sites) {
            try await ProjectSiteModel(projectID: projectID, siteID: site).create(on: db)
        }
    }

    /// What the lifecycle guard needs to know: a script saved, and a disposition set in force that is valid
    /// (the standard set serves until the project saves its own).
    public static func readiness(of projectID: UUID, on db: any Database) async throws -> ProjectReadiness {
        let script = try await ScriptModel.query(on: db).filter(\.$projectID == projectID).count() > 0
        let set = try await DispositionQueries.inForce(project: projectID, on: db)
        return ProjectReadiness(hasScript: script, hasDispositions: (try? set.validated()) != nil)
    }
}
