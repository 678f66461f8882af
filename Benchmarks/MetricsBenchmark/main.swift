import BenchmarkSupport
import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

/// Metrics benchmark (issue: metrics engine): a month of 200 agents — 1,000,000 leads, 5,000,000
/// attempts, 600,000 state intervals — imported into a fresh SQLite database with `waihu import`'s
/// code, then the full catalog by agent × day over the month, timed; and the same figures computed by
/// DuckDB from the same files (duckdb_metrics.py), timed, and compared cell by cell.
/// usage: MetricsBenchmark [scale (1 = the issue's sizes)] [work-dir] [--database URL (an empty PostgreSQL database)]
///        MetricsBenchmark query WORK-DIR   (times the query again on a database already imported)
///        MetricsBenchmark sample WORK-DIR  (times a month's QA sample on a database already imported)
///        MetricsBenchmark settle WORK-DIR  (times a month's settlement of 20 vendors over 50 projects on a copy of it)
///        MetricsBenchmark scorecard WORK-DIR  (times a 200-agent site's monthly scorecard on a database of its own)
if CommandLine.arguments.count > 2, CommandLine.arguments[1] == "query" {
    try await QueryProfile.run(directory: CommandLine.arguments[2])
    exit(0)
}
if CommandLine.arguments.count > 2, CommandLine.arguments[1] == "settle" {
    try await SettlementProfile.run(directory: CommandLine.arguments[2])
    exit(0)
}
if CommandLine.arguments.count > 2, CommandLine.arguments[1] == "scorecard" {
    try await ScorecardProfile.run(directory: CommandLine.arguments[2])
    exit(0)
}
if CommandLine.arguments.count > 2, CommandLine.arguments[1] == "sample" {
    try await SampleProfile.run(directory: CommandLine.arguments[2])
    exit(0)
}
let arguments = BenchmarkDatabase.arguments
let scale = arguments.count > 1 ? Double(arguments[1]) ?? 1 : 1
let directory = arguments.count > 2 ? arguments[2] : NSTemporaryDirectory() + "waihu-metrics-bench"
try? FileManager.default.removeItem(atPath: directory)
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
func path(_ name: String) -> String { directory + "/" + name }

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = Date()
    try await body()
    return Date().timeIntervalSince(start)
}

var generator = RecordFilesGenerator()
generator.leadsPerProject = Int(250_000 * scale)
generator.attempts = Int(5_000_000 * scale)
generator.intervalsPerAgentDay = max(3, Int(100 * scale))
var written = (calls: 0, orders: 0, intervals: 0, schedules: 0)
let generation = try await seconds {
    for p in 1 ... generator.projects { try generator.writeCustomers(project: p, to: path("customers-\(p).csv")) }
    let calls = try generator.writeCalls(to: path("calls.csv"), orders: path("orders.csv"))
    written = (calls.calls, calls.orders, try generator.writeStates(to: path("states.csv")), try generator.writeSchedules(to: path("schedules.csv")))
    try generator.agentsCSV().write(toFile: path("agents.csv"), atomically: true, encoding: .utf8)
}
print(String(format: "generated %d leads, %d calls, %d orders, %d state intervals, %d schedules in %.1f s",
             generator.leadsPerProject * generator.projects, written.calls, written.orders, written.intervals, written.schedules, generation))

var env = Environment(name: "production", arguments: ["bench"])
env.arguments = ["bench"]
let app = try await Application.make(env)
app.logger.logLevel = .warning
try await configure(app, WaihuSettings(database: try BenchmarkDatabase.location(sqliteFile: path("waihu.sqlite")), adminPassword: "bench-pass-1",
                                       announce: { _ in }))
let setup = BenchmarkSetup(app)
try await setup.importAgents(csv: generator.agentsCSV())
var imports: [(String, Double, Int)] = []
let leadTime = try await seconds {
    for p in 1 ... generator.projects {
        try await setup.createProject("BM\(p)", name: "benchmark \(p)", target: 20_000)
        _ = try await setup.importCustomers(project: "BM\(p)", path: path("customers-\(p).csv"))
    }
}
imports.append(("leads", leadTime, generator.leadsPerProject * generator.projects))
for kind in [RecordKind.calls, .states, .schedules, .orders] {
    var report: RecordImportReport?
    let time = try await seconds {
        report = try await setup.importRecords(kind, path: path("\(kind.rawValue).csv"))
    }
    guard let report, report.rejected.isEmpty else {
        print("\(kind.rawValue): rejected rows, first: \(report?.rejected.first.map { "\($0.line) \($0.reason.en)" } ?? "?")")
        exit(1)
    }
    imports.append((kind.rawValue, time, report.stored))
}
for (name, time, rows) in imports {
    print(String(format: "import %-9@ %9d rows in %7.2f s = %8.0f rows/s", name, rows, time, Double(rows) / time))
}

let parameters = MetricsService.Parameters(from: "2026-10-01", to: "2026-10-30", by: "agent,day")
var result: MetricsService.Result?
var times: [Double] = []
for _ in 1 ... 3 {
    times.append(try await seconds { result = try await MetricsService.compute(parameters, scope: .organisation, at: app.now, on: app.db) })
}
try await app.asyncShutdown()
let rows = result?.rows.count ?? 0
print(String(format: "Waihu (%@): full catalog (%d metrics) by agent × day over the month: %d rows; first query %.2f s "
             + "(builds the month's day cells from the events), then %.2f s from the kept cells (best of the next 2)",
             BenchmarkDatabase.name, MetricID.allCases.count, rows, times[0], times.dropFirst().min() ?? 0))
try MetricsExport.csv(result!).write(toFile: path("waihu-metrics.csv"), atomically: true, encoding: .utf8)

// DuckDB, from the same files.
let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("duckdb_metrics.py").path
let python = Process()
python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
python.arguments = ["python3", script, directory]
try python.run()
python.waitUntilExit()
guard python.terminationStatus == 0 else { print("duckdb_metrics.py failed (pip install duckdb)"); exit(1) }
print(MetricsComparison.compare(waihu: path("waihu-metrics.csv"), duckdb: path("duckdb-metrics.csv")))
