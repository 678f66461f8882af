import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// What a vendor's administrator finds on its home page (issue 18 item 4: notified the same day).
extension HomeService {
    package struct VendorNotice: Sendable {
        package var text: String
        package var link: String
        package var alert: Bool
    }

    package static func vendorNotices(_ vendorID: UUID, language: Language, on db: any Database) async throws -> [VendorNotice] {
        var notices: [VendorNotice] = []
        for record in try await VendorRecordModel.query(on: db).filter(\.$vendorID == vendorID).filter(\.$acknowledgedAt == nil)
            .sort(\.$occurredOn, .descending).all() {
            let kind = VendorAssessmentService.Kind(rawValue: record.kind)?.name.text(language) ?? record.kind
            let due = record.dueOn.map { language == .zh ? "（整改期限 \($0)）" : " (due \($0))" } ?? ""
            notices.append(VendorNotice(text: "\(record.occurredOn) \(kind)：\(record.reason)\(due)", link: "/vendors/\(vendorID.uuidString)#vendor-records",
                                        alert: record.kind != VendorAssessmentService.Kind.fault.rawValue))
        }
        for statement in try await SettlementModel.query(on: db).filter(\.$vendorID == vendorID)
            .filter(\.$status == StatementStatus.draft.rawValue).filter(\.$submittedAt == nil).all() {
            guard let id = statement.id else { continue }
            notices.append(VendorNotice(text: language == .zh ? "\(statement.month) 结算单待提交对账数量" : "Statement \(statement.month): submit your counts",
                                        link: "/settlements/\(id.uuidString)", alert: false))
        }
        return notices
    }
}
