/// The kinds of outbound project of SPEC.md §3.
public enum ProjectType: String, Sendable, CaseIterable, Codable {
    /// 电话营销
    case marketing
    /// 满意度调查
    case satisfactionSurvey = "satisfaction_survey"
    /// 客户回访
    case returnVisit = "return_visit"
    /// 数据核实
    case dataVerification = "data_verification"
    /// 问卷调查
    case questionnaire
    /// 会议邀约
    case meetingInvitation = "meeting_invitation"
    /// VIP 关怀
    case vipCare = "vip_care"
    /// 客户挽留
    case retention

    public var name: LocalizedText {
        switch self {
        case .marketing: LocalizedText(zh: "电话营销", en: "Telemarketing")
        case .satisfactionSurvey: LocalizedText(zh: "满意度调查", en: "Satisfaction survey")
        case .returnVisit: LocalizedText(zh: "客户回访", en: "Customer return visit")
        case .dataVerification: LocalizedText(zh: "数据核实", en: "Data verification")
        case .questionnaire: LocalizedText(zh: "问卷调查", en: "Questionnaire")
        case .meetingInvitation: LocalizedText(zh: "会议邀约", en: "Meeting invitation")
        case .vipCare: LocalizedText(zh: "VIP 关怀", en: "VIP care")
        case .retention: LocalizedText(zh: "客户挽留", en: "Retention")
        }
    }

    public static func parse(_ raw: String) throws(DomainError) -> ProjectType {
        guard let type = ProjectType(rawValue: raw.trimmingWhitespace().lowercased()) else {
            let known = ProjectType.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidField("type", zh: "未知项目类型“\(raw)”，可选：\(known)",
                                en: "unknown project type '\(raw)'; expected one of \(known)")
        }
        return type
    }
}
