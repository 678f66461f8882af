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

/// Reservation benchmark (issue: contact policy): the path that takes a lead for an agent —
/// pick, decide the contact policy on the customer's whole history, reserve, log — on SQLite (or the
/// PostgreSQL database of `--database URL`: `Benchmarks/postgres.sh ReservationBenchmark`) holding
/// 10,000,000 historical call attempts. Prints the load time and the latency percentiles.
/// usage: ReservationBenchmark [attempts] [reservations] [work-dir] [--database URL]; attempts 0 reuses the database
/// an earlier run left in work-dir (the reservations it made are released and its deferrals cleared first).
let arguments = BenchmarkDatabase.arguments
let attempts = arguments.count > 1 ? Int(arguments[1]) ?? 10_000_000 : 10_000_000
let reservations = arguments.count > 2 ? Int(arguments[2]) ?? 2_000 : 2_000
let directory = arguments.count > 3 ? arguments[3] : NSTemporaryDirectory() + "waihu-reserve-bench"
if attempts > 0 { try? FileManager.default.removeItem(atPath: directory) }
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

var env = Environment(name: "production", arguments: ["bench"])
env.arguments = ["bench"]
let app = try await Application.make(env)
app.logger.logLevel = .warning
try await configure(app, WaihuSettings(database: try BenchmarkDatabase.location(sqliteFile: directory + "/waihu.sqlite"),
                                       adminPassword: "bench-pass-1", announce: { _ in }))

// The customers: two million numbers; each historical attempt dials one of them.
let customers = 2_000_000
let now = ISO8601DateFormatter().date(from: "2026-11-25T10:00:00+08:00")!

/// Writes the historical attempts in one transaction, with the bulk-load settings of the import.
struct AttemptLoader: Sendable {
    var attempts: Int
    var customers: Int
    var now: Date

    static func phone(_ index: Int) -> String { "138" + String(format: "%08d", index) }

    func load(_ db: any SQLiteDatabase) async throws {
        var random = SeededRandom(seed: 2026)
        var ids = TimeOrderedIDs(start: now, random: random.next())
        let products = ["宽带", "5G套餐", "宽带提速", "家庭融合"]
        let dispositions = ["no_answer", "busy", "refused", "completed", "success", "callback", "powered_off"]
        try await BulkLoad.begin(db)
        let prefix = "INSERT INTO call_attempts (id, phone, started_at, prep_seconds, talk_seconds, acw_seconds, disposition, product, test_call, in_progress) VALUES "
        let full = prefix + Array(repeating: "(?,?,?,?,?,?,?,?,0,0)", count: 500).joined(separator: ",")
        var binds: [SQLiteData] = []
        binds.reserveCapacity(500 * 8)
        for index in 0..<attempts {
            let connected = Int.random(in: 0..<10, using: &random) < 4
            binds += [.text(ids.next().uuidString), .text(Self.phone(Int.random(in: 0..<customers, using: &random))),
                      .float(now.timeIntervalSince1970 - Double.random(in: 3600...(540 * 86_400), using: &random)),
                      .integer(5), .integer(connected ? Int.random(in: 10...600, using: &random) : 0), .integer(connected ? 30 : 0),
                      .text(dispositions[Int.random(in: 0..<dispositions.count, using: &random)]),
                      .text(products[Int.random(in: 0..<products.count, using: &random)])]
            if binds.count == 500 * 8 {
                _ = try await db.query(full, binds)
                binds.removeAll(keepingCapacity: true)
            }
            if index > 0 && index % 2_000_000 == 0 { print("  \(index) attempts written") }
        }
        if !binds.isEmpty {
            _ = try await db.query(prefix + Array(repeating: "(?,?,?,?,?,?,?,?,0,0)", count: binds.count / 8).joined(separator: ","), binds)
        }
        try await BulkLoad.end(db)
    }

    /// The same history on PostgreSQL, drawn by the server (the same shares: 40 % connected, any of the numbers,
    /// up to 540 days back), a million rows a statement; then ANALYZE, as autovacuum would have run on a real history.
    func load(_ sql: any SQLDatabase) async throws {
        let dispositions = "ARRAY['no_answer','busy','refused','completed','success','callback','powered_off']"
        let products = "ARRAY['宽带','5G套餐','宽带提速','家庭融合']"
        let until = Int(now.timeIntervalSince1970)
        for start in stride(from: 0, to: attempts, by: 1_000_000) {
            let rows = min(1_000_000, attempts - start)
            try await sql.raw(SQLQueryString("""
                INSERT INTO call_attempts (id, phone, started_at, prep_seconds, talk_seconds, acw_seconds, disposition, product, test_call, in_progress)
                SELECT gen_random_uuid(), '138' || lpad(floor(random() * \(unsafeRaw: String(customers)))::int::text, 8, '0'),
                       to_timestamp(\(unsafeRaw: String(until)) - 3600 - random() * \(unsafeRaw: String(540 * 86_400 - 3600))), 5,
                       CASE WHEN connected THEN 10 + floor(random() * 591)::int ELSE 0 END, CASE WHEN connected THEN 30 ELSE 0 END,
                       (\(unsafeRaw: dispositions))[1 + floor(random() * 7)::int], (\(unsafeRaw: products))[1 + floor(random() * 4)::int], false, false
                FROM (SELECT random() < 0.4 AS connected FROM generate_series(1, \(unsafeRaw: String(rows)))) AS drawn
                """)).run()
            if start > 0 && start % 2_000_000 == 0 { print("  \(start) attempts written") }
        }
        try await sql.raw("ANALYZE call_attempts").run()
    }
}

