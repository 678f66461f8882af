import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The approvers of each level (RULES D-48: 初审 the customer service center, 复审 marketing, 终审 the deputy general
/// manager), who also approves price lists (issue 18 item 7). A level with no one named is open to every manager; once
/// named, only those users decide there.
package enum ApproverService {
    package struct Levels: Codable, Sendable, Equatable {
        package var center: [String]
        package var marketing: [String]
        package var deputy_manager: [String]

        package init(center: [String] = [], marketing: [String] = [], deputy_manager: [String] = []) {
            self.center = center
            self.marketing = marketing
            self.deputy_manager = deputy_manager
        }

        package subscript(level: ExitApprovalLevel) -> [String] {
            switch level {
            case .center: center
            case .marketing: marketing
            case .deputyManager: deputy_manager
            }
        }
    }

    package static func levels(on db: any Database) async throws -> Levels {
        let rows = try await ApproverModel.query(on: db).sort(\.$username).all()
        func named(_ level: ExitApprovalLevel) -> [String] { rows.filter { $0.level == level.rawValue }.map(\.username) }
        return Levels(center: named(.center), marketing: named(.marketing), deputy_manager: named(.deputyManager))
    }

    /// Replaces every level's list at once; each user must exist, be active and be allowed to manage vendors.
    package static func set(_ levels: Levels, by caller: Caller, at now: Date, on db: any Database) async throws -> Levels {
        try AccessPolicy.require(caller.role, .manageVendors)
        var rows: [ApproverModel] = []
        for level in ExitApprovalLevel.allCases {
            let names = levels[level].map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            guard Set(names).count == names.count else {
                throw DomainError.invalidField("approvers", zh: "\(level.name.zh)中有重复的用户", en: "\(level.name.en) names a user twice")
            }
            for name in names {
                guard let user = try await UserModel.query(on: db).filter(\.$username == name).first(), user.active else {
                    throw DomainError.invalidField("approvers", zh: "没有名为「\(name)」的在用账号", en: "no active user is named \"\(name)\"")
                }
                guard AccessPolicy.allows(user.role, .manageVendors) else {
                    throw DomainError.invalidField("approvers", zh: "「\(name)」的角色不能审批外呼公司事务（须为管理员或经理）",
                                                   en: "\"\(name)\"'s role cannot decide vendor matters (an administrator or a manager can)")
                }
                let row = ApproverModel()
                row.id = UUID()
                row.level = level.rawValue
                row.username = name
                rows.append(row)
            }
        }
        let described = ExitApprovalLevel.allCases.map { level in
            "\(level.name.zh)：\(rows.filter { $0.level == level.rawValue }.map(\.username).joined(separator: "、"))"
        }
        let saved = rows
        try await StoreTransaction.write(db) { tx in
            try await ApproverModel.query(on: tx).delete()
            for row in saved { try await row.create(on: tx) }
            try await caller.audit("approvers.set", targetType: "organisation", detail: described.joined(separator: "；"), at: now, on: tx)
        }
        return try await self.levels(on: db)
    }

    /// Refuses a caller not named at a level that names its approvers (the command line, acting as the owner, may).
    package static func require(_ level: ExitApprovalLevel, _ caller: Caller, on db: any Database) async throws {
        guard caller.userID != nil else { return }
        let named = try await levels(on: db)[level]
        guard named.isEmpty || named.contains(caller.name) else {
            throw DomainError(.forbidden, code: "not_an_approver", zh: "\(level.name.zh)的审批人为 \(named.joined(separator: "、"))，您不在其中",
                              en: "\(level.name.en) is decided by \(named.joined(separator: ", ")); you are not one of them")
        }
    }
}
