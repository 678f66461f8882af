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
    /// Masks every run of 7 or more digits in free text (rejected rows, notes), so a number
    /// written in any form never leaves unmasked.
    public static func maskDigitRuns(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            out += run.count >= 7 ? mask(run) : run
            run = ""
        }
        for character in text {
            if character.isASCII, character.isNumber { run.append(character) } else { flush(); out.append(character) }
        }
        flush()
        return out
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
