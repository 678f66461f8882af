/// An error that explains itself: a stable code for machines, a message for people in
/// both languages, and the kind of failure, which the web layer maps to an HTTP status.
public struct DomainError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The input is malformed (400).
        case badInput
        /// No valid credentials (401).
        case unauthenticated
        /// Authenticated, but the role may not do this (403).
        case forbidden
        /// The object does not exist or lies outside the caller's scope (404).
        case notFound
        /// The object would clash with one already stored (409).
        case conflict
        /// Well-formed, but a business rule refuses it (422).
        case ruleRefused
        /// Too many failed logins for this username from this address, or from this address: wait (429).
        case throttled
    }

    public var kind: Kind
    public var code: String
    public var message: LocalizedText

    public init(_ kind: Kind, code: String, zh: String, en: String) {
        self.kind = kind
        self.code = code
        self.message = LocalizedText(zh: zh, en: en)
    }

    public static func missingField(_ field: String) -> DomainError {
        let label = FieldNames.name(field)
        return DomainError(.badInput, code: "missing_field", zh: "请填写\(label.zh)", en: "The \(label.en) is missing")
    }

    public static func invalidField(_ field: String, zh: String, en: String) -> DomainError {
        let label = FieldNames.name(field)
        return DomainError(.badInput, code: "invalid_field",
                           zh: "\(label.zh)无效：\(zh)", en: "The \(label.en) is invalid: \(en)")
    }

    public static func notFound(_ what: LocalizedText) -> DomainError {
        DomainError(.notFound, code: "not_found",
                    zh: "未找到\(what.zh)", en: "No such \(what.en)")
    }
}
