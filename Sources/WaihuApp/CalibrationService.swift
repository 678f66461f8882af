import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Calibration sessions (校准, issue 17 item 4): the same calls scored by several inspectors, none seeing another's
/// scores until the session is closed; then the report sets them side by side.
package enum CalibrationService {
    package struct Creation: Codable, Sendable {
        package var name: String
        package var project: String
        package var from: String
        package var to: String
        package var calls: Int
        package var seed: UInt64
        package var inspectors: [String]

        package init(name: String, project: String, from: String, to: String, calls: Int, seed: UInt64, inspectors: [String]) {
            self.name = name
            self.project = project
            self.from = from
            self.to = to
            self.calls = calls
            self.seed = seed
            self.inspectors = inspectors
        }
    }

    /// Picks `calls` connected calls of the project's days by the seed and opens the session for the inspectors.
    package static func create(_ input: Creation, user: CurrentUser, actor: AuditEvent, at now: Date, on db: any Database) async throws -> CalibrationSessionModel {
        let name = input.name.trimmingWhitespace()
        guard !name.isEmpty else { throw DomainError.missingField("name") }
        guard let from = LocalDate(input.from), let to = LocalDate(input.to), from <= to else {
            throw DomainError.invalidField("from", zh: "日期格式为 YYYY-MM-DD，开始不晚于结束", en: "dates are YYYY-MM-DD, the start not after the end")
        }
        guard (1 ... 50).contains(input.calls) else {
            throw DomainError.invalidField("calls", zh: "校准通话数须为 1–50", en: "a session has 1–50 calls")
        }
        let inspectors = Array(Set(input.inspectors.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty })).sorted()
        let active = try await UserQueries.users(on: db).filter { $0.active && ($0.role == .qa || $0.role == .admin) }.map(\.username)
        if let stranger = inspectors.first(where: { !active.contains($0) }) {
            throw DomainError.invalidField("inspectors", zh: "“\(stranger)”不是在职的质检员", en: "\(stranger) is not an active QA inspector")
        }
        guard inspectors.count >= 2 else {
            throw DomainError(.badInput, code: "calibration_needs_two", zh: "校准至少需要两名质检员", en: "A calibration needs at least two inspectors")
        }
        let project = try await ProjectService.find(input.project, scope: user.scope, on: db)
        let projectID = try project.project.requireID()
        let zone = try await OrganisationQueries.timeZone(on: db)
        let connected = try await CallAttemptModel.query(on: db).filter(\.$projectID == projectID).filter(\.$talkSeconds > 0)
            .filter(\.$testCall == false)
            .filter(\.$startedAt >= LocalTime.instant(from, in: zone)).filter(\.$startedAt < LocalTime.instant(to.addingDays(1), in: zone))
            .all().compactMap(\.id)
        let chosen = SamplingPlan.pick(connected, count: input.calls, seed: input.seed)
        guard !chosen.isEmpty else {
            throw DomainError(.ruleRefused, code: "calibration_no_calls", zh: "所选日期内这个项目没有接通的通话", en: "The project has no connected call on those days")
        }
        let (card, version) = try await QualityService.scorecard(for: project.project, on: db)
        let session = CalibrationSessionModel()
        session.id = UUID()
        session.name = String(name.prefix(200))
        session.projectID = projectID
        session.scorecardCode = card.code
        session.scorecardVersion = version
        session.attemptsJSON = String(decoding: try JSONEncoder().encode(chosen), as: UTF8.self)
        session.inspectorsJSON = String(decoding: try JSONEncoder().encode(inspectors), as: UTF8.self)
        session.createdBy = user.username
        session.createdAt = now
        try await StoreTransaction.write(db) { tx in
            try await session.create(on: tx)
            var event = actor
            event.targetID = session.name
            event.detail = "\(chosen.count) calls, inspectors " + inspectors.joined(separator: "、") + ", seed \(input.seed)"
            try await AuditLog.append(event, at: now, on: tx)
        }
        return session
    }

    package static func session(_ id: UUID, on db: any Database) async throws -> CalibrationSessionModel {
        guard let session = try await CalibrationSessionModel.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "校准", en: "calibration session"))
        }
        return session
    }

    /// An inspector of the session scores one of its calls, once.
    package static func score(session id: UUID, attempt: UUID, marks: [String: ReviewScore.Mark], user: CurrentUser, at now: Date,
                              on db: any Database) async throws -> CalibrationScoreModel {
        let session = try await session(id, on: db)
        guard session.inspectors.contains(user.username) else {
            throw DomainError(.forbidden, code: "not_in_calibration", zh: "你不是这次校准的质检员", en: "You are not an inspector of this calibration")
        }
        guard session.closedAt == nil else {
            throw DomainError(.conflict, code: "calibration_closed", zh: "这次校准已经结束", en: "This calibration is closed")
        }
        guard session.attempts.contains(attempt) else { throw DomainError.notFound(LocalizedText(zh: "校准通话", en: "call of the calibration")) }
        guard try await CalibrationScoreModel.query(on: db).filter(\.$sessionID == id).filter(\.$attemptID == attempt)
            .filter(\.$inspector == user.username).first() == nil else {
            throw DomainError(.conflict, code: "calibration_scored", zh: "你已经为这通电话评过分", en: "You have already scored this call")
        }
        guard let card = try await QualityQueries.scorecard(session.scorecardCode, version: session.scorecardVersion, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "评分表 \(session.scorecardCode)", en: "scorecard \(session.scorecardCode)"))
        }
        let score = try ReviewScore(card, marks: marks)
        let model = CalibrationScoreModel()
        model.sessionID = id
        model.attemptID = attempt
        model.inspector = user.username
        model.marks = String(decoding: try JSONEncoder().encode(marks), as: UTF8.self)
        model.items = String(decoding: try JSONEncoder().encode(score.items), as: UTF8.self)
        model.total = score.total
        model.scoredAt = now
        try await model.create(on: db)
        return model
    }

    /// Closes the session: its creator, an administrator or a manager.
    package static func close(session id: UUID, user: CurrentUser, actor: AuditEvent, at now: Date, on db: any Database) async throws -> CalibrationSessionModel {
        let session = try await session(id, on: db)
        guard session.createdBy == user.username || user.role == .admin || user.role == .manager else {
            throw DomainError(.forbidden, code: "not_calibration_owner", zh: "只有发起人或管理员可以结束校准", en: "Only who opened the calibration or an administrator closes it")
        }
        guard session.closedAt == nil else {
            throw DomainError(.conflict, code: "calibration_closed", zh: "这次校准已经结束", en: "This calibration is closed")
        }
        session.closedAt = now
        try await StoreTransaction.write(db) { tx in
            try await session.save(on: tx)
            var event = actor
            event.targetID = session.name
            event.detail = ""
            try await AuditLog.append(event, at: now, on: tx)
        }
        return session
    }
}
