import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A vendor's assessment record and exit cases as the pages and the API read them.
package enum VendorAssessmentReads {
    package struct Record: Codable, Sendable {
        package var id: UUID
        package var kind: String
        package var kind_name: String
        package var source: String?
        package var source_name: String?
        package var reason: String
        package var occurred_on: String
        package var due_on: String?
        package var closed_on: String?
        package var closing_note: String?
        /// A rectification past its two weeks (closed late or still open).
        package var late: Bool
        package var open: Bool
        package var unacknowledged: Bool
        package var recorded_by: String
        package var acknowledged_at: Date?
        package var acknowledged_by: String?
    }

    package struct Exit: Codable, Sendable {
        package var id: UUID
        package var kind: String
        package var kind_name: String
        package var category: String?
        package var trigger: String
        package var trigger_name: String
        package var reason: String
        package var step: String
        package var step_name: String
        /// The level that decides next, or nil once closed.
        package var next_level: String?
        package var decisions: [VendorExitService.Decision]
        package var exited_on: String?
        package var handover: String?
        package var opened_by: String
        package var opened_at: Date
    }

    package static func records(_ vendorID: UUID, scope: AccessScope, today: LocalDate, language: Language, on db: any Database) async throws -> [Record] {
        _ = try await VendorService.find(vendorID, scope: scope, on: db)
        return try await VendorRecordModel.query(on: db).filter(\.$vendorID == vendorID).sort(\.$occurredOn, .descending).all().compactMap { model in
            guard let id = model.id else { return nil }
            let kind = VendorAssessmentService.Kind(rawValue: model.kind)
            let source = model.source.map { code in
                switch code {
                case VendorAssessmentService.veto: LocalizedText(zh: "经营其他运营商业务（一票否决）", en: "Another operator's business (veto)")
                case VendorAssessmentService.continues: LocalizedText(zh: "结论：继续合作", en: "Outcome: the agreement goes on")
                case VendorAssessmentService.endsEarly: LocalizedText(zh: "结论：提前终止代理协议", en: "Outcome: end the agreement early")
                case VendorAssessmentService.selected: LocalizedText(zh: "结论：入选，资格续期", en: "Outcome: selected, qualification renewed")
                case VendorAssessmentService.notSelected: LocalizedText(zh: "结论：未入选", en: "Outcome: not selected")
                default: VendorFaultSource(rawValue: code)?.name ?? LocalizedText(zh: code, en: code)
                }
            }
            let late = kind == .rectification && LocalDate(model.occurredOn).map {
                VendorAssessment.isLate(openedOn: $0, closedOn: model.closedOn.flatMap(LocalDate.init), today: today)
            } == true
            return Record(id: id, kind: model.kind, kind_name: kind?.name.text(language) ?? model.kind, source: model.source,
                          source_name: source?.text(language), reason: model.reason, occurred_on: model.occurredOn, due_on: model.dueOn,
                          closed_on: model.closedOn, closing_note: model.closingNote, late: late,
                          open: kind == .rectification && model.closedOn == nil, unacknowledged: model.acknowledgedAt == nil, recorded_by: model.recordedBy,
                          acknowledged_at: model.acknowledgedAt, acknowledged_by: model.acknowledgedBy)
        }
    }

    package static func exits(_ vendorID: UUID, scope: AccessScope, language: Language, on db: any Database) async throws -> [Exit] {
        _ = try await VendorService.find(vendorID, scope: scope, on: db)
        return try await VendorExitModel.query(on: db).filter(\.$vendorID == vendorID).sort(\.$openedAt, .descending).all().compactMap { model in
            guard let id = model.id else { return nil }
            let step = ExitStep(rawValue: model.step) ?? .rejected
            return Exit(id: id, kind: model.kind, kind_name: ExitKind(rawValue: model.kind)?.name.text(language) ?? model.kind, category: model.category,
                        trigger: model.trigger, trigger_name: ExitTrigger(rawValue: model.trigger)?.name.text(language) ?? model.trigger,
                        reason: model.reason, step: model.step, step_name: step.name.text(language), next_level: step.level?.rawValue,
                        decisions: VendorExitService.decisions(model), exited_on: model.exitedOn, handover: model.handover,
                        opened_by: model.openedBy, opened_at: model.openedAt)
        }
    }
}
