import Foundation

/// Money in whole fen (分): settlement adds and multiplies integers only, so that a statement's total is exact.
public enum Fen {
    /// "12", "12.5" or "12.50" yuan (a leading minus allowed when `signed`) as fen; anything else refused.
    public static func parse(_ text: String, field: String, signed: Bool = false) throws(DomainError) -> Int {
        var raw = text.trimmingWhitespace()
        var sign = 1
        if signed, raw.hasPrefix("-") { sign = -1; raw.removeFirst() }
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard (1 ... 2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 12, parts[0].allSatisfy(\.isASCIIDigit),
              parts.count == 1 || (1 ... 2).contains(parts[1].count) && parts[1].allSatisfy(\.isASCIIDigit),
              let yuan = Int(parts[0]) else {
            throw DomainError.invalidField(field, zh: "金额须为\(signed ? "" : "不小于 0、")最多两位小数的元数，如 12.50，不是「\(text)」",
                                           en: "an amount is yuan\(signed ? "" : " of 0 or more") with at most two decimals, like 12.50, not \"\(text)\"")
        }
        let cents = parts.count == 2 ? Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0
        return sign * (yuan * 100 + cents)
    }

    /// Fen written as yuan with two decimals: 123456 → "1234.56", -5 → "-0.05".
    public static func yuan(_ fen: Int) -> String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    /// A rate in basis points (万分之一) of an amount in fen, rounded half up to the fen.
    public static func share(_ fen: Int, basisPoints: Int) -> Int {
        let product = fen * basisPoints
        return product >= 0 ? (product + 5_000) / 10_000 : -((-product + 5_000) / 10_000)
    }
}
