import Foundation

/// Validated fields of a new or changed project.
public enum ProjectFields {
    /// 项目编号: letters, digits, `-` and `_`, 1–32 characters.
    public static func validateCode(_ code: String) throws(DomainError) -> String {
        let value = code.trimmingWhitespace()
        let allowed = value.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
        guard !value.isEmpty, value.count <= 32, allowed else {
            throw .invalidField("code", zh: "项目编号须为 1–32 位字母、数字、- 或 _", en: "the code must be 1–32 letters, digits, - or _")
        }
        return value
    }

    public static func validateName(_ name: String, field: String = "name") throws(DomainError) -> String {
        let value = name.trimmingWhitespace()
        guard !value.isEmpty, value.count <= 100 else {
            throw .invalidField(field, zh: "名称不能为空且不超过 100 字", en: "the name must be 1–100 characters")
        }
        return value
    }

    public static func validateTarget(_ target: Int?) throws(DomainError) -> Int? {
        if let target, target < 0 {
            throw .invalidField("target", zh: "目标不能为负数", en: "the target cannot be negative")
        }
        return target
    }

    /// An IANA time zone such as `Asia/Shanghai`.
    public static func validateTimeZone(_ identifier: String) throws(DomainError) -> String {
        guard TimeZone(identifier: identifier) != nil else {
            throw .invalidField("time_zone", zh: "未知时区“\(identifier)”，例如 Asia/Shanghai",
                                en: "unknown time zone '\(identifier)', e.g. Asia/Shanghai")
        }
        return identifier
    }
}

/// Validated fields of a user account.
public enum UserFields {
    /// Letters, digits, `.`, `-`, `_`; 2–40 characters.
    public static func validateUsername(_ username: String) throws(DomainError) -> String {
        let value = username.trimmingWhitespace()
        let allowed = value.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        guard (2...40).contains(value.count), allowed else {
            throw .invalidField("username", zh: "用户名须为 2–40 位字母、数字、.、- 或 _", en: "the username must be 2–40 letters, digits, ., - or _")
        }
        return value
    }
}

/// The organisation's defaults.
public enum OrganisationDefaults {
    public static let timeZone = "Asia/Shanghai"
}
