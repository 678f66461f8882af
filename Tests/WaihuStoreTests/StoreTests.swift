import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore

/// Runs `body` against a migrated database: in-memory SQLite, or a given location.
func withDatabase(_ location: DatabaseLocation = .sqliteMemory, _ body: (any Database) async throws -> Void) async throws {
    try await withMigratedApplication(location) { app in try await body(app.db) }
}

/// Runs `body` with an application on a migrated database; `app.db` hands out a connection of
/// any event loop, so concurrent work through it really runs on several connections.
func withMigratedApplication(_ location: DatabaseLocation, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    do {
        try location.register(in: app.databases)
        app.migrations.add(WaihuMigrations.all)
        try await app.autoMigrate()
        try await body(app)
        try await app.autoRevert()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// Every database the store tests run on: SQLite always, PostgreSQL when `WAIHU_TEST_POSTGRES_URL` is set.
let testDatabases: [DatabaseLocation] = {
    var locations: [DatabaseLocation] = [.sqliteMemory]
    if let url = ProcessInfo.processInfo.environment["WAIHU_TEST_POSTGRES_URL"], !url.isEmpty {
        locations.append(.postgres(url))
    }
    return locations
}()

@Suite(.serialized) struct StoreTests {
    @Test(arguments: testDatabases)
    func auditLogIsAppendOnly(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            try await AuditLog.append(AuditEvent(actorID: nil, actorName: "tester", action: "login.success", targetType: "user"),
                                      at: Date(), on: db)
            let entry = try #require(try await AuditEntryModel.query(on: db).first())
            entry.detail = "rewritten"
            await #expect(throws: (any Error).self) { try await entry.save(on: db) }
            await #expect(throws: (any Error).self) { try await AuditEntryModel.query(on: db).delete() }
            let kept = try await AuditLog.entries(AuditFilter(), on: db)
            #expect(kept.map(\.detail) == [""])
        }
    }

    @Test(arguments: testDatabases)
    func rosterImportCreatesSitesTeamsAndUpdatesByNumber(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            let first = try AgentRoster.read(CSVParser.parse(
                "agent,name,site,team,hired_on\nA1,甲,总部,一组,2025-01-01\nA2,乙,总部,一组,2025-01-01\nA3,丙,华信,,2025-01-01\n"))
            let counts = try await AgentQueries.importRoster(first.rows, on: db)
            #expect(counts == .init(created: 3, updated: 0, sitesCreated: 2, teamsCreated: 1))
            let second = try AgentRoster.read(CSVParser.parse("agent,name,site,team,hired_on\nA3,丙,华信,新组,2025-01-01\n"))
            let again = try await AgentQueries.importRoster(second.rows, on: db)
            #expect(again == .init(created: 0, updated: 1, sitesCreated: 0, teamsCreated: 1))
            #expect(try await AgentModel.query(on: db).count() == 3)
            let a3 = try #require(try await AgentQueries.agent(number: "A3", on: db))
            let team = try #require(try await TeamModel.find(a3.teamID, on: db))
            #expect(team.name == "新组")
            #expect(team.siteID == a3.siteID)
        }
    }

    @Test(arguments: testDatabases)
    func uniqueKeysHold(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            try await ProjectModel(code: "P1", name: "a", type: .marketing, status: .requirement, target: nil, timeZone: "Asia/Shanghai").create(on: db)
            await #expect(throws: (any Error).self) {
                try await ProjectModel(code: "P1", name: "b", type: .marketing, status: .requirement, target: nil, timeZone: "Asia/Shanghai").create(on: db)
            }
            #expect(try await ProjectModel.query(on: db).count() == 1)
        }
    }

    @Test func rowsSurviveARestartOnAnSQLiteFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        for round in 1...2 {
            let app = try await Application.make(.testing)
            try DatabaseLocation.sqliteFile(path).register(in: app.databases)
            app.migrations.add(WaihuMigrations.all)
            try await app.autoMigrate()
            if round == 1 {
                try await SiteModel(name: "总部", kind: .own).create(on: app.db)
            }
            let names = try await SiteModel.query(on: app.db).all().map(\.name)
            try await app.asyncShutdown()
            #expect(names == ["总部"], "round \(round)")
        }
    }

    @Test func databaseURLsAreReadOrRefused() throws {
        #expect(try DatabaseLocation.parse(nil) == .sqliteFile("waihu.sqlite"))
        #expect(try DatabaseLocation.parse("sqlite:///var/lib/waihu.sqlite") == .sqliteFile("/var/lib/waihu.sqlite"))
        #expect(try DatabaseLocation.parse("postgres://u:p@localhost:5432/waihu") == .postgres("postgres://u:p@localhost:5432/waihu"))
        #expect(throws: DomainError.self) { try DatabaseLocation.parse("mysql://x") }
        #expect(DatabaseLocation.postgres("postgres://u:secret@h:5432/d").redacted.contains("secret") == false)
    }
}
