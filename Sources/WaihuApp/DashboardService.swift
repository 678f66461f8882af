import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The data of the dashboards (METRICS.md §8, SPEC.md §9): a project's funnel, connect rate by hour,
/// daily trend and best hours; a team's agents side by side. Everything through `MetricsService`, so
/// the caller's scope applies.
package enum DashboardService {
    package struct Project {
        package var funnel: [(id: MetricID, value: Double)]
        package var hourly: [(hour: Int, rate: Double?)]
        package var trend: [(day: String, calls: Double, connectRate: Double?, successes: Double)]
        package var bestHours: BestHours
    }

    package static func today(at now: Date, on db: any Database) async throws -> LocalDate {
        LocalTime(now, in: try await OrganisationQueries.timeZone(on: db)).date
    }

    /// Calls and connected calls by local hour over the last `days` days.
    package static func hours(project code: String, days: Int, scope: AccessScope, at now: Date, on db: any Database) async throws
        -> [(bucket: TimeBucket, calls: Int, connected: Int)] {
        let today = try await today(at: now, on: db)
        let result = try await MetricsService.compute(
            .init(project: code, from: today.addingDays(1 - days).description, to: today.description, by: "hour", metrics: "calls_made,connected_calls"),
            scope: scope, at: now, on: db)
        return result.rows.compactMap { row in
            row.key.bucket.map { ($0, Int(row.value(.calls_made) ?? 0), Int(row.value(.connected_calls) ?? 0)) }
        }
    }

    package static func project(_ code: String, scope: AccessScope, at now: Date, on db: any Database) async throws -> Project {
        let funnelIDs: [MetricID] = [.account_size, .accounts_called, .reachable_accounts, .completed_accounts, .successful_accounts]
        let whole = try await MetricsService.compute(.init(project: code, metrics: funnelIDs.map(\.rawValue).joined(separator: ",")),
                                                     scope: scope, at: now, on: db)
        let funnel = funnelIDs.map { ($0, whole.rows.first?.value($0) ?? 0) }
        let hours = try await hours(project: code, days: 28, scope: scope, at: now, on: db)
        var byHour: [Int: (Int, Int)] = [:]
        for (bucket, calls, connected) in hours {
            byHour[bucket.hour ?? 0, default: (0, 0)].0 += calls
            byHour[bucket.hour ?? 0, default: (0, 0)].1 += connected
        }
        let hourly = (0 ..< 24).map { hour in (hour, byHour[hour].flatMap { $0.0 == 0 ? nil : Double($0.1) / Double($0.0) }) }
        let today = try await today(at: now, on: db)
        let days = try await MetricsService.compute(
            .init(project: code, from: today.addingDays(-29).description, to: today.description, by: "day",
                  metrics: "calls_made,connect_rate,successful_accounts"), scope: scope, at: now, on: db)
        let byDay = Dictionary(days.rows.compactMap { row in row.key.bucket.map { ($0.firstDay, row) } }, uniquingKeysWith: { a, _ in a })
        let trend = (0 ..< 30).map { back -> (String, Double, Double?, Double) in
            let day = today.addingDays(back - 29)
            let row = byDay[day]
            return (day.description, row?.value(.calls_made) ?? 0, row?.value(.connect_rate) ?? nil, row?.value(.successful_accounts) ?? 0)
        }
        return Project(funnel: funnel, hourly: hourly, trend: trend, bestHours: BestHours(hours: hours))
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
