import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Books the penalty and reward ledger (issue 17, RULES B): from reviews, their findings and valid complaints as the
/// rules say, by hand for what a supervisor sees on the floor; voids what an appeal or a judgement takes away.
package enum PenaltyService {
    /// An unqualified review books its ticket; each finding books its category's rules. Runs inside the review's
    /// transaction.
    package static func bookReview(_ review: QAReviewModel, findings: [QAFindingModel], agent: UUID?, at now: Date, on tx: any Database) async throws {
        let parties = try await PenaltyQueries.parties(agent: agent, on: tx)
        let reviewID = try review.requireID().uuidString
        if review.grade == ReviewGrade.unqualified.rawValue {
            let fatal = review.fatalItems
            let evidence = "质检 \(review.score) 分" + (fatal.isEmpty ? "" : "，致命项 " + fatal.joined(separator: "、")) + "，质检员 \(review.inspector)"
            try await PenaltyQueries.book(PenaltyOccurrence(event: .unqualifiedTicket), on: parties,
                                          context: .init(source: "review", sourceID: reviewID, attemptID: review.attemptID, occurredAt: review.reviewedAt,
                                                         evidence: evidence, bookedBy: review.inspector), at: now, on: tx)
        }
        for finding in findings {
            let evidence = FindingCategory(rawValue: finding.category).map { $0.name.zh } ?? finding.category
            try await PenaltyQueries.book(PenaltyOccurrence(event: .finding, category: finding.category, units: finding.households), on: parties,
                                          context: .init(source: "finding", sourceID: try finding.requireID().uuidString, attemptID: review.attemptID,
                                                         occurredAt: review.reviewedAt, evidence: evidence + (finding.note.isEmpty ? "" : "：" + finding.note),
                                                         bookedBy: review.inspector), at: now, on: tx)
        }
    }

    /// After an appeal is decided: a review no longer unqualified voids its ticket's entries; one now unqualified books them.
    package static func reviewDecided(_ review: QAReviewModel, wasUnqualified: Bool, by user: String, at now: Date, on tx: any Database) async throws {
        let unqualified = review.grade == ReviewGrade.unqualified.rawValue
        guard unqualified != wasUnqualified else { return }
        let reviewID = try review.requireID().uuidString
        if unqualified {
            let call = try await CallAttemptModel.find(review.attemptID, on: tx)
            try await bookReview(review, findings: [], agent: call?.agentID, at: now, on: tx)
        } else {
            _ = try await PenaltyQueries.void(source: "review", id: reviewID, by: user, reason: "申诉改判为 \(review.score) 分", at: now, on: tx)
        }
    }

    /// A complaint judged valid books its kind's and channel's rules on the agent of its call; judged not valid voids them.
    package static func complaintJudged(_ complaint: ComplaintModel, by user: String, at now: Date, on tx: any Database) async throws {
        let complaintID = try complaint.requireID().uuidString
        guard complaint.valid == true else {
            _ = try await PenaltyQueries.void(source: "complaint", id: complaintID, by: user, reason: "投诉判定无效", at: now, on: tx)
            return
        }
        guard let attempt = complaint.attemptID, let agent = complaint.agentID else { return }
        let kind = ComplaintKind(rawValue: complaint.kind)?.name.zh ?? complaint.kind
        let channel = ComplaintChannel(rawValue: complaint.channel)?.name.zh ?? complaint.channel
        try await PenaltyQueries.book(PenaltyOccurrence(event: .complaint, category: complaint.kind, channel: complaint.channel),
                                      on: try await PenaltyQueries.parties(agent: agent, on: tx),
                                      context: .init(source: "complaint", sourceID: complaintID, attemptID: attempt,
                                                     occurredAt: complaint.judgedAt ?? complaint.registeredAt,
                                                     evidence: "\(kind) · \(channel)", bookedBy: user), at: now, on: tx)
    }

    /// What a person books by hand: a manual rule, on an agent (the rule's subject follows from them) or a site.
    package struct Manual: Codable, Sendable {
        package var rule: String
        package var agent: String?
        package var site: String?
        package var amount: Double?
        package var evidence: String
        package var attempt_id: UUID?
        package var occurred_on: String?

        package init(rule: String, agent: String?, site: String?, amount: Double?, evidence: String, attempt_id: UUID?, occurred_on: String?) {
            self.rule = rule
            self.agent = agent
            self.site = site
            self.amount = amount
            self.evidence = evidence
            self.attempt_id = attempt_id
            self.occurred_on = occurred_on
        }
    }

    package static func book(_ input: Manual, user: CurrentUser, actor: AuditEvent, at now: Date, on db: any Database) async throws -> [PenaltyEntryModel] {
        guard let rule = try await PenaltyQueries.rules(on: db).first(where: { $0.code == input.rule }) else {
            throw DomainError.notFound(LocalizedText(zh: "奖惩规则 \(input.rule)", en: "penalty rule \(input.rule)"))
        }
        guard rule.trigger.event == .manual, rule.active else {
            throw DomainError(.ruleRefused, code: "rule_not_manual", zh: "规则“\(rule.name.zh)”由质检或投诉自动登记，或已停用，不能人工登记",
                              en: "The rule \(rule.name.en) is booked from reviews or complaints, or is switched off: it cannot be booked by hand")
        }
        let evidence = input.evidence.trimmingWhitespace()
        guard !evidence.isEmpty else {
            throw DomainError(.badInput, code: "evidence_required", zh: "请写明依据（时间、经过、见证人或通话）", en: "Write the evidence: when, what happened, a witness or the call")
        }
        let parties = try await manualParties(rule: rule, agent: input.agent, site: input.site, user: user, on: db)
        let zone = try await OrganisationQueries.timeZone(on: db)
        var occurredAt = now
        if let text = input.occurred_on, !text.isEmpty {
            guard let day = LocalDate(text) else { throw DomainError.invalidField("occurred_on", zh: "日期格式为 YYYY-MM-DD", en: "a date is YYYY-MM-DD") }
            guard day <= LocalTime(now, in: zone).date else {
                throw DomainError.invalidField("occurred_on", zh: "发生日期不能晚于今天", en: "the day cannot be after today")
            }
            occurredAt = min(now, LocalTime.instant(day, in: zone).addingTimeInterval(12 * 3_600))
        }
        if rule.amount.kind == .range, input.amount == nil {
            throw DomainError.invalidField("amount", zh: "请在 \(rule.amount.text(.zh, points: rule.ledger.inPoints)) 之间选定金额",
                                           en: "choose the amount within \(rule.amount.text(.en, points: rule.ledger.inPoints))")
        }
        let bookingID = UUID().uuidString
        let when = occurredAt
        return try await StoreTransaction.write(db) { tx in
            let entries = try await PenaltyQueries.book(PenaltyOccurrence(event: .manual), on: parties,
                                                        context: .init(source: "manual", sourceID: bookingID, attemptID: input.attempt_id,
                                                                       occurredAt: when, evidence: String(evidence.prefix(2_000)), bookedBy: user.username),
                                                        chosen: input.amount, only: rule.code, at: now, on: tx)
            var event = actor
            event.targetID = rule.code
            event.detail = entries.map { "\($0.ruleNameZh) · \($0.subjectName) · \(PenaltyAmount.format($0.amount))" }.joined(separator: "; ")
            try await AuditLog.append(event, at: now, on: tx)
            return entries
        }
    }

    static func manualParties(rule: PenaltyRule, agent: String?, site: String?, user: CurrentUser, on db: any Database) async throws -> PenaltyQueries.Parties {
        let parties: PenaltyQueries.Parties
        if let number = agent?.trimmingWhitespace(), !number.isEmpty {
            guard let found = try await AgentQueries.agents(in: user.scope, on: db).first(where: { $0.number == number }) else {
                throw DomainError.notFound(LocalizedText(zh: "工号 \(number) 的坐席", en: "agent \(number)"))
            }
            parties = try await PenaltyQueries.parties(agent: found.id, on: db)
        } else if let name = site?.trimmingWhitespace(), !name.isEmpty {
            guard let found = try await OrganisationQueries.sites(in: user.scope, on: db).first(where: { $0.name == name }), let id = found.id else {
                throw DomainError.notFound(LocalizedText(zh: "现场 \(name)", en: "site \(name)"))
            }
            parties = try await PenaltyQueries.parties(site: id, on: db)
        } else {
            throw DomainError(.badInput, code: "subject_required", zh: "请填写坐席工号或现场", en: "Name the agent (their number) or the site")
        }
        guard parties.subjects[rule.subject] != nil else {
            throw DomainError(.ruleRefused, code: "subject_missing",
                              zh: "规则“\(rule.name.zh)”记在\(rule.subject.name.zh)上，所填对象没有\(rule.subject.name.zh)",
                              en: "The rule \(rule.name.en) is booked on a \(rule.subject.name.en.lowercased()), and what you named has none")
        }
        return parties
    }

    /// Voids an entry with a reason; it stays in the ledger struck through.
    package static func void(entry id: UUID, reason: String, user: CurrentUser, actor: AuditEvent, at now: Date, on db: any Database) async throws -> PenaltyEntryModel {
        let reason = reason.trimmingWhitespace()
        guard !reason.isEmpty else { throw DomainError.missingField("reason") }
        guard let entry = try await PenaltyEntryModel.find(id, on: db),
              try await PenaltyQueries.entries(month: entry.month, scope: user.scope, supervisor: user.id, on: db).contains(where: { $0.id == id }) else {
            throw DomainError.notFound(LocalizedText(zh: "奖惩记录", en: "penalty entry"))
        }
        guard entry.voidedAt == nil else {
            throw DomainError(.conflict, code: "entry_voided", zh: "这条记录已经撤销", en: "This entry is already voided")
        }
        entry.voidedAt = now
        entry.voidedBy = user.username
        entry.voidReason = String(reason.prefix(1_000))
        try await StoreTransaction.write(db) { tx in
            try await entry.save(on: tx)
            var event = actor
            event.targetID = entry.ruleCode
            event.detail = "\(entry.ruleNameZh) · \(entry.subjectName) · \(PenaltyAmount.format(entry.amount)): \(reason)"
            try await AuditLog.append(event, at: now, on: tx)
        }
        return entry
    }
}
