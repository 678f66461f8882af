import BenchmarkSupport
import Fluent
import Foundation
import SQLiteNIO
import SQLKit
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

/// A floor with history: `agents` agents with logins and tokens, one project whose leads are allocated
/// evenly to them, and `attempts` ended call attempts of those agents on those leads over the last 60
/// days (a tenth of them today), written as one bulk transaction.
struct FloorGenerator {
    var agents: Int
    var leadsPerAgent: Int
    var attempts: Int
    var now: Date
    var directory: String

    static func phone(_ index: Int) -> String { "139" + String(format: "%08d", index) }

    /// Creates the floor; returns each agent's bearer token.
    func build(_ app: Application) async throws -> [String] {
        let setup = BenchmarkSetup(app)
        try await setup.createProject("DESK", name: "desk benchmark")
        var roster = "agent,name,site,team,skill,hired_on\n"
        for index in 0..<agents { roster += "D\(index),坐席\(index),总部,\(index % 10)组,outbound,2025-01-01\n" }
        try await setup.importAgents(csv: roster)
        var text = "客户编号,手机号\n"
        for index in 0..<(agents * leadsPerAgent) { text += "C\(index),\(Self.phone(index))\n" }
        let leadsFile = directory + "/leads.csv"
        try text.write(toFile: leadsFile, atomically: true, encoding: .utf8)
        _ = try await setup.importCustomers(project: "DESK", path: leadsFile)
        let numbers = (0..<agents).map { "D\($0)" }
        try await setup.allocateEvenly(project: "DESK", agents: numbers)
        let project = try await ProjectQueries.project("DESK", in: .organisation, on: app.db)!.project.requireID()
        let site = try await OrganisationQueries.site(named: "总部", on: app.db)!.requireID()
        try await ProjectQueries.setSites([site], of: project, on: app.db)
        var tokens: [String] = []
        var holdings: [(agent: UUID, leads: [UUID])] = []
        let hash = try Bcrypt.hash("desk-bench-1", cost: 4)
        for number in numbers {
            let agent = try await AgentQueries.agent(number: number, on: app.db)!.requireID()
            let user = UserModel(username: number.lowercased(), displayName: number, role: .agent, passwordHash: hash,
                                 agentID: agent)
            try await user.create(on: app.db)
            let token = [UInt8].random(count: 32).map { String(format: "%02x", $0) }.joined()
            try await APITokenModel(userID: try user.requireID(), tokenHash: SHA256.hash(data: Data(token.utf8)).hex,
                                    expiresAt: now.addingTimeInterval(86_400)).create(on: app.db)
            tokens.append(token)
            let leads = try await LeadModel.query(on: app.db).filter(\.$agentID == agent).all().compactMap(\.id)
            holdings.append((agent, leads))
        }
        let held = holdings
        try await app.db.transaction { tx in
            if let db = tx as? any SQLiteDatabase {
                try await writeAttempts(project: project, holdings: held, db)
            } else {
                try await writeAttempts(project: project, tx as! any SQLDatabase)
            }
        }
        return tokens
    }

    /// The history, 500 rows a statement with the import's bulk-load settings.
    func writeAttempts(project: UUID, holdings: [(agent: UUID, leads: [UUID])], _ db: any SQLiteDatabase) async throws {
        var random = SeededRandom(seed: 2026_12_06)
        let dispositions = ["no_answer", "busy", "refused", "completed", "success", "callback", "powered_off"]
        try await BulkLoad.begin(db)
        let prefix = "INSERT INTO call_attempts (id, project_id, lead_id, agent_id, phone, started_at, answered_at, ended_at, prep_seconds, talk_seconds, acw_seconds, disposition, test_call, in_progress) VALUES "
        let row = "(?,?,?,?,?,?,?,?,5,?,30,?,0,0)"
        let full = prefix + Array(repeating: row, count: 500).joined(separator: ",")
        var binds: [SQLiteData] = []
        for index in 0..<attempts {
            let holder = holdings[index % holdings.count]
            let lead = holder.leads[Int.random(in: 0..<holder.leads.count, using: &random)]
            let today = index % 10 == 0
            let started = now.timeIntervalSince1970 - (today ? Double.random(in: 60...30_000, using: &random)
                                                              : Double.random(in: 86_400...(60 * 86_400), using: &random))
            let talk = Int.random(in: 0..<10, using: &random) < 4 ? Int.random(in: 10...600, using: &random) : 0
            binds += [.text(UUID().uuidString), .text(project.uuidString), .text(lead.uuidString), .text(holder.agent.uuidString),
                      .text(Self.phone(index % (agents * leadsPerAgent))), .float(started),
                      talk > 0 ? .float(started + 8) : .null, .float(started + 8 + Double(talk)), .integer(talk),
                      .text(dispositions[Int.random(in: 0..<dispositions.count, using: &random)])]
            if binds.count == 500 * 10 {
                _ = try await db.query(full, binds)
                binds.removeAll(keepingCapacity: true)
            }
        }
        if !binds.isEmpty {
            _ = try await db.query(prefix + Array(repeating: row, count: binds.count / 10).joined(separator: ","), binds)
        }
        try await BulkLoad.end(db)
    }

    /// The same history on PostgreSQL, drawn by the server: each attempt on a lead held by an agent, by that agent (the
    /// same shares: a tenth today, 40 % connected); then ANALYZE, as autovacuum would have run on a real history.
    func writeAttempts(project: UUID, _ sql: any SQLDatabase) async throws {
        let dispositions = "ARRAY['no_answer','busy','refused','completed','success','callback','powered_off']"
        let until = now.timeIntervalSince1970
        try await sql.raw(SQLQueryString("""
            WITH held AS (SELECT id, agent_id, phone_index, row_number() OVER (ORDER BY id) - 1 AS n FROM
                            (SELECT id, agent_id, substr(customer_id, 2)::int AS phone_index FROM leads
                             WHERE project_id = '\(unsafeRaw: project.uuidString)' AND agent_id IS NOT NULL) AS own),
                 drawn AS (SELECT floor(random() * (SELECT count(*) FROM held))::int AS pick, random() < 0.1 AS today,
                                  CASE WHEN random() < 0.4 THEN 10 + floor(random() * 591)::int ELSE 0 END AS talk, random() AS r
                           FROM generate_series(1, \(unsafeRaw: String(attempts))))
            INSERT INTO call_attempts (id, project_id, lead_id, agent_id, phone, started_at, answered_at, ended_at, prep_seconds,
                                       talk_seconds, acw_seconds, disposition, test_call, in_progress)
            SELECT gen_random_uuid(), '\(unsafeRaw: project.uuidString)', h.id, h.agent_id, '139' || lpad(h.phone_index::text, 8, '0'),
                   to_timestamp(\(unsafeRaw: String(until)) - CASE WHEN d.today THEN 60 + d.r * 29940 ELSE 86400 + d.r * 59 * 86400 END),
                   CASE WHEN d.talk > 0 THEN to_timestamp(\(unsafeRaw: String(until)) + 8 - CASE WHEN d.today THEN 60 + d.r * 29940 ELSE 86400 + d.r * 59 * 86400 END) END,
                   to_timestamp(\(unsafeRaw: String(until)) + 8 + d.talk - CASE WHEN d.today THEN 60 + d.r * 29940 ELSE 86400 + d.r * 59 * 86400 END),
                   5, d.talk, 30, (\(unsafeRaw: dispositions))[1 + floor(random() * 7)::int], false, false
            FROM drawn d JOIN held h ON h.n = d.pick
            """)).run()
        try await sql.raw("ANALYZE call_attempts").run()
    }
}
