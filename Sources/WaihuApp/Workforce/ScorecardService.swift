import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A site's monthly assessment scorecard (现场考核, issue 19 item 8): the store gathers the roster, the agent states,
/// the staff, the submissions and the inspectors' findings; the core computes every line.
package enum ScorecardService {
    package struct Card: Codable, Sendable {
        package var site_id: UUID
        package var site: String
        package var month: String
        package var base: Int
        package var score: String
        package var deductions: String
        package var lines: [Line]
        package var items: [Deduction]
        /// The month is still running: the figures count up to now.
        package var provisional: Bool
    }

    package struct Line: Codable, Sendable {
        package var line: String
        package var rule: LocalizedText
        package var source: String
        package var occurrences: Int
        package var points: String
    }

    package struct Deduction: Codable, Sendable {
        package var line: String
        package var date: String
        package var agent: String?
        package var occurrences: Int
        package var points: String
        package var detail: LocalizedText
    }

    package static func card(site siteID: UUID, month text: String, caller: Caller, at now: Date, on db: any Database) async throws -> Card {
        try AccessPolicy.require(caller.role, .viewScorecard)
        let site = try await SiteService.visible(siteID, caller: caller, on: db)
        let (first, next) = try SpotCheck.month(text)
        let settings = try await OrganisationQueries.settings(on: db)
        let zone = try await OrganisationQueries.timeZone(on: db)
        let input = try await gather(site: site, month: first, next: next, zone: zone, settings: settings, now: now, on: db)
        let card = SiteScorecard.compute(input)
        let numbers = Dictionary(uniqueKeysWithValues: input.staff.map { ($0.agent, $0.number) })
        let byID = Dictionary(uniqueKeysWithValues: ScorecardLine.all.map { ($0.id, $0) })
        return Card(site_id: siteID, site: site.name, month: text, base: card.base, score: scorePoints(card.score), deductions: scorePoints(card.deducted),
                    lines: card.lines.map { total in
                        let line = byID[total.line]!
                        return Line(line: total.line, rule: line.rule, source: source(line.source), occurrences: total.occurrences, points: scorePoints(total.points))
                    },
                    items: card.deductions.map {
                        Deduction(line: $0.line, date: $0.date.description, agent: $0.agent.flatMap { numbers[$0] }, occurrences: $0.occurrences,
                                  points: scorePoints($0.points), detail: $0.detail)
                    },
                    provisional: now < LocalTime.instant(next, in: zone))
    }

    static func source(_ source: ScorecardLine.Source) -> String {
        switch source {
        case .computed: "computed"
        case .submission: "submission"
        case .finding: "finding"
        }
    }

    package static func gather(site: SiteModel, month first: LocalDate, next: LocalDate, zone: TimeZone, settings: OrganisationModel, now: Date,
                       on db: any Database) async throws -> ScorecardInput {
        let siteID = try site.requireID()
        let agents = try await AgentModel.query(on: db).filter(\.$siteID == siteID).all()
        let teams = Dictionary(uniqueKeysWithValues: agents.compactMap { agent in agent.id.map { ($0, agent.teamID) } })
        let ids = agents.compactMap(\.id)
        let start = LocalTime.instant(first, in: zone), end = min(LocalTime.instant(next, in: zone), now)
        var input = ScorecardInput(month: first, zone: zone, asOf: now, lateGraceSeconds: settings.lateGraceSeconds, base: settings.scorecardBase)
        input.staff = agents.compactMap { agent in
            guard let id = agent.id, let hired = LocalDate(agent.hiredOn) else { return nil }
            return ScorecardInput.Staff(agent: id, number: agent.number, hiredOn: hired, leftOn: agent.leftOn.flatMap(LocalDate.init), team: agent.teamID)
        }
        let teamNames = try await SiteService.teamNames(siteID, on: db)
        input.teamNames = teamNames
        if !ids.isEmpty {
            input.roster = try await ScorecardQueries.roster(agents: ids, from: first, to: next, on: db).compactMap { row in
                guard let day = RosterService.day(start: row.start, end: row.end, breakMinutes: row.breakMinutes, leave: row.leave,
                                                  scheduledSeconds: row.scheduledSeconds, toAttend: row.toAttend),
                      let date = LocalDate(row.date) else { return nil }
                return ScorecardInput.RosterEntry(agent: row.agent, team: teams[row.agent] ?? nil, date: date, day: day)
            }
            input.states = try await ScorecardQueries.scorecardIntervals(agents: ids, from: start, to: end, zone: zone, on: db).map {
                ScorecardInput.StateSpan(agent: $0.agent, team: teams[$0.agent] ?? nil, state: $0.state, reason: $0.reason,
                                         start: $0.start, end: min($0.end ?? now, now))
            }
        }
        input.owed = try await SubmissionReads.obligations(site: site, before: LocalTime.instant(next, in: zone), zone: zone, on: db).map {
            ScorecardInput.Owed(kind: $0.kind, period: $0.title ?? $0.key, due: $0.due, arrivedAt: $0.submission?.submittedAt)
        }
        input.meetingsTrackedFrom = try await TeamMeetingModel.query(on: db).filter(\.$siteID == siteID)
            .filter(\.$kind == MeetingKind.pre_shift.rawValue).sort(\.$date).first().flatMap { LocalDate($0.date) }
        let records = try await TrainingInputs.read(site: siteID, agents: ids, teamNames: teamNames, from: first, next: next, zone: zone, now: now, on: db)
        (input.meetings, input.announcements, input.qaFindings, input.quizAnswers) = (records.meetings, records.announcements, records.qaFindings,
                                                                                      records.quizAnswers)
        input.findings = try await SiteFindingModel.query(on: db).filter(\.$siteID == siteID)
            .filter(\.$date >= first.description).filter(\.$date < next.description).all().compactMap { row in
                guard let id = row.id, let date = LocalDate(row.date) else { return nil }
                return ScorecardInput.Finding(id: id, line: row.line, date: date, quantity: row.quantity, note: row.note)
            }
        return input
    }
}
