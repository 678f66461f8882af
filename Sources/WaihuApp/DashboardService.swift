import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The data of the dashboards (METRICS.md §8, SPEC.md §9): a project's funnel, connect rate by hour,
/// daily trend and best hours, aggregated in the database (`DashboardQueries`) within the caller's scope;
/// a team's agents side by side through `MetricsService`.
package enum DashboardService {
    package struct Project {
        package var funnel: [(id: MetricID, value: Double)]
        package var hourly: [(hour: Int, rate: Double?)]
        package var trend: [(day: String, calls: Double, connectRate: Double?, successes: Double)]
        package var bestHours: BestHours
        /// The days shown; the last is today, still running, when `running`.
        package var from: LocalDate
        package var to: LocalDate
        package var running: Bool
    }

    package static func today(at now: Date, on db: any Database) async throws -> LocalDate {
        LocalTime(now, in: try await OrganisationQueries.timeZone(on: db)).date
    }

    /// The project's attempts a scope sees: the organisation's all, a site's or team's those of its agents.
    static func slice(_ project: ProjectRecord, scope: AccessScope, days: ClosedRange<LocalDate>?, zone: TimeZone,
                      on db: any Database) async throws -> DashboardQueries.Slice {
        let id = try project.project.requireID()
        let categories = Dictionary(try await DispositionQueries.inForce(project: id, on: db).dispositions.map { ($0.code, $0.category) },
                                    uniquingKeysWith: { a, _ in a })
        let agents = scope == .organisation ? nil : Set(try await AgentQueries.agents(in: scope, on: db).compactMap(\.id))
        let range = days.map { LocalTime.instant($0.lowerBound, in: zone) ..< LocalTime.instant($0.upperBound.addingDays(1), in: zone) }
        return DashboardQueries.Slice(project: id, categories: categories, agents: agents, range: range)
    }

    static func project(_ code: String, scope: AccessScope, on db: any Database) async throws -> ProjectRecord {
        guard let project = try await ProjectQueries.project(code, in: scope, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "项目 \(code)", en: "project \(code)"))
        }
        return project
    }

    /// Calls and connected calls by local hour over the last `days` days.
    package static func hours(project code: String, days: Int, scope: AccessScope, at now: Date, on db: any Database) async throws
        -> [(bucket: TimeBucket, calls: Int, connected: Int)] {
        let zone = try await OrganisationQueries.timeZone(on: db)
        let today = LocalTime(now, in: zone).date
        let slice = try await slice(try await project(code, scope: scope, on: db), scope: scope, days: today.addingDays(1 - days) ... today,
                                    zone: zone, on: db)
        return hourly(try await DashboardQueries.quarters(slice, on: db), zone: zone)
    }

    static func hourly(_ quarters: [DashboardQueries.Quarter], zone: TimeZone) -> [(bucket: TimeBucket, calls: Int, connected: Int)] {
        var byHour: [TimeBucket: (Int, Int)] = [:]
        for quarter in quarters {
            let bucket = TimeBucket.containing(quarter.start, split: .hour, in: zone)
            byHour[bucket, default: (0, 0)].0 += quarter.calls
            byHour[bucket, default: (0, 0)].1 += quarter.connected
        }
        return byHour.keys.sorted().map { ($0, byHour[$0]!.0, byHour[$0]!.1) }
    }

    /// The project's dashboard: the funnel over the whole project (or the days asked for), connect rate by hour
    /// and best hours over the last 28 days (or those days), the trend day by day over the last 30 (or those).
    package static func project(_ code: String, days: ClosedRange<LocalDate>? = nil, scope: AccessScope, at now: Date,
                                on db: any Database) async throws -> Project {
        let zone = try await OrganisationQueries.timeZone(on: db)
        let today = LocalTime(now, in: zone).date
        let record = try await project(code, scope: scope, on: db)
        let funnelCounts = try await DashboardQueries.funnel(try await slice(record, scope: scope, days: days, zone: zone, on: db), on: db)
        let funnel: [(id: MetricID, value: Double)] = [
            (.account_size, Double(funnelCounts.leads)), (.accounts_called, Double(funnelCounts.called)),
            (.reachable_accounts, Double(funnelCounts.reachable)), (.completed_accounts, Double(funnelCounts.completed)),
            (.successful_accounts, Double(funnelCounts.successful)),
        ]
        let shown = days ?? today.addingDays(-29) ... today
        let hourDays = days ?? today.addingDays(-27) ... today
        // The trend's days hold the hours' days.
        let slice = try await slice(record, scope: scope, days: shown, zone: zone, on: db)
        let quarters = try await DashboardQueries.quarters(slice, on: db)
        let hourStart = LocalTime.instant(hourDays.lowerBound, in: zone)
        let hours = hourly(quarters.filter { $0.start >= hourStart }, zone: zone)
        var byHour: [Int: (Int, Int)] = [:]
        for (bucket, calls, connected) in hours {
            byHour[bucket.hour ?? 0, default: (0, 0)].0 += calls
            byHour[bucket.hour ?? 0, default: (0, 0)].1 += connected
        }
        let hourly = (0 ..< 24).map { hour in (hour, byHour[hour].flatMap { $0.0 == 0 ? nil : Double($0.1) / Double($0.0) }) }
        var byDay: [LocalDate: (calls: Int, connected: Int)] = [:]
        for quarter in quarters {
            let day = LocalTime(quarter.start, in: zone).date
            byDay[day, default: (0, 0)].calls += quarter.calls
            byDay[day, default: (0, 0)].connected += quarter.connected
        }
        var successes: [LocalDate: Set<UUID>] = [:]
        for success in try await DashboardQueries.successes(slice, on: db) {
            successes[LocalTime(success.quarter, in: zone).date, default: []].insert(success.lead)
        }
        let count = LocalTime.days(from: shown.upperBound) - LocalTime.days(from: shown.lowerBound) + 1
        let trend = (0 ..< count).map { offset -> (String, Double, Double?, Double) in
            let day = shown.lowerBound.addingDays(offset)
            let totals = byDay[day] ?? (0, 0)
            return (day.description, Double(totals.calls), totals.calls == 0 ? nil : Double(totals.connected) / Double(totals.calls),
                    Double(successes[day]?.count ?? 0))
        }
        return Project(funnel: funnel, hourly: hourly, trend: trend, bestHours: BestHours(hours: hours), from: shown.lowerBound,
                       to: shown.upperBound, running: shown.upperBound == today)
    }

    /// The figures of the combined views (METRICS.md §8) for each agent of the slice.
    package static let agentFigures: [MetricID] = [.work_efficiency, .idle_rate, .busy_rate, .avg_talk_seconds, .calls_per_hour,
                                           .successful_accounts, .online_success_rate, .success_value, .calls_made]

    package static func agents(_ parameters: MetricsService.Parameters, scope: AccessScope, at now: Date, on db: any Database) async throws -> [MetricRow] {
        var p = parameters
        p.by = "agent"
        p.metrics = agentFigures.map(\.rawValue).joined(separator: ",")
        return try await MetricsService.compute(p, scope: scope, at: now, on: db).rows
    }
}
