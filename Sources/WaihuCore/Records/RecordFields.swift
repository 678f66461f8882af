import Foundation

/// One row of a record file read by column name, each value checked with a reason when it is wrong.
public struct RecordFields {
    let map: HeaderMap
    let fields: [String]

    public init(map: HeaderMap, fields: [String]) {
        self.map = map
        self.fields = fields
    }

    public func text(_ column: String) -> String? { map.value(column, in: fields) }

    public func required(_ column: String) throws(DomainError) -> String {
        guard let value = text(column) else { throw DomainError.missingField(column) }
        return value
    }

    /// A whole number of at least 0 (seconds); empty is 0.
    public func seconds(_ column: String) throws(DomainError) -> Int {
        guard let value = text(column) else { return 0 }
        guard let number = Int(value), number >= 0 else {
            throw DomainError.invalidField(column, zh: "须为不小于 0 的整数秒，不是「\(value)」",
                                           en: "a whole number of seconds, 0 or more, not \"\(value)\"")
        }
        return number
    }

    public func time(_ column: String) throws(DomainError) -> Date {
        try ISOTimestamp.parse(try required(column), field: column)
    }

    public func optionalTime(_ column: String) throws(DomainError) -> Date? {
        guard let value = text(column) else { return nil }
        return try ISOTimestamp.parse(value, field: column)
    }

    /// true/false, 1/0, yes/no, 是/否.
    public func flag(_ column: String) throws(DomainError) -> Bool {
        let value = try required(column)
        switch value.lowercased() {
        case "true", "1", "yes", "y", "是": return true
        case "false", "0", "no", "n", "否": return false
        default:
            throw DomainError.invalidField(column, zh: "须为 true 或 false，不是「\(value)」", en: "true or false, not \"\(value)\"")
        }
    }

    public func date(_ column: String) throws(DomainError) -> LocalDate {
        try LocalDate.parse(try required(column), field: column)
    }

    /// An amount of money with at most two decimals, in cents.
    public func cents(_ column: String) throws(DomainError) -> Int {
        try Fen.parse(try required(column), field: column)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
