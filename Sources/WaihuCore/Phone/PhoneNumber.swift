/// A telephone number normalised to the Chinese national form (mobile `13812345678`,
/// landline `02161234567`, `4001234567`), with what kind of line it is.
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// 手机
        case mobile
        /// 固定电话: area code + subscriber number
        case landline
        /// 400 business number
        case fourHundred = "400"
        /// 800 toll-free number
        case eightHundred = "800"
    }

    /// Digits only, national form.
    public let digits: String
    public let kind: Kind
    /// For mobiles, the operator the number segment was issued to (not proof: numbers are portable).
    public let carrier: Carrier?
    /// For landlines, the area code with its leading 0 (`010`, `0571`).
    public let areaCode: String?

    public var description: String { digits }

    /// `138****1234`: the middle four digits hidden (seed 003 安全保密 2).
    public var masked: String { PhoneMask.mask(digits) }
}

/// The operator a mobile number segment belongs to (号段归属).
public enum Carrier: String, Sendable, Codable, CaseIterable {
    case chinaMobile = "china_mobile"
    case chinaUnicom = "china_unicom"
    case chinaTelecom = "china_telecom"
    case chinaBroadnet = "china_broadnet"
    /// A virtual operator (虚拟运营商, 170/171/162/165/167 segments).
    case virtual
    case satellite

    public var name: LocalizedText {
        switch self {
        case .chinaMobile: LocalizedText(zh: "中国移动", en: "China Mobile")
        case .chinaUnicom: LocalizedText(zh: "中国联通", en: "China Unicom")
        case .chinaTelecom: LocalizedText(zh: "中国电信", en: "China Telecom")
        case .chinaBroadnet: LocalizedText(zh: "中国广电", en: "China Broadnet")
        case .virtual: LocalizedText(zh: "虚拟运营商", en: "Virtual operator")
        case .satellite: LocalizedText(zh: "卫星电话", en: "Satellite")
        }
    }
}

/// Why a text is not a callable number.
public struct PhoneRejection: Error, Sendable, Equatable {
    /// Always `invalid_number` or `missing_phone`, the import rejection codes.
    public var code: String
    /// The finer reason, e.g. `unknown_mobile_segment`.
    public var detail: String
    public var message: LocalizedText

    init(_ detail: String, zh: String, en: String, code: String = "invalid_number") {
        self.code = code
        self.detail = detail
        self.message = LocalizedText(zh: zh, en: en)
    }
}

/// Masking at the boundary that serialises (DESIGN rule 7).
public enum PhoneMask {
    /// Masks every number of 7 or more digits in free text (rejected rows, notes, answers), so a number
    /// written in any form never leaves unmasked: full-width digits count as digits, and groups of
    /// digits joined by one space or dash (`138 0013 8000`, `+86-138-0013-8000`, `021-61234567`) are one
    /// number, masked in place with its separators kept. A date written `2026-11-30` is left alone.
    public static func maskDigitRuns(_ text: String) -> String {
        let characters = Array(text)
        var out = ""
        var index = 0
        while index < characters.count {
            guard asciiDigit(characters[index]) != nil else {
                out.append(characters[index])
                index += 1
                continue
            }
            let run = digitRun(characters, from: index)
            let piece = characters[index..<run.end]
            if run.digits.count >= 7 && !run.isDate {
                var masked = Array(mask(run.digits)).makeIterator()
                for character in piece { out.append(asciiDigit(character) != nil ? masked.next()! : character) }
            } else {
                out += String(piece)
            }
            index = run.end
        }
        return out
    }

    /// Groups of digits from `start`, joined by single separators; where they end, their digits in
    /// ASCII, and whether they read as a date (4, 1–2 and 1–2 digits joined by dashes).
    private static func digitRun(_ characters: [Character], from start: Int) -> (end: Int, digits: String, isDate: Bool) {
        var digits = ""
        var groups: [Int] = []
        var separators: [Character] = []
        var index = start
        var end = start
        while index < characters.count {
            var group = 0
            while index < characters.count, let digit = asciiDigit(characters[index]) {
                digits.append(digit)
                group += 1
                index += 1
            }
            groups.append(group)
            end = index
            // A date ends the number: `2026-11-30 10:00` is a date and a time, not ten digits.
            if isDate(groups, separators) { break }
            guard index + 1 < characters.count, numberSeparators.contains(characters[index]),
                  asciiDigit(characters[index + 1]) != nil else { break }
            separators.append(characters[index])
            index += 1
        }
        return (end, digits, isDate(groups, separators))
    }

    /// 4, 1–2 and 1–2 digits joined by dashes.
    private static func isDate(_ groups: [Int], _ separators: [Character]) -> Bool {
        groups.count == 3 && groups[0] == 4 && (1...2).contains(groups[1]) && (1...2).contains(groups[2])
            && separators.allSatisfy { $0 == "-" || $0 == "－" }
    }

    private static let numberSeparators: Set<Character> = [" ", "-", "\u{00A0}", "\u{3000}", "－"]

    /// The ASCII digit of `0`–`9` or of a full-width `０`–`９`.
    private static func asciiDigit(_ character: Character) -> Character? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        if ("0"..."9").contains(scalar) { return character }
        if (0xFF10...0xFF19).contains(scalar.value) { return Character(Unicode.Scalar(scalar.value - 0xFF10 + 48)!) }
        return nil
    }

    /// Hides four digits before the last four (`138****1234`, `0571****5678`); a 10-digit
    /// number keeps three at each end (`400****567`); a subscriber number of 7–9 digits shows
    /// its last four; anything shorter shows its last two only.
    public static func mask(_ text: String) -> String {
        let characters = Array(text)
        let n = characters.count
        if n >= 11 {
            return String(characters[0..<(n - 8)]) + "****" + String(characters[(n - 4)...])
        }
        if n == 10 {
            return String(characters[0..<3]) + "****" + String(characters[7...])
        }
        if n >= 8 {
            return String(characters[0..<(n - 8)]) + "****" + String(characters[(n - 4)...])
        }
        if n == 7 { return "***" + String(characters[3...]) }
        if n <= 2 { return String(repeating: "*", count: n) }
        return String(repeating: "*", count: n - 2) + String(characters[(n - 2)...])
    }
}
