import Foundation
@testable import WaihuCore

/// A small hand-made month: two projects, three agents, seven counted attempts, a test call, state
/// intervals (one crossing midnight, one still open), schedules, orders, reviews, complaints, replies.
/// Every expectation in `MetricsTests` is worked out by hand from this, in comments beside it.
enum MetricsFixture {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    /// A local wall-clock instant in Shanghai, November 2026.
    static func at(_ day: Int, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Date {
        LocalTime.instant(LocalDate(year: 2026, month: 11, day: day)!, second: hour * 3600 + minute * 60 + second, in: zone)
    }

    static func date(_ day: Int) -> LocalDate { LocalDate(year: 2026, month: 11, day: day)! }

    /// The calculation's instant: 3 November 10:30, when A3's talk is still open.
    static let asOf = at(3, 10, 30)

    static var records: MetricRecords {
        var r = MetricRecords()
        r.projects = [MetricProject(code: "P1", target: 4), MetricProject(code: "P2")]
        r.agents = [
            MetricAgent(number: "A1", site: "S1", team: "T1", hiredOn: LocalDate("2026-01-01")),
            MetricAgent(number: "A2", site: "S1", team: "T2", hiredOn: LocalDate("2026-01-01"), leftOn: date(2)),
            MetricAgent(number: "A3", site: "S2", team: "T3", hiredOn: date(2)),
        ]
        r.leads = ["L1", "L2", "L3", "L4"].map { MetricLead(id: $0, project: "P1") }
            + [MetricLead(id: "L5", project: "P1", rejected: true), MetricLead(id: "M1", project: "P2")]
        r.attempts = [
            MetricAttempt(id: "a1", project: "P1", lead: "L1", agent: "A1", startedAt: at(2, 9), prepSeconds: 10, acwSeconds: 5, category: .unreachable),
            MetricAttempt(id: "a2", project: "P1", lead: "L1", agent: "A1", startedAt: at(2, 10), prepSeconds: 20, talkSeconds: 200, acwSeconds: 30, category: .success),
            MetricAttempt(id: "a3", project: "P1", lead: "L2", agent: "A2", startedAt: at(2, 9, 30), talkSeconds: 40, acwSeconds: 10, category: .refused),
            MetricAttempt(id: "a4", project: "P1", lead: "L3", agent: "A2", startedAt: at(2, 23, 59, 50), category: .invalid),
            MetricAttempt(id: "a5", project: "P1", lead: "L3", agent: nil, startedAt: at(3, 8), category: .unreachable),
            MetricAttempt(id: "a6", project: "P1", lead: "L2", agent: "A1", startedAt: at(3, 9), talkSeconds: 190, acwSeconds: 20, category: .completed),
            MetricAttempt(id: "a7", project: "P1", lead: "L4", agent: "A1", startedAt: at(2, 12), talkSeconds: 100, category: .success, testCall: true),
            MetricAttempt(id: "a8", project: "P2", lead: "M1", agent: "A3", startedAt: at(3, 10), prepSeconds: 5, talkSeconds: 25, acwSeconds: 5, category: .refused),
        ]
        r.intervals = [
            MetricInterval(agent: "A1", state: .ready, startedAt: at(2, 8), endedAt: at(2, 9), project: "P1"),
            MetricInterval(agent: "A1", state: .talking, startedAt: at(2, 9), endedAt: at(2, 10), project: "P1"),
            MetricInterval(agent: "A1", state: .busy, startedAt: at(2, 10), endedAt: at(2, 10, 30), project: "P1"),
            MetricInterval(agent: "A1", state: .logged_out, startedAt: at(2, 10, 30), endedAt: at(2, 11)),
            MetricInterval(agent: "A1", state: .help, startedAt: at(2, 11), endedAt: at(2, 11, 10), project: "P1"),
            MetricInterval(agent: "A2", state: .ready, startedAt: at(2, 23), endedAt: at(3, 1), project: "P1"),
            MetricInterval(agent: "A2", state: .busy, startedAt: at(3, 1), endedAt: at(3, 1, 15), project: "P1"),
            MetricInterval(agent: "A3", state: .talking, startedAt: at(3, 10), endedAt: nil, project: "P2"),
        ]
        r.schedules = [
            MetricSchedule(agent: "A1", date: date(2), scheduledSeconds: 28_800, paidSeconds: 32_400, scheduledToAttend: true, attended: true),
            MetricSchedule(agent: "A2", date: date(2), scheduledSeconds: 28_800, paidSeconds: 32_400, scheduledToAttend: true, attended: false),
            MetricSchedule(agent: "A3", date: date(3), scheduledSeconds: 28_800, paidSeconds: 32_400, scheduledToAttend: true, attended: true),
        ]
        r.orders = [
            MetricOrder(attempt: "a2", amountCents: 19_900, status: .signed),
            MetricOrder(attempt: "a2", amountCents: 5_050, status: .rejected),
            MetricOrder(attempt: "a6", amountCents: 10_000, status: .pending),
            MetricOrder(attempt: "a7", amountCents: 99_900, status: .approved),
        ]
        r.reviews = [MetricReview(attempt: "a2", grade: .excellent), MetricReview(attempt: "a3", grade: .unqualified)]
        r.complaints = [MetricComplaint(attempt: "a3", valid: true), MetricComplaint(attempt: "a8", valid: false)]
        r.replies = [MetricSatisfaction(attempt: "a2", satisfied: true), MetricSatisfaction(attempt: "a6", satisfied: false)]
        return r
    }

    static func rows(projects: Set<String>? = nil, sites: Set<String>? = nil, teams: Set<String>? = nil, agents: Set<String>? = nil,
                     from: Int? = nil, to: Int? = nil, by: [SliceDimension] = [], records: MetricRecords = records) throws -> [MetricRow] {
        let query = try MetricQuery(projects: projects, sites: sites, teams: teams, agents: agents, from: from.map(date), to: to.map(date),
                                    by: by, timeZone: zone, asOf: asOf)
        return MetricEngine(records: records, query: query).rows(MetricID.allCases)
    }

    static func row(_ rows: [MetricRow], _ labels: [SliceDimension: String]) -> MetricRow? {
        rows.first { row in labels.allSatisfy { dimension, value in row.labels.first { $0.0 == dimension }?.1 == value } }
    }
}
