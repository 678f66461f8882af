import BenchmarkSupport
import Fluent
import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

/// Dashboard benchmark (issue 16, item 24): the project dashboard page's data — the funnel over the whole
/// project, the connect rate by hour over 28 days, the 30-day trend, the best hours — on a month of a
/// predictive floor (10 agents, 8 hours a day, about 4,000 calls a day) stored as real days are, on SQLite.
/// Timed as a manager opens the page: the first time after the month is stored, then five times more, then
/// after the report job has kept the day cells; then for a site's supervisor (a slice of its agents) and over
/// a week's range. Beside it, the same figures by the metrics engine's route (every attempt loaded), which the
/// dashboard used before it aggregated in the database. The target is 300 ms.
/// usage: DashboardBenchmark [days] [agents] [work-dir] [--database URL (an empty PostgreSQL database: Benchmarks/postgres.sh)]
let arguments = BenchmarkDatabase.arguments
let days = arguments.count > 1 ? Int(arguments[1]) ?? 30 : 30
let agents = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
let directory = arguments.count > 3 ? arguments[3] : NSTemporaryDirectory() + "waihu-dashboard-bench"
try? FileManager.default.removeItem(atPath: directory)
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

let now = ISO8601DateFormatter().date(from: "2026-11-25T10:00:00+08:00")!
var env = Environment(name: "production", arguments: ["bench"])
env.arguments = ["bench"]
let app = try await Application.make(env)
app.logger.logLevel = .warning
try await configure(app, WaihuSettings(database: try BenchmarkDatabase.location(sqliteFile: directory + "/waihu.sqlite"), adminPassword: "bench-pass-1",
                                       announce: { _ in }, clock: { now }))
let setup = BenchmarkSetup(app)

// The floor: agents at one site, a project with 40,000 customers (more than a month dials).
var roster = "agent,name,site,team,skill,hired_on\n"
for index in 1 ... agents { roster += "B\(String(format: "%04d", index)),坐席\(index),基准职场,一组,outbound,2025-01-01\n" }
try await setup.importAgents(csv: roster)
let benchProject = try await setup.createProject("BENCH", name: "看板基准", target: 20_000)
// The site works the project: its supervisor's dashboard sees it, through its agents' calls.
guard let benchSite = try await SiteModel.query(on: app.db).all().first(where: { $0.name == "基准职场" })?.id else { fatalError("the site is there") }
try await ProjectQueries.setSites([benchSite], of: try benchProject.project.requireID(), on: app.db)
var customers = "customer_id,name,phone,region\n"
for index in 0 ..< 40_000 { customers += "C\(index),客户\(index),139\(String(format: "%08d", index)),北京\n" }
let file = directory + "/customers.csv"
try customers.write(toFile: file, atomically: true, encoding: .utf8)
_ = try await setup.importCustomers(project: "BENCH", path: file)

let loading = ContinuousClock.now
let project = try await ProjectService.find("BENCH", scope: .organisation, on: app.db)
let zone = project.zone
let today = LocalTime(now, in: zone).date
var calls = 0
for back in 1 ... days {
    var settings = SimulationSettings()
    (settings.mode, settings.agents, settings.hours, settings.seed) = (.predictive, agents, 8, UInt64(back))
    let day = DialerSimulation.run(settings)
    calls += day.attempts.count
    _ = try await SimulationService.store(day, project: project, date: today.addingDays(-back), by: .system, at: now, on: app.db)
}
print(String(format: "stored %d days, %d calls, in %.1f s", days, calls, seconds(since: loading)))

func time(_ label: String, runs: Int, scope: AccessScope = .organisation, days range: ClosedRange<LocalDate>? = nil) async throws {
    var spans: [Double] = []
    for _ in 0 ..< runs {
        let start = ContinuousClock.now
        let board = try await DashboardService.project("BENCH", days: range, scope: scope, at: now, on: app.db)
        spans.append(seconds(since: start) * 1000)
        if range == nil && scope == .organisation && (board.trend.count != 30 || board.funnel.first?.value != 40_000) {
            fatalError("the dashboard reads the month: \(board.trend.count) days, \(board.funnel.first?.value ?? 0) leads")
        }
    }
    let sorted = spans.sorted()
    print(String(format: "%@: first %.0f ms, median %.0f ms, max %.0f ms (%d runs)", label, spans[0], sorted[sorted.count / 2],
                 sorted.last ?? 0, runs))
}
/// The same three figures by the metrics engine's route, which loads every attempt of the slice.
func engineRoute() async throws {
    let today = try await DashboardService.today(at: now, on: app.db)
    var start = ContinuousClock.now
    _ = try await MetricsService.compute(.init(project: "BENCH", metrics: "account_size,accounts_called,reachable_accounts,completed_accounts,successful_accounts"),
                                         scope: .organisation, at: now, on: app.db)
    let funnel = seconds(since: start) * 1000
    start = ContinuousClock.now
    _ = try await MetricsService.compute(.init(project: "BENCH", from: today.addingDays(-27).description, to: today.description, by: "hour",
                                               metrics: "calls_made,connected_calls"), scope: .organisation, at: now, on: app.db)
    let hours = seconds(since: start) * 1000
    start = ContinuousClock.now
    _ = try await MetricsService.compute(.init(project: "BENCH", from: today.addingDays(-29).description, to: today.description, by: "day",
                                               metrics: "calls_made,connect_rate,successful_accounts"), scope: .organisation, at: now, on: app.db)
    let trend = seconds(since: start) * 1000
    print(String(format: "  the engine's route: funnel (whole project) %.0f ms, hours (28 days) %.0f ms, trend (30 days by day) %.0f ms — %.0f ms in all",
                 funnel, hours, trend, funnel + hours + trend))
}
try await time("dashboard, as stored", runs: 6)
try await engineRoute()
let keeping = ContinuousClock.now
try await MetricCellQueries.buildDays(from: now.addingTimeInterval(-31 * 86_400), to: now, at: now, on: app.db)
print(String(format: "day cells kept in %.1f s", seconds(since: keeping)))
try await time("dashboard, day cells kept", runs: 6)
try await time("dashboard, a site's scope", runs: 6, scope: .site(benchSite))
try await time("dashboard, one week's range", runs: 6, days: today.addingDays(-7) ... today.addingDays(-1))
try await app.asyncShutdown()
