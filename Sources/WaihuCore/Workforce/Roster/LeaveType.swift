/// Why an agent is not scheduled on a day of the roster (seed 004 三·2.2: rest days, holidays and
/// leave are not scheduled hours; seed 000 三·1.5 adds personal and sick leave).
public enum LeaveType: String, Sendable, Codable, CaseIterable {
    case annual
    case sick
    case maternity
    case nursing
    case bereavement
    case marriage
    /// 补休 — compensatory rest for overtime worked.
    case compensatory_rest
    /// 事假 — unpaid personal leave.
    case personal

    public var name: LocalizedText {
        switch self {
        case .annual: LocalizedText(zh: "年假", en: "Annual leave")
        case .sick: LocalizedText(zh: "病假", en: "Sick leave")
        case .maternity: LocalizedText(zh: "产假", en: "Maternity leave")
        case .nursing: LocalizedText(zh: "哺乳假", en: "Nursing leave")
        case .bereavement: LocalizedText(zh: "丧假", en: "Bereavement leave")
        case .marriage: LocalizedText(zh: "婚假", en: "Marriage leave")
        case .compensatory_rest: LocalizedText(zh: "补休", en: "Compensatory rest")
        case .personal: LocalizedText(zh: "事假", en: "Personal leave")
        }
    }

    /// A leave type given in a file or a form, or why it is not one.
    public static func parse(_ text: String, field: String = "leave") throws(DomainError) -> LeaveType {
        let key = text.trimmingWhitespace().lowercased()
        if let type = LeaveType(rawValue: key) ?? allCases.first(where: { $0.name.zh == key }) { return type }
        let known = allCases.map(\.rawValue).joined(separator: ", ")
        throw DomainError.invalidField(field, zh: "排班不认识的假别「\(text)」，可用：\(known)",
                                       en: "the roster knows no leave type \"\(text)\"; use one of \(known)")
    }
}
