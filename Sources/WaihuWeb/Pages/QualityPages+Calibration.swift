import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The calibration pages (校准): `/qa/calibrations` — the sessions and the form to open one; `/qa/calibrations/{id}` —
/// its calls, who has scored them, closing it, and once closed the report; `/qa/calibrations/{id}/calls/{attempt}`
/// — the call and the scorecard, as a review is scored.
extension QualityPages {
    static func registerCalibration(_ app: Application) {
        app.endpoint(.GET, "qa", "calibrations", permission: .viewReviews, surface: .page, use: calibrations)
        app.endpoint(.POST, "qa", "calibrations", permission: .reviewCalls, surface: .page, use: openCalibration)
        app.endpoint(.GET, "qa", "calibrations", ":session", permission: .viewReviews, surface: .page, use: calibration)
        app.endpoint(.POST, "qa", "calibrations", ":session", "close", permission: .reviewCalls, surface: .page, use: closeCalibration)
        app.endpoint(.GET, "qa", "calibrations", ":session", "calls", ":attempt", permission: .reviewCalls, surface: .page, use: calibrationCall)
        app.endpoint(.POST, "qa", "calibrations", ":session", "calls", ":attempt", permission: .reviewCalls, surface: .page, use: scoreCalibration)
    }

    struct SessionRow: Encodable {
        var id: String
        var name: String
        var project: String
        var inspectors: String
        var calls: Int
        var at: String
        var closed: Bool
    }

    static func calibrations(_ req: Request) async throws -> View { try await calibrationsPage(req, error: nil, form: [:]) }

