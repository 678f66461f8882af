import Foundation

/// An exit (退出) is of a business category or of the whole qualification (RULES D-46).
public enum ExitKind: String, Sendable, Codable, CaseIterable {
    /// 业务退出: one business category.
    case business
    /// 资格退出: the vendor's qualification.
    case qualification

    public var name: LocalizedText {
        switch self {
        case .business: LocalizedText(zh: "业务退出", en: "Business-category exit")
        case .qualification: LocalizedText(zh: "资格退出", en: "Qualification exit")
        }
    }

    /// How long an exited vendor may not apply again (D-50): 2 years, a category 1 year.
    public var banYears: Int { self == .qualification ? 2 : 1 }
}

/// The three-level approval of an exit (D-48): the customer service center, then marketing, then the deputy general
/// manager; a rejection at any level closes the case.
public enum ExitStep: String, Sendable, Codable, CaseIterable {
    case opened
    case centerApproved = "center_approved"
    case marketingApproved = "marketing_approved"
    /// The deputy GM approved: the vendor (or its category) has exited.
    case exited
    case rejected

    public var name: LocalizedText {
        switch self {
        case .opened: LocalizedText(zh: "待初审", en: "Awaiting first review")
        case .centerApproved: LocalizedText(zh: "初审通过，待复审", en: "First review passed; awaiting marketing")
        case .marketingApproved: LocalizedText(zh: "复审通过，待终审", en: "Second review passed; awaiting the deputy GM")
        case .exited: LocalizedText(zh: "已退出", en: "Exited")
        case .rejected: LocalizedText(zh: "已驳回", en: "Rejected")
        }
    }

    /// The level that decides at this step (its approvers are configured per organisation).
    public var level: ExitApprovalLevel? {
        switch self {
        case .opened: .center
        case .centerApproved: .marketing
        case .marketingApproved: .deputyManager
        case .exited, .rejected: nil
        }
    }

    /// The step after an approval, or a refusal when the case is closed.
    public func approved() throws(DomainError) -> ExitStep {
        switch self {
        case .opened: return .centerApproved
        case .centerApproved: return .marketingApproved
        case .marketingApproved: return .exited
        case .exited, .rejected:
            throw DomainError(.conflict, code: "exit_closed", zh: "该退出审批已结束（\(name.zh)）", en: "This exit case is closed (\(name.en))")
        }
    }

    public func rejected() throws(DomainError) -> ExitStep {
        guard level != nil else {
            throw DomainError(.conflict, code: "exit_closed", zh: "该退出审批已结束（\(name.zh)）", en: "This exit case is closed (\(name.en))")
        }
        return .rejected
    }
}

/// The three approval levels of D-48; who approves at each is a setting (users named per level).
public enum ExitApprovalLevel: String, Sendable, Codable, CaseIterable {
    /// 初审: 客户服务中心.
    case center
    /// 复审: 市场部.
    case marketing
    /// 终审: 主管副总.
    case deputyManager = "deputy_manager"

    public var name: LocalizedText {
        switch self {
        case .center: LocalizedText(zh: "初审（客户服务中心）", en: "First review (customer service center)")
        case .marketing: LocalizedText(zh: "复审（市场部）", en: "Second review (marketing)")
        case .deputyManager: LocalizedText(zh: "终审（主管副总）", en: "Final review (deputy general manager)")
        }
    }
}

/// May a vendor apply again (D-50)? Not within 2 years of a qualification exit, nor for a category within 1 year of its
/// exit, unless overridden with a reason (原则上: in principle).
public enum ReapplicationBan {
    public static func refusal(exits: [(kind: ExitKind, category: BusinessCategory?, on: LocalDate)], categories: [BusinessCategory],
                               today: LocalDate, override: String?) -> DomainError? {
        if let reason = override?.trimmingWhitespace(), !reason.isEmpty { return nil }
        for exit in exits {
            let until = exit.on.addingMonths(12 * exit.kind.banYears)
            guard today < until else { continue }
            if exit.kind == .qualification {
                return DomainError(.ruleRefused, code: "vendor_banned",
                                   zh: "该外呼公司于 \(exit.on) 资格退出，\(until) 前不受理其资格申请；如确需受理，请填写特批理由",
                                   en: "This vendor's qualification exited on \(exit.on); no application is taken before \(until) unless overridden with a reason")
            }
            if let category = exit.category, categories.contains(category) {
                return DomainError(.ruleRefused, code: "category_banned",
                                   zh: "该外呼公司于 \(exit.on) 退出\(category.name.zh)业务，\(until) 前不受理该类业务申请；如确需受理，请填写特批理由",
                                   en: "This vendor exited \(category.name.en.lowercased()) work on \(exit.on); no application for it before \(until) unless overridden with a reason")
            }
        }
        return nil
    }
}
