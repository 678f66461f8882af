import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Figures far from their usual range, per project: today's connect rate by hour against the same hour
/// of the trailing 14 days, today's complaint rate against the trailing days, the abandon rate near the
/// cap. Worked out at most once a minute per project and process (the wallboard asks every 2 s): each minute
/// counts today's calls and complaints (`AlertQueries`); the trailing days' figures are read once a day per project and kept.
package enum AlertService {
    /// Calls and connected calls per hour and day; complaints and connected calls per day.
    struct Tally: Sendable {
        var byHour: [Int: [LocalDate: (calls: Int, connected: Int)]] = [:]
        var byDay: [LocalDate: (complaints: Int, connected: Int)] = [:]

        mutating func add(_ rows: [MetricRow]) {
            for row in rows {
                guard let bucket = row.key.bucket, let hour = bucket.hour else { continue }
                let calls = Int(row.value(.calls_made) ?? 0), connected = Int(row.value(.connected_calls) ?? 0)
                byHour[hour, default: [:]][bucket.firstDay] = (calls, connected)
                byDay[bucket.firstDay, default: (0, 0)].complaints += Int(row.value(.complaints) ?? 0)
                byDay[bucket.firstDay, default: (0, 0)].connected += connected
            }
        }

        mutating func add(_ day: AlertQueries.Day, on date: LocalDate) {
            for (hour, tally) in day.byHour { byHour[hour, default: [:]][date] = tally }
            byDay[date, default: (0, 0)].complaints += day.complaints
            byDay[date, default: (0, 0)].connected += day.connected
        }
    }

    package actor Cache {
        var entries: [String: (minute: Int, alerts: [FigureAlert])] = [:]
        var trailing: [String: (day: LocalDate, tally: Tally)] = [:]

        func get(_ project: String, minute: Int) -> [FigureAlert]? {
            entries[project].flatMap { $0.minute == minute ? $0.alerts : nil }
        }

        func put(_ project: String, minute: Int, _ alerts: [FigureAlert]) {
            entries[project] = (minute, alerts)
        }

        func trailing(_ project: String, day: LocalDate) -> Tally? {
            trailing[project].flatMap { $0.day == day ? $0.tally : nil }
        }

        func putTrailing(_ project: String, day: LocalDate, _ tally: Tally) {
            trailing[project] = (day, tally)
        }
    }

    package static let cache = Cache()
    package static let trailingDays = 14

    /// The alerts of a project now; `abandonRate` is the day's abandon rate when the caller has it.
    package static func alerts(project: ProjectModel, abandonRate: Double?, at now: Date, on db: any Database) async throws -> [FigureAlert] {
        let minute = Int(now.timeIntervalSince1970 / 60)
        let code = project.code, id = try project.requireID(), key = id.uuidString
        var alerts: [FigureAlert]
        if let cached = await cache.get(key, minute: minute) {
            alerts = cached
        } else {
            alerts = try await history(project: code, id: id, at: now, on: db, minute: minute)
        }
        if let abandon = FigureAlert.abandonRate(project: code, rate: abandonRate, cap: PacingSettings().abandonTarget) { alerts.append(abandon) }
        return alerts
    }

    /// Kept under the project's id, so that two databases' projects of one code never share figures.
    static func history(project code: String, id: UUID, at now: Date, on db: any Database, minute: Int) async throws -> [FigureAlert] {
        let key = id.uuidString
        let zone = try await OrganisationQueries.timeZone(on: db)
        let today = LocalTime(now, in: zone).date
        func rows(from: LocalDate, to: LocalDate) async throws -> [MetricRow] {
            let query = try MetricQuery(projects: [code], from: from, to: to, by: [.hour], timeZone: zone, asOf: now)
            return MetricEngine(records: try await MetricQueries.records(for: query, on: db), query: query)
                .rows([.calls_made, .connected_calls, .complaints])
        }
        var tally: Tally
        if let kept = await cache.trailing(key, day: today) {
            tally = kept
        } else {
            tally = Tally()
            tally.add(try await rows(from: today.addingDays(-trailingDays), to: today.addingDays(-1)))
            await cache.putTrailing(key, day: today, tally)
        }
        // Today through two narrow reads, not the day's whole records: a 200-agent floor's day is 200,000 calls.
        tally.add(try await AlertQueries.day(project: id, containing: now, zone: zone, on: db), on: today)
        var alerts: [FigureAlert] = []
        for hour in tally.byHour.keys.sorted() {
            guard let todays = tally.byHour[hour]?[today] else { continue }
            let trailing = tally.byHour[hour, default: [:]].filter { $0.key < today && $0.value.calls > 0 }
                .map { Double($0.value.connected) / Double($0.value.calls) }
            if let alert = FigureAlert.connectRate(project: code, hour: hour, today: todays, trailing: trailing) { alerts.append(alert) }
        }
        let trailingComplaints = tally.byDay.filter { $0.key < today && $0.value.connected > 0 }.map { Double($0.value.complaints) / Double($0.value.connected) }
        if let todays = tally.byDay[today], let alert = FigureAlert.complaintRate(project: code, today: todays, trailing: trailingComplaints) {
            alerts.append(alert)
        }
        await cache.put(key, minute: minute, alerts)
        return alerts
    }
}