    static func calibrationsPage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        let user = try req.currentUser()
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let projects = Dictionary(try await ProjectModel.query(on: req.db).all().compactMap { p in p.id.map { ($0, "\(p.code) \(p.name)") } },
                                  uniquingKeysWith: { a, _ in a })
        let rows = try await CalibrationReads.sessions(on: req.db).map { session in
            SessionRow(id: session.id?.uuidString ?? "", name: session.name, project: projects[session.projectID] ?? "", inspectors: session.inspectors.joined(separator: "、"),
                       calls: session.attempts.count, at: LocalTime(session.createdAt, in: zone).description, closed: session.closedAt != nil)
        }
        let today = LocalTime(req.now, in: zone).date
        var typed = form
        if typed.isEmpty {
            typed = ["from": today.addingDays(-30).description, "to": today.addingDays(-1).description, "calls": "5",
                     "seed": String(Int(req.now.timeIntervalSince1970) % 100_000)]
        }
        struct Data: Encodable {
            var sessions: [SessionRow]
            var canOpen: Bool
            var projects: [AdminPages.Option]
            var inspectors: [AdminPages.Option]
            var form: [String: String]
        }
        let inspectors = try await UserQueries.users(on: req.db).filter { $0.active && $0.role == .qa }
        let data = Data(sessions: rows, canOpen: AccessPolicy.allows(user.role, .reviewCalls),
                        projects: try await ProjectQueries.projects(in: user.scope, on: req.db).map { .init(value: $0.project.code, label: "\($0.project.code) \($0.project.name)") },
                        inspectors: inspectors.map { .init(value: $0.username, label: $0.displayName.isEmpty ? $0.username : $0.displayName) }, form: typed)
        return try await PageRenderer.render("qa-calibrations", titleKey: "qa_calibrations", data: data, error: error, for: req)
    }

    struct CalibrationForm: Content {
        var name: String
        var project: String
        var from: String
        var to: String
        var calls: String
        var seed: String
        var inspectors: [String]?
    }

    static func openCalibration(_ req: Request) async throws -> Response {
        let form = try req.content.decode(CalibrationForm.self)
        let typed = ["name": form.name, "project": form.project, "from": form.from, "to": form.to, "calls": form.calls, "seed": form.seed]
        do {
            guard let calls = Int(form.calls), let seed = UInt64(form.seed) else {
                throw DomainError.invalidField("calls", zh: "通话数和随机种子须为整数", en: "the calls and the seed are whole numbers")
            }
            let session = try await CalibrationService.create(.init(name: form.name, project: form.project, from: form.from, to: form.to, calls: calls,
                                                                    seed: seed, inspectors: form.inspectors ?? []),
                                                              user: try req.currentUser(), actor: req.auditEvent("qa.calibration", targetType: "calibration"),
                                                              at: req.now, on: req.db)
            return req.redirect(to: "/qa/calibrations/\(try session.requireID().uuidString)?notice=saved")
        } catch let error as DomainError {
            let response = try await calibrationsPage(req, error: error.message.text(req.language), form: typed).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    static func calibration(_ req: Request) async throws -> View { try await calibrationPage(req, error: nil) }

    static func calibrationPage(_ req: Request, error: String?) async throws -> View {
        let user = try req.currentUser()
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let view = try await CalibrationReads.view(try await CalibrationService.session(try CalibrationController.id(req), on: req.db), on: req.db)
        struct CallRow: Encodable {
            var attempt: String
            var at: String
            var agent: String
            var scoredBy: String
            var mine: Bool
        }
        struct ReportRow: Encodable {
            var label: String
            var scores: [String]
            var spread: Int
            var agreed: Bool
            var total: Bool
        }
        struct Data: Encodable {
            var id: String
            var name: String
            var project: String
            var scorecard: String
            var inspectors: [String]
            var closed: Bool
            var isInspector: Bool
            var canClose: Bool
            var calls: [CallRow]
            var report: [ReportRow]
            var deviations: [AdminPages.Option]
            var agreement: String
        }
        var report: [ReportRow] = []
        for (index, call) in (view.report ?? []).enumerated() {
            let label = view.calls.first { $0.attempt_id == call.attempt_id }.map { "\(index + 1). \($0.agent) \(LocalTime($0.call_started_at, in: zone).description)" } ?? ""
            report.append(ReportRow(label: label, scores: view.inspectors.map { call.totals[$0].map(String.init) ?? "—" }, spread: call.spread,
                                    agreed: call.spread == 0, total: true))
            report += call.items.map { item in
                ReportRow(label: item.text, scores: view.inspectors.map { item.scores[$0].map(String.init) ?? "—" }, spread: item.spread,
                          agreed: item.agreed, total: false)
            }
        }
        let data = Data(
            id: view.id.uuidString, name: view.name, project: view.project, scorecard: view.scorecard, inspectors: view.inspectors,
            closed: view.closed_at != nil, isInspector: view.inspectors.contains(user.username),
            canClose: view.closed_at == nil && (view.created_by == user.username || user.role == .admin || user.role == .manager),
            calls: view.calls.map { call in
                CallRow(attempt: call.attempt_id.uuidString, at: LocalTime(call.call_started_at, in: zone).description, agent: call.agent,
                        scoredBy: call.scored_by.joined(separator: "、"), mine: call.scored_by.contains(user.username))
            },
            report: report,
            deviations: (view.report_inspectors ?? []).map { .init(value: String(format: "%+.1f（%.1f）", $0.deviation, $0.absolute_deviation), label: $0.inspector) },
            agreement: view.agreement.map { String(format: "%.1f%%", $0 * 100) } ?? "—")
        return try await PageRenderer.render("qa-calibration", titleKey: "qa_calibrations", data: data, error: error, for: req)
    }

    static func closeCalibration(_ req: Request) async throws -> Response {
        let id = try CalibrationController.id(req)
        return try await FormFlow.submit(req, redirect: "/qa/calibrations/\(id.uuidString)", action: {
            _ = try await CalibrationService.close(session: id, user: try req.currentUser(), actor: req.auditEvent("qa.calibration_close", targetType: "calibration"),
                                                   at: req.now, on: req.db)
        }, page: { try await calibrationPage(req, error: $0) })
    }

    static func calibrationCall(_ req: Request) async throws -> View { try await calibrationCallPage(req, error: nil, typed: [:]) }

    static func calibrationCallPage(_ req: Request, error: String?, typed: [String: String]) async throws -> View {
        let session = try await CalibrationService.session(try CalibrationController.id(req), on: req.db)
        guard let attempt = req.parameters.get("attempt", as: UUID.self), session.attempts.contains(attempt),
              let card = try await QualityQueries.scorecard(session.scorecardCode, version: session.scorecardVersion, on: req.db) else {
            throw DomainError.notFound(LocalizedText(zh: "校准通话", en: "call of the calibration"))
        }
        let items = formRows(card, typed: typed)
        let id = try session.requireID().uuidString
        let data = TaskData(id: id, action: "/qa/calibrations/\(id)/calls/\(attempt.uuidString)", findingsShown: false,
                            call: try await callView(attempt, req: req), scorecard: card.name, version: session.scorecardVersion, items: items,
                            categories: [], comment: "")
        return try await PageRenderer.render("qa-task", titleKey: "qa_calibrations", data: data, error: error, for: req)
    }

    static func scoreCalibration(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        let id = try CalibrationController.id(req)
        do {
            guard let attempt = req.parameters.get("attempt", as: UUID.self) else { throw DomainError.notFound(LocalizedText(zh: "校准通话", en: "call of the calibration")) }
            let session = try await CalibrationService.session(id, on: req.db)
            guard let card = try await QualityQueries.scorecard(session.scorecardCode, version: session.scorecardVersion, on: req.db) else {
                throw DomainError.notFound(LocalizedText(zh: "评分表", en: "scorecard"))
            }
            _ = try await CalibrationService.score(session: id, attempt: attempt, marks: try marks(fields, scorecard: card), user: try req.currentUser(),
                                                   at: req.now, on: req.db)
            return req.redirect(to: "/qa/calibrations/\(id.uuidString)?notice=saved")
        } catch let error as DomainError {
            let response = try await calibrationCallPage(req, error: error.message.text(req.language), typed: fields).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }
}
