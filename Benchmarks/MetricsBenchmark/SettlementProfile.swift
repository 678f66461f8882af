import Foundation
import SQLKit
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

/// Times a month's settlement (issue 18: 5,000,000 attempts, 20 vendors, 50 projects in ≤ 2 s for all statements) on
/// a copy of the database the metrics benchmark filled. The copy is prepared once: its 5,000,000 attempts spread over
/// 50 projects (by row), its 200 agents over 20 vendor sites, each vendor registered with a contract, and an approved
/// price for every project (marketing ones per success, the rest per completed call).
enum SettlementProfile {
    static func run(directory: String) async throws {
        let copy = directory + "/settle.sqlite"
        if !FileManager.default.fileExists(atPath: copy) {
            print("copying the metrics benchmark's database to \(copy) …")
            try FileManager.default.copyItem(atPath: directory + "/waihu.sqlite", toPath: copy)
        }
        let app = try await BenchApp.open(copy)
        if try await VendorModel.query(on: app.db).count() == 0 {
            let start = Date()
            try await prepare(app)
            print(String(format: "prepared 50 projects, 20 vendors in %.0f s", Date().timeIntervalSince(start)))
        }
        let now = ISO8601DateFormatter().date(from: "2026-12-06T10:00:00+08:00")!
        let attempts = try await CallAttemptModel.query(on: app.db).count()
        let projects = try await ProjectModel.query(on: app.db).count()
        for round in 1 ... 3 {
            let start = Date()
            let statements = try await SettlementService.computeAll(month: "2026-10", now: now, on: app.db)
            let elapsed = Date().timeIntervalSince(start)
            let units = statements.reduce(0) { $0 + $1.statement.lines.reduce(0) { $0 + $1.units } }
            let total = statements.reduce(0) { $0 + $1.statement.subtotalFen }
            print(String(format: "settlement round %d: %d attempts, %d projects, %d statements, %d billable units, ¥%@ in all: %.2f s",
                         round, attempts, projects, statements.count, units, Fen.yuan(total), elapsed))
        }
        try await app.asyncShutdown()
    }

    static func prepare(_ app: Application) async throws {
        let db = app.db
        guard let sql = db as? any SQLDatabase else { return }
        let zone = OrganisationDefaults.timeZone
        var projects = try await ProjectModel.query(on: db).sort(\.$code).all()
        for index in projects.count ..< 50 {
            let project = ProjectModel(code: "BENCH-\(index + 1)", name: "benchmark \(index + 1)", type: index % 3 == 0 ? .marketing : .satisfactionSurvey,
                                       status: .running, target: 1_000, timeZone: zone)
            try await project.create(on: db)
            projects.append(project)
        }
        // Every fiftieth attempt (by row) to each project: one pass, the indexes on the project rebuilt after it.
        let ids = try projects.map { try $0.requireID().uuidString }
        var cases = "CASE rowid % 50"
        for (index, id) in ids.enumerated() { cases += " WHEN \(index) THEN '\(id)'" }
        let indexes = try await sql.raw("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'call_attempts' AND sql LIKE '%project_id%'").all()
            .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "sql", as: String.self)) }
        for (name, _) in indexes { try await sql.raw("DROP INDEX \(ident: name)").run() }
        try await sql.raw("UPDATE call_attempts SET project_id = \(unsafeRaw: cases) END").run()
        for (_, create) in indexes { try await sql.raw("\(unsafeRaw: create)").run() }
        // Twenty vendor sites of ten agents each, registered with a contract and prices.
        let agents = try await AgentModel.query(on: db).sort(\.$number).all()
        for vendorIndex in 0 ..< 20 {
            let site = SiteModel(name: "bench vendor site \(vendorIndex + 1)", kind: .vendor)
            try await site.create(on: db)
            for agent in agents.enumerated().filter({ $0.offset % 20 == vendorIndex }).map(\.element) {
                agent.siteID = try site.requireID()
                try await agent.save(on: db)
            }
            let facts = VendorService.Facts(licence_check_year: 2026, tax_registered: true, independent_legal_person: true, registered_capital: 500_000,
                                            seats: 10, agents: 15, office_area: 50, recording_retention_days: 90, experience_years: 3)
            let vendor = try await VendorService.register(.init(legal_name: "bench vendor \(vendorIndex + 1)", model: "exclusive",
                                                                categories: "marketing,service,survey", sites: [site.name], facts: facts),
                                                          by: .system, at: Date(), on: db)
            _ = try await VendorService.addContract(try vendor.requireID(), .init(number: "BENCH-\(vendorIndex + 1)", starts_on: "2026-01-01",
                                                                                ends_on: "2026-12-31", nda_signed_on: "2026-01-01"),
                                                    by: .system, at: Date(), on: db)
        }
        for project in projects {
            let list = try await PriceListService.draft(.init(project: project.code, starts_on: "2026-01-01", unit_price: project.type == .marketing ? "30" : "8"),
                                                        by: .system, at: Date(), on: db)
            _ = try await PriceListService.approve(try list.requireID(), by: .system, at: Date(), on: db)
        }
    }
}
