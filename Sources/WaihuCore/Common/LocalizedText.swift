/// A message in the two languages Waihu speaks: Chinese (zh-CN, the default) and English.
public struct LocalizedText: Sendable, Equatable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in the given language.
    public func text(_ language: Language) -> String {
        language == .en ? en : zh
    }
}

/// The languages of the product. Chinese is the default.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh
    case en

    /// Picks a language from an HTTP `Accept-Language` header; Chinese when nothing matches.
    public static func preferred(acceptLanguage header: String?) -> Language {
        guard let header, !header.isEmpty else { return .zh }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingWhitespace() }
            guard let tag = pieces.first, !tag.isEmpty else { return nil }
            var quality = 1.0
            for piece in pieces.dropFirst() where piece.hasPrefix("q=") {
                quality = Double(piece.dropFirst(2)) ?? 0
            }
            return (tag.lowercased(), quality)
        }
        .sorted { $0.1 > $1.1 }
        for (tag, quality) in ranked where quality > 0 {
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .zh
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    public func trimmingWhitespace() -> String {
        // The common case, a field that starts and ends with a visible ASCII character, costs two byte reads.
        let text = String(self)
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return text
        }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
