extension CaseIterable where Self: RawRepresentable, Self.RawValue == String {
    /// A value given in a file or form by its code or its Chinese name, or why it is none.
    static func parseNamed(_ text: String, field: String, names: (Self) -> LocalizedText, what: LocalizedText) throws(DomainError) -> Self {
        let key = text.trimmingWhitespace()
        if let value = Self(rawValue: key.lowercased()) ?? allCases.first(where: { names($0).zh == key }) { return value }
        let known = allCases.map(\.rawValue).joined(separator: ", ")
        throw DomainError.invalidField(field, zh: "不认识的\(what.zh)「\(text)」，可用：\(known)", en: "unknown \(what.en) \"\(text)\"; use one of \(known)")
    }
}
