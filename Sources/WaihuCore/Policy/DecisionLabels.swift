/// What a person reads for the codes of the decision log: the rule version (`org:3,project:7`) and the
/// moment the rules were applied (`check`, `reserve`, `dial`). An unknown code reads as itself.
public enum DecisionLabels {
    /// `org:3,project:7` → 组织规则第 3 版 + 项目规则第 7 版; version 0 is the built-in defaults.
    public static func ruleVersion(_ code: String) -> LocalizedText {
        var zh: [String] = [], en: [String] = []
        for part in code.split(separator: ",") {
            let pieces = part.split(separator: ":")
            guard pieces.count == 2, let number = Int(pieces[1]) else { return LocalizedText(zh: code, en: code) }
            switch (pieces[0], number) {
            case ("org", 0): zh.append("内置默认规则"); en.append("built-in defaults")
            case ("org", _): zh.append("组织规则第 \(number) 版"); en.append("organisation rules v\(number)")
            case ("project", _): zh.append("项目规则第 \(number) 版"); en.append("project rules v\(number)")
            default: return LocalizedText(zh: code, en: code)
            }
        }
        return LocalizedText(zh: zh.joined(separator: " + "), en: en.joined(separator: " + "))
    }

    public static func context(_ code: String) -> LocalizedText {
        switch code {
        case "check": LocalizedText(zh: "人工核查", en: "Checked by hand")
        case "reserve": LocalizedText(zh: "取数时", en: "When taken")
        case "dial": LocalizedText(zh: "拨号前", en: "Before dialling")
        default: LocalizedText(zh: code, en: code)
        }
    }
}

extension DispositionCategory {
    /// The category's name (METRICS.md §1.3).
    public var name: LocalizedText {
        switch self {
        case .success: LocalizedText(zh: "成功", en: "Success")
        case .completed: LocalizedText(zh: "完成（非成功）", en: "Completed")
        case .refused: LocalizedText(zh: "拒绝", en: "Refused")
        case .unreachable: LocalizedText(zh: "未接通", en: "Unreachable")
        case .invalid: LocalizedText(zh: "无效", en: "Invalid")
        }
    }
}