if attempts > 0 {
    let load = ContinuousClock.now
    let loader = AttemptLoader(attempts: attempts, customers: customers, now: now)
    try await app.db.transaction { tx in
        if let db = tx as? any SQLiteDatabase { try await loader.load(db) } else { try await loader.load(tx as! any SQLDatabase) }
    }
    print(String(format: "%d historical attempts on %d numbers loaded in %.1f s", attempts, customers, seconds(since: load)))

    // One project with 20,000 leads allocated to one agent, on numbers from the same customers.
    let setup = BenchmarkSetup(app)
    try await setup.createProject("BENCH", name: "reservation benchmark")
    let csv = directory + "/agents.csv"
    try "agent,name,site,team,skill,hired_on\nB1,基准坐席,总部,一组,outbound,2025-01-01\n".write(toFile: csv, atomically: true, encoding: .utf8)
    try await setup.importAgents(csv: try String(contentsOfFile: csv, encoding: .utf8))
    let leads = directory + "/leads.csv"
    var text = "客户编号,手机号\n"
    for index in 0..<20_000 { text += "L\(index),\(AttemptLoader.phone((index * 97) % customers))\n" }
    try text.write(toFile: leads, atomically: true, encoding: .utf8)
    _ = try await setup.importCustomers(project: "BENCH", path: leads)
    try await setup.allocateEvenly(project: "BENCH", agents: ["B1"])
} else {
    try await app.db.transaction { tx in
        try await CallAttemptModel.query(on: tx).filter(\.$inProgress == true).delete()
        try await LeadModel.query(on: tx).filter(\.$statusCode == LeadStatus.reserved.rawValue).set(\.$statusCode, to: LeadStatus.allocated.rawValue).update()
        try await LeadModel.query(on: tx).set(\.$nextAttemptAt, to: nil).set(\.$deferral, to: nil).update()
        try await PolicyDecisionModel.query(on: tx).delete()
    }
    if ProcessInfo.processInfo.environment["BENCH_SYNCHRONOUS"] == "off", !BenchmarkDatabase.postgres {
        for _ in 0..<8 { _ = try await (app.db as! any SQLiteDatabase).query("PRAGMA synchronous = OFF", []).get() }
    }
}
let project = try await ProjectQueries.project("BENCH", in: .organisation, on: app.db)!.project
let agent = try await AgentQueries.agent(number: "B1", on: app.db)!.requireID()
let rules = try await PolicyQueries.rules(project: project.id, on: app.db)
let zone = TimeZone(identifier: project.timeZone)!

// Let the operating system write the gigabytes just loaded before timing, as a day-old history
// would be: otherwise every commit's flush waits behind them.
sync()
var latencies: [Double] = []
var reserved = 0
for index in 0..<reservations {
    let start = ContinuousClock.now
    let outcome = try await LeadReservationQueries.reserve(ReservationRequest(agent: agent, project: try project.requireID(),
                                                                              at: now.addingTimeInterval(Double(index)), rules: rules,
                                                                              zone: zone), on: app.db)
    latencies.append(seconds(since: start) * 1000)
    switch outcome {
    case .reserved: reserved += 1
    case .noneDialable: break
    }
}
// Every lead the rules refused on the way was logged; each is deferred, never decided at every take.
let refusedOnTheWay: Int = try await PolicyDecisionModel.query(on: app.db).filter(\.$allowed == false).count()
let gate = attempts > 0 ? try await GateProfile.run(app: app, now: now, calls: reservations) : "(the data gate is timed on a fresh load only)"
try await app.asyncShutdown()
let sorted = latencies.sorted()
let percentile = { (p: Double) -> Double in sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
print(String(format: "%@: %d reservations (%d reserved, %d leads refused on the way and deferred): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms",
             BenchmarkDatabase.name, reservations, reserved, refusedOnTheWay, percentile(0.5), percentile(0.95), percentile(0.99), sorted.last ?? 0))
print(gate)
