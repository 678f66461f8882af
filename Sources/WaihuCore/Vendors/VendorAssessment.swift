import Foundation

/// Where a vendor's fault (过错) was found (RULES D.8, D.9 [I]): what counts toward its grade.
public enum VendorFaultSource: String, Sendable, Codable, CaseIterable {
    case numberAudit = "number_audit"
    case recordingCheck = "recording_check"
    case successVerification = "success_verification"
    case complaint
    case finding
    case manual

    public var name: LocalizedText {
        switch self {
        case .numberAudit: LocalizedText(zh: "号码稽核", en: "Number audit")
        case .recordingCheck: LocalizedText(zh: "录音检查", en: "Recording check")
        case .successVerification: LocalizedText(zh: "成功量核实", en: "Success verification")
        case .complaint: LocalizedText(zh: "有效投诉", en: "Valid complaint")
        case .finding: LocalizedText(zh: "质检发现", en: "QA finding")
        case .manual: LocalizedText(zh: "人工记录", en: "Recorded by hand")
        }
    }
}

/// Why an exit case is opened (RULES D.8, D.11).
public enum ExitTrigger: String, Sendable, Codable, CaseIterable {
    /// 累计三次警告 (D-37).
    case threeWarnings = "three_warnings"
    /// 一次整改超过两周 (D-37).
    case lateRectification = "late_rectification"
    /// 经营其他运营商产品 (D-38): the veto.
    case veto
    /// 年度资格验证不合格 (D-23).
    case annualVerification = "annual_verification"
    /// 所有业务类别都已退出 (D-47): the qualification follows.
    case allCategoriesExited = "all_categories_exited"
    /// Opened by a manager for another reason.
    case manual

    public var name: LocalizedText {
        switch self {
        case .threeWarnings: LocalizedText(zh: "累计三次警告", en: "Three warnings")
        case .lateRectification: LocalizedText(zh: "整改超过两周", en: "A rectification over two weeks")
        case .veto: LocalizedText(zh: "经营其他运营商业务（一票否决）", en: "Selling another operator's products (veto)")
        case .annualVerification: LocalizedText(zh: "年度资格验证不合格", en: "Failed the annual verification")
        case .allCategoriesExited: LocalizedText(zh: "全部业务类别均已退出", en: "Every business category exited")
        case .manual: LocalizedText(zh: "其他原因", en: "Other reason")
        }
    }
}

/// The assessment rules of RULES D.8: warnings, rectifications and what opens an exit case.
public enum VendorAssessment {
    /// A rectification's default deadline: two weeks (D-37).
    public static let rectificationDays = 14
    /// Warnings in total that open an exit case (累计, over the vendor's whole cooperation, D-37 [I]).
    public static let warningsToExit = 3

    /// Has a rectification run longer than its two weeks: closed after, or still open past, opened + 14 days?
    public static func isLate(openedOn: LocalDate, closedOn: LocalDate?, today: LocalDate, days: Int = rectificationDays) -> Bool {
        let end = closedOn ?? today
        return LocalTime.days(from: end) - LocalTime.days(from: openedOn) > days
    }

    /// The triggers a vendor's record now gives, without those an open or decided case already carries.
    public static func exitTriggers(warnings: Int, lateRectifications: Int, vetoFindings: Int,
                                    alreadyOpened: Set<ExitTrigger>) -> [ExitTrigger] {
        var triggers: [ExitTrigger] = []
        if warnings >= warningsToExit { triggers.append(.threeWarnings) }
        if lateRectifications > 0 { triggers.append(.lateRectification) }
        if vetoFindings > 0 { triggers.append(.veto) }
        return triggers.filter { !alreadyOpened.contains($0) }
    }
}
