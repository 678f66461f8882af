import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Complaints and customer suggestions from registration to the reply (issue 17, RULES B.1, B.2): each step checked
/// against the workflow, done by whom and when; a valid one lists the number, books its penalties and may cancel the
/// call's orders with a compensation.
package enum ComplaintService {
    package struct Registration: Codable, Sendable {
        package var phone: String
        package var channel: String
        package var kind: String
        package var type: String?
        package var valid: Bool?
        package var attempt_id: UUID?
        package var note: String?

        package init(phone: String, channel: String, kind: String, type: String?, valid: Bool?, attempt_id: UUID?, note: String?) {
            self.phone = phone
            self.channel = channel
            self.kind = kind
            self.type = type
            self.valid = valid
            self.attempt_id = attempt_id
            self.note = note
        }
    }

    /// Registers a complaint; one whose validity is already known is classified and judged at once.
    package static func register(_ input: Registration, user: CurrentUser, actor: AuditEvent, at now: Date, on db: any Database) async throws -> ComplaintModel {
        guard let channel = ComplaintChannel(rawValue: input.channel) else {
            throw DomainError.invalidField("channel", zh: "须为 " + ComplaintChannel.allCases.map(\.rawValue).joined(separator: "、"),
                                           en: "expected one of " + ComplaintChannel.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let kind = ComplaintKind(rawValue: input.kind) else {
            throw DomainError.invalidField("kind", zh: "须为 " + ComplaintKind.allCases.map(\.rawValue).joined(separator: "、"),
                                           en: "expected one of " + ComplaintKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let type = ComplaintType(rawValue: input.type ?? "complaint") else {
            throw DomainError.invalidField("type", zh: "须为 complaint（投诉）或 suggestion（建议）", en: "expected complaint or suggestion")
        }
        let complaint = ComplaintModel()
        complaint.phone = try PhoneParser.normalised(input.phone)
        complaint.channel = channel.rawValue
        complaint.kind = kind.rawValue
        complaint.type = type.rawValue
        complaint.valid = input.valid
        complaint.note = String((input.note ?? "").trimmingWhitespace().prefix(2_000))
        complaint.registeredBy = user.username
        complaint.registeredAt = now
        if input.valid != nil {
            complaint.judgedBy = user.username
            complaint.judgedAt = now
            complaint.steps = [.init(step: ComplaintStep.classified.rawValue, by: user.username, at: now, note: ""),
                               .init(step: ComplaintStep.judged.rawValue, by: user.username, at: now, note: "")]
        }
        if let attemptID = input.attempt_id {
            guard let attempt = try await CallAttemptModel.find(attemptID, on: db) else {
                throw DomainError.notFound(LocalizedText(zh: "外呼记录", en: "attempt"))
            }
            complaint.attemptID = attemptID
            complaint.agentID = attempt.agentID
            complaint.projectID = attempt.projectID
            if let agentID = attempt.agentID, let agent = try await AgentModel.find(agentID, on: db) {
                complaint.siteID = agent.siteID
                complaint.teamID = agent.teamID
            }
        }
        let by = user.username
        try await ComplaintQueries.register(complaint, actor: actor, then: { complaint, tx in
            try await PenaltyService.complaintJudged(complaint, by: by, at: now, on: tx)
        }, on: db)
        return complaint
    }

    /// What a step takes: a note; for the judgement its verdict and the root cause; for the remedy whether the call's
    /// orders are cancelled and the compensation in yuan.
    package struct StepInput: Codable, Sendable {
        package var note: String?
        package var valid: Bool?
        package var root_cause: String?
        package var cancel_orders: Bool?
        package var compensation: Double?

        package init(note: String? = nil, valid: Bool? = nil, root_cause: String? = nil, cancel_orders: Bool? = nil, compensation: Double? = nil) {
            self.note = note
            self.valid = valid
            self.root_cause = root_cause
            self.cancel_orders = cancel_orders
            self.compensation = compensation
        }
    }

    package static func progress(_ complaint: ComplaintModel) -> ComplaintProgress {
        ComplaintProgress(done: Set(complaint.steps.compactMap { ComplaintStep(rawValue: $0.step) }), valid: complaint.valid,
                          hasCall: complaint.attemptID != nil)
    }

    /// Takes one step of the workflow, checked against it, audited.
    package static func advance(_ id: UUID, step: ComplaintStep, input: StepInput, user: CurrentUser, actor: AuditEvent, at now: Date,
                                on db: any Database) async throws -> ComplaintModel {
        guard let complaint = try await ComplaintModel.find(id, on: db) else { throw DomainError.notFound(LocalizedText(zh: "投诉", en: "complaint")) }
        try progress(complaint).check(step)
        let note = String((input.note ?? "").trimmingWhitespace().prefix(2_000))
        var steps = complaint.steps
        var detail = step.name.zh
        switch step {
        case .judged:
            guard let valid = input.valid else { throw DomainError.missingField("valid") }
            if !steps.contains(where: { $0.step == ComplaintStep.classified.rawValue }) {
                steps.append(.init(step: ComplaintStep.classified.rawValue, by: user.username, at: now, note: ""))
            }
            steps.removeAll { $0.step == ComplaintStep.judged.rawValue }
            steps.append(.init(step: step.rawValue, by: user.username, at: now, note: note))
            complaint.steps = steps
            if let cause = input.root_cause?.trimmingWhitespace(), !cause.isEmpty { complaint.rootCause = String(cause.prefix(1_000)) }
            let by = user.username
            try await ComplaintQueries.judge(complaint, valid: valid, actor: actor, at: now, then: { complaint, tx in
                try await PenaltyService.complaintJudged(complaint, by: by, at: now, on: tx)
            }, on: db)
            return complaint
        case .remedied:
            if let compensation = input.compensation {
                guard compensation.isFinite, compensation >= 0, compensation <= 1_000_000 else {
                    throw DomainError.invalidField("compensation", zh: "赔付金额须在 0 到 1000000 元之间", en: "the compensation is 0 to 1000000 yuan")
                }
                complaint.compensationCents = Int((compensation * 100).rounded())
            }
            detail += complaint.compensationCents.map { " ¥" + PenaltyAmount.format(Double($0) / 100) } ?? ""
        default: break
        }
        steps.append(.init(step: step.rawValue, by: user.username, at: now, note: note))
        complaint.steps = steps
        let cancel = step == .remedied && input.cancel_orders == true
        let recorded = detail
        try await StoreTransaction.write(db) { tx in
            try await complaint.save(on: tx)
            if cancel, let attempt = complaint.attemptID {
                let orders = try await OrderModel.query(on: tx).filter(\.$attemptID == attempt).all()
                for order in orders where OrderStatus(rawValue: order.status)?.isCancellable == true {
                    order.status = OrderStatus.cancelled.rawValue
                    try await order.save(on: tx)
                    var event = actor
                    event.action = "order.status"
                    event.targetType = "order"
                    event.targetID = order.number
                    event.detail = "投诉取消"
                    try await AuditLog.append(event, at: now, on: tx)
                }
                if let call = try await CallAttemptModel.find(attempt, on: tx) { try await MetricCellQueries.invalidate([call.startedAt], on: tx) }
            }
            var event = actor
            event.targetID = complaint.id?.uuidString
            event.detail = recorded
            try await AuditLog.append(event, at: now, on: tx)
        }
        return complaint
    }

    /// The organisation's deadlines for complaints.
    package static func deadlines(on db: any Database) async throws -> ComplaintDeadlines {
        let settings = try await OrganisationQueries.settings(on: db)
        return ComplaintDeadlines(feedbackHours: settings.complaintFeedbackHours, resultWorkingDays: settings.complaintResultDays)
    }

    package static func saveDeadlines(_ deadlines: ComplaintDeadlines, actor: AuditEvent, at now: Date, on db: any Database) async throws {
        let deadlines = try deadlines.validated()
        let settings = try await OrganisationQueries.settings(on: db)
        settings.complaintFeedbackHours = deadlines.feedbackHours
        settings.complaintResultDays = deadlines.resultWorkingDays
        try await StoreTransaction.write(db) { tx in
            try await settings.save(on: tx)
            var event = actor
            event.detail = "\(deadlines.feedbackHours) h / \(deadlines.resultWorkingDays) d"
            try await AuditLog.append(event, at: now, on: tx)
        }
    }
}
