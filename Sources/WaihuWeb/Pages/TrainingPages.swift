import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// `/training`: a site's month of announcements (with how many agents read each and which teams' meetings passed it on),
/// training sessions with their attendees' scores, and pre-shift quizzes — each with the form that records one.
enum TrainingPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "training", permission: .viewRoster, surface: .page, use: page)
        app.endpoint(.POST, "training", "announcements", permission: .editRoster, surface: .page, use: publish)
        app.endpoint(.POST, "training", "sessions", permission: .editRoster, surface: .page, use: recordSession)
        app.endpoint(.POST, "training", "quizzes", permission: .editRoster, surface: .page, use: recordQuiz)
    }

    static func page(_ req: Request) async throws -> View { try await render(req, error: nil, form: [:]) }

    static func publish(_ req: Request) async throws -> Response {
        try await submit(req) { site, fields in
            _ = try await AnnouncementService.publish(site: site, .init(title: fields["title"] ?? "", body: fields["body"] ?? ""), by: req.caller,
                                                      at: req.now, on: req.db)
        }
    }

    static func recordSession(_ req: Request) async throws -> Response {
        try await submit(req) { site, fields in
            guard let hours = Double((fields["hours"] ?? "").trimmingWhitespace()) else {
                throw DomainError.invalidField("hours", zh: "请填写小时数，如 1.5", en: "give the hours as a number, e.g. 1.5")
            }
            _ = try await TrainingService.record(site: site, .init(team_id: fields["team"].flatMap(UUID.init(uuidString:)), date: fields["date"] ?? "",
                                                                   topic: fields["topic"] ?? "", stage: fields["stage"] ?? "", level: fields["level"],
                                                                   format: fields["format"], hours: hours, trainer: fields["trainer"] ?? "",
                                                                   attendees: try attendees(fields["attendees"] ?? "")),
                                                 by: req.caller, at: req.now, on: req.db)
        }
    }

    static func recordQuiz(_ req: Request) async throws -> Response {
        try await submit(req) { site, fields in
            guard let team = fields["team"].flatMap(UUID.init(uuidString:)) else { throw DomainError.missingField("team") }
            let answers = FormFlow.items(fields["correct"] ?? "").map { QuizService.Answer(agent: $0, correct: true) }
                + FormFlow.items(fields["wrong"] ?? "").map { QuizService.Answer(agent: $0, correct: false) }
            _ = try await QuizService.record(site: site, .init(team_id: team, date: fields["date"] ?? "", question: fields["question"] ?? "", answers: answers),
                                             by: req.caller, at: req.now, on: req.db)
        }
    }

    static func submit(_ req: Request, _ action: (UUID, [String: String]) async throws -> Void) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        return try await FormFlow.submit(req, redirect: "/training?site=\(fields["site"] ?? "")&month=\(fields["month"] ?? "")", action: {
            guard let site = fields["site"].flatMap(UUID.init(uuidString:)) else { throw DomainError.missingField("site") }
            try await action(site, fields)
        }, page: { try await render(req, error: $0, form: fields) })
    }

    /// One attendee a line: the agent's number, then the score if one was given (`A1001 85`).
    static func attendees(_ text: String) throws -> [TrainingService.Attendee] {
        try text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = FormFlow.items(String(line))
            guard let agent = parts.first else { return nil }
            guard parts.count <= 2 else {
                throw DomainError.invalidField("attendees", zh: "每行写一名坐席的工号和成绩，如「A1001 85」", en: "one agent a line: the number, then the score, e.g. \"A1001 85\"")
            }
            guard let text = parts.dropFirst().first else { return TrainingService.Attendee(agent: agent) }
            guard let score = Double(text) else {
                throw DomainError.invalidField("score", zh: "\(agent) 的成绩「\(text)」不是数字", en: "\(agent)'s score \"\(text)\" is not a number")
            }
            return TrainingService.Attendee(agent: agent, score: score)
        }
    }

    struct Session: Encodable {
        var date: String, team: String, topic: String, stage: String, level: String, format: String, hours: String, trainer: String,
            attendees: String, mean: String
    }

    struct Announcement: Encodable {
        var id: String, title: String, body: String, published: String, by: String, read: String, briefed: String
    }

    struct Data: Encodable {
        var sites: [AdminPages.Option]
        var site: String
        var month: String
        var today: String
        var teams: [AdminPages.Option]
        var announcements: [Announcement]
        var sessions: [Session]
        var quizzes: [QuizService.View]
        var stages: [AdminPages.Option]
        var levels: [AdminPages.Option]
        var formats: [AdminPages.Option]
        var canEdit: Bool
        var form: [String: String]
    }

    static func render(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        let (sites, site) = try await RosterPages.sites(req, asked: form["site"] ?? req.query[String.self, at: "site"])
        let month = try await RosterPages.monthParameter(req, form)
        let language = req.language
        func options<T: CaseIterable & RawRepresentable>(_ type: T.Type, _ name: (T) -> LocalizedText) -> [AdminPages.Option] where T.RawValue == String {
            T.allCases.map { AdminPages.Option(value: $0.rawValue, label: name($0).text(language)) }
        }
        let sessions = try await TrainingService.list(site: site, month: month, caller: req.caller, on: req.db).map { s in
            Session(date: s.date, team: s.team ?? Strings.text("roster_all_teams", language), topic: s.topic, stage: s.stage_name.text(language),
                    level: s.level_name.text(language), format: s.format_name.text(language), hours: String(format: "%.1f", s.hours), trainer: s.trainer,
                    attendees: s.attendees.map { a in a.score.map { "\(a.agent) \(String(format: "%.0f", $0))" } ?? a.agent }.joined(separator: "、"),
                    mean: s.mean_score.map { String(format: "%.1f", $0) } ?? "")
        }
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let announcements = try await AnnouncementService.list(site: site, month: month, caller: req.caller, on: req.db).map { a in
            Announcement(id: a.id.uuidString, title: a.title, body: a.body, published: LocalTime(a.published_at, in: zone).description, by: a.published_by,
                         read: "\(a.read) / \(a.agents)", briefed: a.briefed_teams.joined(separator: "、"))
        }
        let data = Data(sites: sites, site: site.uuidString, month: month, today: try await SettlementController.today(req).description,
                        teams: try await RosterPages.teamOptions(req, site: site),
                        announcements: announcements,
                        sessions: sessions, quizzes: try await QuizService.list(site: site, month: month, caller: req.caller, on: req.db),
                        stages: options(TrainingStage.self, \.name), levels: options(TrainingLevel.self, \.name), formats: options(TrainingFormat.self, \.name),
                        canEdit: AccessPolicy.allows(req.caller.role, .editRoster), form: form)
        return try await PageRenderer.render("training", titleKey: "training", data: data, error: error, for: req)
    }
}
