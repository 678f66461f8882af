import Foundation

extension DispositionSet {
    /// The set a project starts from: every canonical code of METRICS.md §1.3. Not-reached codes
    /// are retried — soon after an abandoned call or a busy line, later after no answer or a phone
    /// switched off — at most five attempts (五圈) per lead; `dnc_request` lists the number.
    public static let standard = DispositionSet([
        DispositionRule(code: "success", category: .success, name_zh: "成功", name_en: "Success"),
        DispositionRule(code: "completed", category: .completed, name_zh: "完成问卷", name_en: "Questionnaire completed"),
        DispositionRule(code: "refused", category: .refused, name_zh: "拒访", name_en: "Refused"),
        DispositionRule(code: "broke_off", category: .refused, name_zh: "中途拒绝", name_en: "Broke off"),
        DispositionRule(code: "dnc_request", category: .refused, name_zh: "要求不再来电", name_en: "Asked not to be called",
                        adds_to_do_not_call: true),
        DispositionRule(code: "busy", category: .unreachable, name_zh: "忙音", name_en: "Busy",
                        retry_delay_minutes: 30, max_attempts: 5),
        DispositionRule(code: "no_answer", category: .unreachable, name_zh: "无人接听", name_en: "No answer",
                        retry_delay_minutes: 120, max_attempts: 5),
        DispositionRule(code: "forwarded", category: .unreachable, name_zh: "呼叫转移", name_en: "Forwarded",
                        retry_delay_minutes: 120, max_attempts: 5),
        DispositionRule(code: "callback", category: .unreachable, name_zh: "预约回拨", name_en: "Callback",
                        max_attempts: 5, callback: .own),
        DispositionRule(code: "powered_off", category: .unreachable, name_zh: "关机", name_en: "Powered off",
                        retry_delay_minutes: 240, max_attempts: 5),
        DispositionRule(code: "abandoned", category: .unreachable, name_zh: "呼损放弃", name_en: "Abandoned",
                        retry_delay_minutes: 10, max_attempts: 5),
        DispositionRule(code: "answering_machine", category: .unreachable, name_zh: "语音信箱", name_en: "Answering machine",
                        retry_delay_minutes: 240, max_attempts: 5),
        DispositionRule(code: "not_target", category: .invalid, name_zh: "非目标客户", name_en: "Not a target customer"),
        DispositionRule(code: "vacant", category: .invalid, name_zh: "空号", name_en: "Vacant number"),
        DispositionRule(code: "suspended", category: .invalid, name_zh: "停机", name_en: "Suspended"),
        DispositionRule(code: "wrong_number", category: .invalid, name_zh: "错号", name_en: "Wrong number"),
        DispositionRule(code: "no_such_person", category: .invalid, name_zh: "查无此人", name_en: "No such person"),
        DispositionRule(code: "company_closed", category: .invalid, name_zh: "单位已撤销", name_en: "Company closed"),
        DispositionRule(code: "incomplete", category: .invalid, name_zh: "资料不全", name_en: "Incomplete data"),
        DispositionRule(code: "roaming", category: .invalid, name_zh: "漫游", name_en: "Roaming"),
    ])

    /// Longest retry delay a disposition may set: 30 days.
    public static let maximumRetryDelayMinutes = 30 * 24 * 60
    /// Most attempts a disposition may allow on one lead.
    public static let maximumAttempts = 50

    /// Checks a set a manager wrote: codes well-formed and unique, every canonical code kept in its
    /// category (the metrics rely on them), retry rules and callbacks only on not-reached codes, the
    /// do-not-call effect only on refusals. Every problem is reported, each naming its code.
    public func validated() throws(DomainError) -> DispositionSet {
        var problems: [LocalizedText] = []
        var seen = Set<String>()
        for rule in dispositions {
            problems += Self.problems(of: rule)
            if !seen.insert(rule.code).inserted {
                problems.append(LocalizedText(zh: "「\(rule.code)」重复", en: "\"\(rule.code)\" appears twice"))
            }
            if let canonical = DispositionCategory.of(rule.code), canonical != rule.category {
                problems.append(LocalizedText(zh: "「\(rule.code)」属于类别“\(canonical.name.zh)”，不能改为“\(rule.category.name.zh)”",
                                              en: "\"\(rule.code)\" belongs to \(canonical.name.en) and cannot be moved to \(rule.category.name.en)"))
            }
        }
        let missing = DispositionSet.standard.dispositions.map(\.code).filter { !seen.contains($0) }
        if !missing.isEmpty {
            problems.append(LocalizedText(zh: "缺少标准结果代码：\(missing.joined(separator: "、"))",
                                          en: "Standard dispositions missing: \(missing.joined(separator: ", "))"))
        }
        guard problems.isEmpty else {
            throw DomainError(.badInput, code: "invalid_dispositions",
                              zh: "结果代码设置有误：" + problems.map(\.zh).joined(separator: "；"),
                              en: "The dispositions are not valid: " + problems.map(\.en).joined(separator: "; "))
        }
        return self
    }

    static func problems(of rule: DispositionRule) -> [LocalizedText] {
        var problems: [LocalizedText] = []
        let code = rule.code
        let wellFormed = !code.isEmpty && code.count <= 40
            && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        if !wellFormed {
            problems.append(LocalizedText(zh: "代码「\(code)」只能用小写字母、数字和下划线（最多 40 个）",
                                          en: "The code \"\(code)\" may use lower-case letters, digits and _ only (up to 40)"))
        }
        if rule.name_zh.trimmingWhitespace().isEmpty || rule.name_en.trimmingWhitespace().isEmpty {
            problems.append(LocalizedText(zh: "「\(code)」缺少中文或英文名称", en: "\"\(code)\" needs a Chinese and an English name"))
        }
        let retries = rule.retry_delay_minutes != nil || rule.max_attempts != nil || rule.callback != nil
        if retries && rule.category != .unreachable {
            problems.append(LocalizedText(zh: "「\(code)」不是未接通类，不能设置重拨或预约",
                                          en: "\"\(code)\" is not a not-reached disposition: no retry or callback"))
        }
        if let delay = rule.retry_delay_minutes, !(0...maximumRetryDelayMinutes).contains(delay) {
            problems.append(LocalizedText(zh: "「\(code)」的重拨间隔须在 0 到 \(maximumRetryDelayMinutes) 分钟之间",
                                          en: "The retry delay of \"\(code)\" must be 0 to \(maximumRetryDelayMinutes) minutes"))
        }
        if let attempts = rule.max_attempts, !(1...maximumAttempts).contains(attempts) {
            problems.append(LocalizedText(zh: "「\(code)」的最多拨打次数须在 1 到 \(maximumAttempts) 之间",
                                          en: "The maximum attempts of \"\(code)\" must be 1 to \(maximumAttempts)"))
        }
        if rule.adds_to_do_not_call && rule.category != .refused {
            problems.append(LocalizedText(zh: "只有拒绝类结果代码能把号码列入禁止呼叫名单",
                                          en: "Only a refusal can put the number on the do-not-call list (\"\(code)\")"))
        }
        return problems
    }
}
