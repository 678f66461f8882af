import Foundation

/// Who a callback (预约回拨) booked with a disposition is for.
public enum CallbackOwner: String, Sendable, Codable, CaseIterable {
    /// The agent who booked it.
    case own
    /// Any agent of the project.
    case anyone
}

/// One disposition (结果代码) a project's agents may choose at the end of a call, with what it does
/// to the lead: the retry rule (a delay before the next attempt and a maximum number of attempts,
/// 圈数), a callback, and the do-not-call effect.
public struct DispositionRule: Sendable, Codable, Equatable {
    public var code: String
    public var category: DispositionCategory
    public var name_zh: String
    public var name_en: String
    /// Minutes before the lead may be tried again; only for `unreachable` dispositions.
    public var retry_delay_minutes: Int?
    /// Attempts on the lead after which it is finished; only for `unreachable` dispositions.
    public var max_attempts: Int?
    /// A callback time is required, for the agent or for anyone.
    public var callback: CallbackOwner?
    /// The number goes on the do-not-call list at once (`dnc_request`).
    public var adds_to_do_not_call: Bool

    public init(code: String, category: DispositionCategory, name_zh: String, name_en: String,
                retry_delay_minutes: Int? = nil, max_attempts: Int? = nil, callback: CallbackOwner? = nil,
                adds_to_do_not_call: Bool = false) {
        self.code = code
        self.category = category
        self.name_zh = name_zh
        self.name_en = name_en
        self.retry_delay_minutes = retry_delay_minutes
        self.max_attempts = max_attempts
        self.callback = callback
        self.adds_to_do_not_call = adds_to_do_not_call
    }

    public var name: LocalizedText { LocalizedText(zh: name_zh, en: name_en) }

    enum CodingKeys: String, CodingKey {
        case code, category, name_zh, name_en, retry_delay_minutes, max_attempts, callback, adds_to_do_not_call
    }

    /// The do-not-call effect may be left out: off.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try values.decode(String.self, forKey: .code),
                  category: try values.decode(DispositionCategory.self, forKey: .category),
                  name_zh: try values.decode(String.self, forKey: .name_zh), name_en: try values.decode(String.self, forKey: .name_en),
                  retry_delay_minutes: try values.decodeIfPresent(Int.self, forKey: .retry_delay_minutes),
                  max_attempts: try values.decodeIfPresent(Int.self, forKey: .max_attempts),
                  callback: try values.decodeIfPresent(CallbackOwner.self, forKey: .callback),
                  adds_to_do_not_call: try values.decodeIfPresent(Bool.self, forKey: .adds_to_do_not_call) ?? false)
    }
}

/// A project's dispositions: the canonical codes of METRICS.md §1.3 and the project's own codes,
/// each mapped to a category.
public struct DispositionSet: Sendable, Codable, Equatable {
    public var dispositions: [DispositionRule]

    public init(_ dispositions: [DispositionRule]) {
        self.dispositions = dispositions
    }

    public func rule(_ code: String) -> DispositionRule? {
        dispositions.first { $0.code == code }
    }

    /// The disposition a project's agents may choose, or why it is refused.
    public func require(_ code: String) throws(DomainError) -> DispositionRule {
        guard let rule = rule(code) else {
            throw DomainError(.ruleRefused, code: "unknown_disposition",
                              zh: "本项目没有结果代码「\(code)」", en: "This project has no disposition \"\(code)\"")
        }
        return rule
    }
}
