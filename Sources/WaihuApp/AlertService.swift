import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Figures far from their usual range, per project: today's connect rate by hour against the same hour
/// of the trailing 14 days, today's complaint rate against the trailing days, the abandon rate near the
/// cap. Worked out at most once a minute per project and process (the wallboard asks every 2 s), behind the wallboard's
/// looks: each minute counts today's calls and complaints (`AlertQueries`); the trailing days' figures are read once a
/// day per project and kept.
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

    /// The trailing days' tally of a project, read once a day.
    package actor Trailing {
        var tallies: [String: (day: LocalDate, tally: Tally)] = [:]

        func get(_ project: String, day: LocalDate) -> Tally? {
            tallies[project].flatMap { $0.day == day ? $0.tally : nil }
        }

        func put(_ project: String, day: LocalDate, _ tally: Tally) {
            tallies[project] = (day, tally)
        }
    }

    package static let kept = KeptFigures<[FigureAlert]>()
    package static let trailingTallies = Trailing()
    package static let trailingDays = 14

    /// The alerts of a project now; `abandonRate` is the day's abandon rate when the caller has it. With `.behind`, a
    /// look finding no alerts of the minute is answered with the last ones worked out (none, before the first) while they
    /// are worked out again behind it: the first of a day reads the trailing 14 days, seconds on a busy floor's database.
    package static func alerts(project: ProjectModel, abandonRate: Double?, at now: Date, recount: Recount,
                               on db: any Database) async throws -> [FigureAlert] {
        let minute = Int(now.timeIntervalSince1970 / 60)
        let code = project.code, id = try project.requireID(), key = id.uuidString
        var alerts: [FigureAlert]
        let held = await kept.get(key)
        if let held, held.minute == minute {
            alerts = held.value
        } else if let behind = recount.recountDatabase(db) {
            await kept.recount(key, minute: minute) { try await history(project: code, id: id, at: now, on: behind) }
            alerts = held?.value ?? []
        } else {
            alerts = try await history(project: code, id: id, at: now, on: db)
            await kept.put(key, minute: minute, alerts)
        }
        if let abandon = FigureAlert.abandonRate(project: code, rate: abandonRate, cap: PacingSettings().abandonTarget) { alerts.append(abandon) }
        return alerts
    }

    /// Kept under the project's id, so that two databases' projects of one code never share figures.
    static func history(project code: String, id: UUID, at now: Date, on db: any Database) async throws -> [FigureAlert] {
        let key = id.uuidString
        let zone = try await OrganisationQueries.timeZone(on: db)
        let today = LocalTime(now, in: zone).date
        func rows(from: LocalDate, to: LocalDate) async throws -> [MetricRow] {
            let query = try MetricQuery(projects: [code], from: from, to: to, by: [.hour], timeZone: zone, asOf: now)
            return MetricEngine(records: try await MetricQueries.records(for: query, on: db), query: query)
                .rows([.calls_made, .connected_calls, .complaints])
        }
        var tally: Tally
        if let read = await trailingTallies.get(key, day: today) {
            tally = read
        } else {
            tally = Tally()
            tally.add(try await rows(from: today.addingDays(-trailingDays), to: today.addingDays(-1)))
            await trailingTallies.put(key, day: today, tally)
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
        return alerts
    }
}
