import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Following up a review's findings: studied at a pre-shift meeting (RULES QL-01), and for bad attitude or profanity
/// the apology call a manager and the agent make to the customer (RULES QA-08).
extension QualityService {
    package enum FindingStep: String, Sendable {
        case trained
        case apology
    }

    package static func follow(finding id: UUID, step: FindingStep, note: String, user: CurrentUser, actor: AuditEvent, at now: Date,
                               on db: any Database) async throws -> QAFindingModel {
        guard let finding = try await QAFindingModel.find(id, on: db),
              try await QualityReads.findings(scope: user.scope, open: false, limit: 100_000, on: db).contains(where: { $0.id == id }) else {
            throw DomainError.notFound(LocalizedText(zh: "质检问题", en: "finding"))
        }
        let note = note.trimmingWhitespace()
        switch step {
        case .trained:
            guard finding.trainedAt == nil else {
                throw DomainError(.conflict, code: "finding_trained", zh: "这个问题已经登记为培训过", en: "This finding is already marked trained")
            }
            finding.trainedAt = now
            finding.trainedBy = user.username
        case .apology:
            guard finding.apologyRequired else {
                throw DomainError(.ruleRefused, code: "apology_not_required", zh: "只有服务态度差或讲粗口的问题需要致歉回访",
                                  en: "Only bad attitude or profanity calls for an apology call")
            }
            guard finding.apologyDoneAt == nil else {
                throw DomainError(.conflict, code: "apology_done", zh: "致歉回访已经登记", en: "The apology call is already recorded")
            }
            guard !note.isEmpty else {
                throw DomainError(.badInput, code: "apology_note_required", zh: "请写明回访结果（谁打的、客户怎么说）",
                                  en: "Write how the call went: who called and what the customer said")
            }
            finding.apologyDoneAt = now
            finding.apologyBy = user.username
            finding.apologyNote = String(note.prefix(1_000))
        }
        try await StoreTransaction.write(db) { tx in
            try await finding.save(on: tx)
            var event = actor
            event.targetID = FindingCategory(rawValue: finding.category)?.name.zh ?? finding.category
            event.detail = String(note.prefix(200))
            try await AuditLog.append(event, at: now, on: tx)
        }
        return finding
    }
}
