import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Complaints over HTTP: register, judge, list. A valid complaint lists the number at once.
enum ComplaintController {
    struct RegisterInput: Content {
        var phone: String
        var channel: String
        var kind: String
        var valid: Bool?
        var attempt_id: UUID?
        var note: String?
    }

    struct JudgeInput: Content {
        var valid: Bool
    }

    struct ComplaintDTO: Content {
        var id: UUID?
        var phone: String
        var channel: String
        var kind: String
        var kind_name: String
        var valid: Bool?
        var attempt_id: UUID?
        var note: String
        var registered_by: String
        var registered_at: Date
        var judged_by: String?
        var judged_at: Date?

        /// The note is free text a caller may have written a number into: masked unless `reveal`.
        init(_ complaint: ComplaintModel, language: Language, reveal: Bool) {
            id = complaint.id
            phone = PhoneMask.mask(complaint.phone)
            channel = complaint.channel
            kind = complaint.kind
            kind_name = ComplaintKind(rawValue: complaint.kind)?.name.text(language) ?? complaint.kind
            valid = complaint.valid
            attempt_id = complaint.attemptID
            note = reveal ? complaint.note : PhoneMask.maskDigitRuns(complaint.note)
            registered_by = complaint.registeredBy
            registered_at = complaint.registeredAt
            judged_by = complaint.judgedBy
            judged_at = complaint.judgedAt
        }
    }

    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "complaints", permission: .viewComplaints, surface: .api, use: list)
        api.endpoint(.POST, "complaints", permission: .manageComplaints, surface: .api, use: create)
        api.endpoint(.POST, "complaints", ":complaint", "judge", permission: .manageComplaints, surface: .api, use: judge)
    }

    static func list(_ req: Request) async throws -> [ComplaintDTO] {
        let language = req.language
        let reveal = AccessPolicy.allows(try req.currentUser().role, .revealNumbers)
        return try await ComplaintQueries.recent(on: req.db).map { ComplaintDTO($0, language: language, reveal: reveal) }
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.content.decode(RegisterInput.self)
        guard let channel = ComplaintChannel(rawValue: input.channel) else {
            throw DomainError.invalidField("channel", zh: "须为 call、letter、visit、media 或 escalation",
                                           en: "expected call, letter, visit, media or escalation")
        }
        guard let kind = ComplaintKind(rawValue: input.kind) else {
            throw DomainError.invalidField("kind", zh: "须为 harassment、attitude、misleading 或 other",
                                           en: "expected harassment, attitude, misleading or other")
        }
        let complaint = ComplaintModel()
        complaint.phone = try PhoneParser.normalised(input.phone)
        complaint.channel = channel.rawValue
        complaint.kind = kind.rawValue
        complaint.valid = input.valid
        complaint.note = input.note?.trimmingWhitespace() ?? ""
        complaint.registeredBy = try req.currentUser().username
        complaint.registeredAt = req.now
        if input.valid != nil {
            complaint.judgedBy = complaint.registeredBy
            complaint.judgedAt = complaint.registeredAt
        }
        if let attemptID = input.attempt_id {
            guard let attempt = try await CallAttemptModel.find(attemptID, on: req.db) else {
                throw DomainError.notFound(LocalizedText(zh: "外呼记录", en: "attempt"))
            }
            complaint.attemptID = attemptID
            complaint.agentID = attempt.agentID
            complaint.projectID = attempt.projectID
        }
        let user = try req.currentUser().username
        let now = req.now
        try await ComplaintQueries.register(complaint, actor: req.auditEvent("complaint.register", targetType: "complaint"), then: { complaint, tx in
            try await PenaltyService.complaintJudged(complaint, by: user, at: now, on: tx)
        }, on: req.db)
        return try await ComplaintDTO(complaint, language: req.language, reveal: AccessPolicy.allows(try req.currentUser().role, .revealNumbers))
            .encodeResponse(status: .created, for: req)
    }

    static func judge(_ req: Request) async throws -> ComplaintDTO {
        guard let id = req.parameters.get("complaint", as: UUID.self),
              let complaint = try await ComplaintModel.find(id, on: req.db) else {
            throw DomainError.notFound(LocalizedText(zh: "投诉", en: "complaint"))
        }
        let input = try req.content.decode(JudgeInput.self)
        let user = try req.currentUser().username
        let now = req.now
        try await ComplaintQueries.judge(complaint, valid: input.valid, actor: req.auditEvent("complaint.judge", targetType: "complaint"),
                                         at: now, then: { complaint, tx in
                                             try await PenaltyService.complaintJudged(complaint, by: user, at: now, on: tx)
                                         }, on: req.db)
        return ComplaintDTO(complaint, language: req.language, reveal: AccessPolicy.allows(try req.currentUser().role, .revealNumbers))
    }
}
