import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Figures far from their usual range, per project: today's connect rate by hour against the same hour
/// of the trailing 14 days, today's complaint rate against the trailing days, the abandon rate near the
/// cap. Worked out at most once a minute per project and process (the wallboard asks every 2 s).
package enum AlertService {
    package actor Cache {
        package var entries: [String: (minute: Int, alerts: [FigureAlert])] = [:]

        package func get(_ project: String, minute: Int) -> [FigureAlert]? {
            entries[project].flatMap { $0.minute == minute ? $0.alerts : nil }
        }

        package func put(_ project: String, minute: Int, _ alerts: [FigureAlert]) {
            entries[project] = (minute, alerts)
        }
    }

    package static let cache = Cache()
    package static let trailingDays = 14

    /// The alerts of a project now; `abandonRate` is the day's abandon rate when the caller has it.
    package static func alerts(project code: String, abandonRate: Double?, at now: Date, on db: any Database) async throws -> [FigureAlert] {
        let minute = Int(now.timeIntervalSince1970 / 60)
        var alerts: [FigureAlert]
        if let cached = await cache.get(code, minute: minute) {
            alerts = cached
        } else {
            alerts = try await history(project: code, at: now, on: db, minute: minute)
        }
        if let abandon = FigureAlert.abandonRate(project: code, rate: abandonRate, cap: PacingSettings().abandonTarget) { alerts.append(abandon) }
        return alerts
    }

    package static func history(project code: String, at now: Date, on db: any Database, minute: Int) async throws -> [FigureAlert] {
        let zone = try await OrganisationQueries.timeZone(on: db)
        let today = LocalTime(now, in: zone).date
        let query = try MetricQuery(projects: [code], from: today.addingDays(-trailingDays), to: today, by: [.hour], timeZone: zone, asOf: now)
        let rows = MetricEngine(records: try await MetricQueries.records(for: query, on: db), query: query)
            .rows([.calls_made, .connected_calls, .complaints])
        var byHour: [Int: [LocalDate: (calls: Int, connected: Int)]] = [:]
        var byDay: [LocalDate: (complaints: Int, connected: Int)] = [:]
        for row in rows {
            guard let bucket = row.key.bucket, let hour = bucket.hour else { continue }
            let calls = Int(row.value(.calls_made) ?? 0), connected = Int(row.value(.connected_calls) ?? 0)
            byHour[hour, default: [:]][bucket.firstDay] = (calls, connected)
            byDay[bucket.firstDay, default: (0, 0)].complaints += Int(row.value(.complaints) ?? 0)
            byDay[bucket.firstDay, default: (0, 0)].connected += connected
        }
        var alerts: [FigureAlert] = []
        for hour in byHour.keys.sorted() {
            guard let todays = byHour[hour]?[today] else { continue }
            let trailing = byHour[hour, default: [:]].filter { $0.key < today && $0.value.calls > 0 }
                .map { Double($0.value.connected) / Double($0.value.calls) }
            if let alert = FigureAlert.connectRate(project: code, hour: hour, today: todays, trailing: trailing) { alerts.append(alert) }
        }
        let trailingComplaints = byDay.filter { $0.key < today && $0.value.connected > 0 }.map { Double($0.value.complaints) / Double($0.value.connected) }
        if let todays = byDay[today], let alert = FigureAlert.complaintRate(project: code, today: todays, trailing: trailingComplaints) {
            alerts.append(alert)
        }
        await cache.put(code, minute: minute, alerts)
        return alerts
    }
}
