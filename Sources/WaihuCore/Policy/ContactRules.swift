import Foundation

/// What counts as a call for the caps (SPEC.md §2).
public enum CallCounting: String, Sendable, Codable, CaseIterable {
    /// Calls with talk time (the default).
    case connected
    /// Every dial attempt.
    case attempts
}

/// How the yearly cap counts a year.
public enum CapYear: String, Sendable, Codable, CaseIterable {
    /// The calendar year of the call, in the customer's local time.
    case calendar
    /// The 365 days before the call.
    case rolling
}

/// The contact rules (呼叫频次与禁止呼叫规则) of an organisation, or of a project that overrides
/// some of them. Defaults are those of SPEC.md §2 (seed 003 数据管理 3, 第三十七条).
public struct ContactRules: Sendable, Equatable, Codable {
    /// Calls to one customer per calendar month.
    public var monthlyCap = 2
    /// After the monthly cap is reached: no call for this many months after the last counted call.
    public var cooldownMonths = 3
    /// Calls to one customer per year.
    public var yearlyCap = 30
    public var capYear = CapYear.calendar
    /// The same product to the same customer: at least this many months between calls.
    public var productIntervalMonths = 1
    /// The same product refused this many times: never offered again.
    public var productRefusalLimit = 3
    /// 09:00–21:00 every day; no calls on the statutory public holidays Waihu ships (editable).
    public var schedule = CallingSchedule.statutory
    public var counting = CallCounting.connected

    public init() {}

    enum CodingKeys: String, CodingKey {
        case monthlyCap = "monthly_cap", cooldownMonths = "cooldown_months", yearlyCap = "yearly_cap", capYear = "cap_year"
        case productIntervalMonths = "product_interval_months", productRefusalLimit = "product_refusal_limit"
        case schedule, counting
    }

    /// Refuses values that make no sense, saying which.
    public func validated() throws(DomainError) -> ContactRules {
        func positive(_ value: Int, _ field: String) throws(DomainError) {
            guard value >= 1 else {
                throw DomainError.invalidField(field, zh: "须为正整数", en: "must be a positive whole number")
            }
        }
        try positive(monthlyCap, "monthly_cap")
        try positive(yearlyCap, "yearly_cap")
        try positive(productRefusalLimit, "product_refusal_limit")
        guard cooldownMonths >= 0, productIntervalMonths >= 0 else {
            throw DomainError.invalidField("cooldown_months", zh: "月数不能为负", en: "months cannot be negative")
        }
        guard schedule.weekdays.count == 7 else {
            throw DomainError.invalidField("windows", zh: "须给出周一至周日 7 天的时段", en: "give the windows of all 7 weekdays")
        }
        return self
    }
}

/// A project's changes to the organisation's rules: only the fields it sets.
public struct ContactRuleOverrides: Sendable, Equatable, Codable {
    public var monthlyCap: Int?
    public var cooldownMonths: Int?
    public var yearlyCap: Int?
    public var capYear: CapYear?
    public var productIntervalMonths: Int?
    public var productRefusalLimit: Int?
    public var schedule: CallingSchedule?
    public var counting: CallCounting?

    public init() {}

    typealias CodingKeys = ContactRules.CodingKeys

    /// Refuses values that make no sense, the same way as for the organisation's rules.
    public func validated() throws(DomainError) -> ContactRuleOverrides {
        _ = try applied(to: ContactRules()).validated()
        return self
    }

    /// The organisation's rules with this project's changes.
    public func applied(to base: ContactRules) -> ContactRules {
        var rules = base
        if let monthlyCap { rules.monthlyCap = monthlyCap }
        if let cooldownMonths { rules.cooldownMonths = cooldownMonths }
        if let yearlyCap { rules.yearlyCap = yearlyCap }
        if let capYear { rules.capYear = capYear }
        if let productIntervalMonths { rules.productIntervalMonths = productIntervalMonths }
        if let productRefusalLimit { rules.productRefusalLimit = productRefusalLimit }
        if let schedule { rules.schedule = schedule }
        if let counting { rules.counting = counting }
        return rules
    }
}
