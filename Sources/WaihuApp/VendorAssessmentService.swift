import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A vendor's assessment (issue 18 item 4, RULES D.8): faults, warnings and rectification orders recorded by the
/// center — never by the vendor — shown to the vendor the same day for it to acknowledge; three warnings, a
/// rectification past its two weeks or the veto open an exit case.
package enum VendorAssessmentService {
    package enum Kind: String, Codable, Sendable, CaseIterable {
        /// 年度资格验证 (D-23, D-24): the November on-site inspection's report, with its outcome in `source`.
        /// 年度选拔 (D-19 – D-21): the yearly selection's written report (documents verified, site visited, solution
        /// presented), with its outcome in `source`; selected, the qualification is renewed for the model's term.
        case fault, warning, rectification, inspection, selection

        package var name: LocalizedText {
            switch self {
            case .fault: LocalizedText(zh: "过错", en: "Fault")
            case .warning: LocalizedText(zh: "警告", en: "Warning")
            case .rectification: LocalizedText(zh: "整改", en: "Rectification")
            case .inspection: LocalizedText(zh: "年度资格验证", en: "Annual verification")
            case .selection: LocalizedText(zh: "年度选拔", en: "Yearly selection")
            }
        }
    }

    /// An annual verification's outcome: the agreement goes on, or is to end early (through an exit case).
    package static let continues = "continue", endsEarly = "terminate_early"
    /// A yearly selection's outcome.
    package static let selected = "selected", notSelected = "not_selected"

    package struct Input: Codable, Sendable {
        package var kind: String
        /// A fault's source (`VendorFaultSource`); `competitor_business` marks the veto.
        package var source: String?
        package var reason: String
        package var occurred_on: String?
        /// A rectification's deadline; two weeks after it opens when not given.
        package var due_on: String?
        package var attempt_id: UUID?

        package init(kind: String, source: String? = nil, reason: String, occurred_on: String? = nil, due_on: String? = nil, attempt_id: UUID? = nil) {
            self.kind = kind
            self.source = source
            self.reason = reason
            self.occurred_on = occurred_on
            self.due_on = due_on
            self.attempt_id = attempt_id
        }
    }

    /// The veto's mark on a fault: selling another operator's products (D-38).
    package static let veto = "competitor_business"

    package static func record(_ vendorID: UUID, _ input: Input, by caller: Caller, at now: Date, on db: any Database) async throws -> VendorRecordModel {
        guard caller.scope.boundSite == nil else {
            throw DomainError(.forbidden, code: "forbidden", zh: "外呼公司不能登记或修改对自己的考核（D-35）", en: "A vendor cannot record or edit its own assessment (D-35)")
        }
        let vendor = try await VendorService.find(vendorID, scope: caller.scope, on: db)
        guard let kind = Kind(rawValue: input.kind) else {
            throw DomainError.invalidField("kind", zh: "类型须为 fault（过错）、warning（警告）、rectification（整改）、inspection（年度资格验证）或 selection（年度选拔）",
                                           en: "the kind is fault, warning, rectification, inspection or selection")
        }
        let reason = input.reason.trimmingWhitespace()
        guard !reason.isEmpty, reason.count <= 1_000 else {
            throw DomainError.invalidField("reason", zh: "请写明原因（最多 1000 字）", en: "Give the reason (1,000 characters at most)")
        }
        let today = LocalDate(now, in: try await OrganisationQueries.timeZone(on: db))
        let day = try input.occurred_on.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }.map { try LocalDate.parse($0, field: "occurred_on") } ?? today
        guard day <= today else { throw DomainError.invalidField("occurred_on", zh: "日期不能晚于今天", en: "The day cannot be after today") }
        let model = VendorRecordModel()
        model.vendorID = vendorID
        model.kind = kind.rawValue
        model.reason = reason
        model.occurredOn = day.description
        model.attemptID = input.attempt_id
        model.recordedBy = caller.name
        model.recordedAt = now
        switch kind {
        case .fault:
            let source = input.source ?? VendorFaultSource.manual.rawValue
            guard VendorFaultSource(rawValue: source) != nil || source == veto else {
                throw DomainError.invalidField("source", zh: "过错来源未知：\(source)", en: "unknown fault source \(source)")
            }
            model.source = source
        case .rectification:
            let due = try input.due_on.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }.map { try LocalDate.parse($0, field: "due_on") }
                ?? day.addingDays(VendorAssessment.rectificationDays)
            guard due >= day else { throw DomainError.invalidField("due_on", zh: "整改期限不能早于开始日", en: "The deadline cannot be before the day it opens") }
            model.dueOn = due.description
        case .inspection:
            guard let outcome = input.source, outcome == continues || outcome == endsEarly else {
                throw DomainError.invalidField("source", zh: "年度资格验证的结论须为 continue（继续合作）或 terminate_early（提前终止）",
                                               en: "an annual verification's outcome is continue or terminate_early")
            }
            guard [.general, .exclusive].contains(vendor.cooperation) else {
                throw DomainError(.ruleRefused, code: "not_verified_yearly", zh: "年度资格验证针对总代理和专营代理（D-23）",
                                  en: "The annual verification is for general and exclusive agents (D-23)")
            }
            model.source = outcome
        case .selection:
            guard let outcome = input.source, outcome == selected || outcome == notSelected else {
                throw DomainError.invalidField("source", zh: "年度选拔的结论须为 selected（入选）或 not_selected（未入选）",
                                               en: "a yearly selection's outcome is selected or not_selected")
            }
            model.source = outcome
            if outcome == selected { try await renewOnSelection(vendor, day: day, on: db) }
        case .warning:
            break
        }
        return try await StoreTransaction.write(db) { tx in
            try await model.create(on: tx)
            if kind == .selection, model.source == selected { try await vendor.save(on: tx) }
            try await caller.audit("vendor.record", targetType: "vendor", targetID: vendor.legalName, detail: "\(kind.name.zh)：\(reason)", at: now, on: tx)
            try await openTriggeredExits(vendor, by: caller, today: today, at: now, on: tx)
            return model
        }
    }

    /// A vendor selected renews its qualification for its model's term (D-07, D-21): from the day after the running
    /// term, or from the selection's day when none runs; every condition must be met on the selection's day (the
    /// licence checked that year) and no ban stand. Unsaved.
    static func renewOnSelection(_ vendor: VendorModel, day: LocalDate, on db: any Database) async throws {
        let until = vendor.exitedOn == nil ? vendor.qualifiedUntil.flatMap(LocalDate.init) : nil
        let running = until.flatMap { $0 >= day ? $0 : nil }
        try await VendorService.grantQualification(vendor, from: running.map { $0.addingDays(1) } ?? day, decided: day, override: nil, on: db)
    }

    /// Closes a rectification with a note.
    package static func close(_ recordID: UUID, note: String, by caller: Caller, at now: Date, on db: any Database) async throws -> VendorRecordModel {
        guard caller.scope.boundSite == nil else {
            throw DomainError(.forbidden, code: "forbidden", zh: "整改由客户服务中心验收关闭", en: "The center closes a rectification, not the vendor")
        }
        guard let record = try await VendorRecordModel.find(recordID, on: db), record.kind == Kind.rectification.rawValue else {
            throw DomainError.notFound(LocalizedText(zh: "整改", en: "rectification"))
        }
        guard record.closedOn == nil else { throw DomainError(.conflict, code: "rectification_closed", zh: "该整改已关闭", en: "This rectification is closed") }
        let note = note.trimmingWhitespace()
        guard !note.isEmpty else { throw DomainError.invalidField("note", zh: "请写明整改验收情况", en: "Say how the rectification was checked") }
        let vendor = try await VendorService.find(record.vendorID, scope: caller.scope, on: db)
        let today = LocalDate(now, in: try await OrganisationQueries.timeZone(on: db))
        record.closedOn = today.description
        record.closingNote = note
        return try await StoreTransaction.write(db) { tx in
            try await record.save(on: tx)
            try await caller.audit("vendor.rectification_closed", targetType: "vendor", targetID: vendor.legalName, detail: note, at: now, on: tx)
            try await openTriggeredExits(vendor, by: caller, today: today, at: now, on: tx)
            return record
        }
    }

    /// The vendor's user acknowledges a warning, a rectification or a fault the day it sees it.
    package static func acknowledge(_ recordID: UUID, by caller: Caller, at now: Date, on db: any Database) async throws -> VendorRecordModel {
        guard let record = try await VendorRecordModel.find(recordID, on: db), try await VendorService.visible(record.vendorID, scope: caller.scope, on: db),
              let vendor = try await VendorModel.find(record.vendorID, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "考核记录", en: "assessment record"))
        }
        guard record.acknowledgedAt == nil else { return record }
        record.acknowledgedAt = now
        record.acknowledgedBy = caller.name
        return try await StoreTransaction.write(db) { tx in
            try await record.save(on: tx)
            try await caller.audit("vendor.acknowledge", targetType: "vendor", targetID: vendor.legalName,
                                   detail: "\(Kind(rawValue: record.kind)?.name.zh ?? record.kind)：\(record.reason)", at: now, on: tx)
            return record
        }
    }

    /// Opens an exit case for each trigger the record now gives that no case already carries (D-37, D-38).
    static func openTriggeredExits(_ vendor: VendorModel, by caller: Caller, today: LocalDate, at now: Date, on db: any Database) async throws {
        let id = try vendor.requireID()
        guard vendor.exitedOn == nil else { return }
        let records = try await VendorRecordModel.query(on: db).filter(\.$vendorID == id).all()
        // 一次整改时间超过两周: two weeks whatever deadline was set.
        let late = records.filter { record in
            guard record.kind == Kind.rectification.rawValue, let opened = LocalDate(record.occurredOn) else { return false }
            return VendorAssessment.isLate(openedOn: opened, closedOn: record.closedOn.flatMap(LocalDate.init), today: today)
        }
        let opened = Set(try await VendorExitModel.query(on: db).filter(\.$vendorID == id).filter(\.$step != ExitStep.rejected.rawValue).all()
            .compactMap { ExitTrigger(rawValue: $0.trigger) })
        var triggers = VendorAssessment.exitTriggers(warnings: records.filter { $0.kind == Kind.warning.rawValue }.count, lateRectifications: late.count,
                                                     vetoFindings: records.filter { $0.source == veto }.count, alreadyOpened: opened)
        if records.contains(where: { $0.kind == Kind.inspection.rawValue && $0.source == endsEarly }), !opened.contains(.annualVerification) {
            triggers.append(.annualVerification)
        }
        for trigger in triggers {
            _ = try await VendorExitService.open(vendor, kind: .qualification, category: nil, trigger: trigger, reason: trigger.name.zh,
                                                 by: caller, at: now, on: db)
        }
    }
}
