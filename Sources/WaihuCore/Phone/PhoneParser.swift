/// Reads a phone number as people write it and returns it normalised and classified,
/// or the reason it cannot be called.
public enum PhoneParser {
    /// Accepts `+86`, `0086`, `86` before an 11-digit mobile, spaces, dashes, dots,
    /// parentheses and full-width digits.
    public static func parse(_ text: String) -> Result<PhoneNumber, PhoneRejection> {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            return .failure(PhoneRejection("empty", zh: "号码为空", en: "the number is empty", code: "missing_phone"))
        }
        var digits = ""
        var plus = false
        for scalar in trimmed.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits.unicodeScalars.append(scalar)
            case 0xFF10...0xFF19: digits.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0x2B, 0xFF0B: // + ＋
                guard digits.isEmpty, !plus else { return .failure(stray(scalar)) }
                plus = true
            case 0x20, 0x3000, 0x2D, 0xFF0D, 0x2010...0x2014, 0x2E, 0x28, 0x29, 0xFF08, 0xFF09, 0x09:
                continue
            default:
                return .failure(stray(scalar))
            }
        }
        guard let national = nationalDigits(digits, hadPlus: plus) else {
            return .failure(PhoneRejection("foreign_number", zh: "不是中国大陆号码（国家码不是 86）", en: "not a mainland China number (country code is not 86)"))
        }
        return classify(national)
    }

    /// The normalised digits of a number given in a request or a form, or an error naming the field.
    public static func normalised(_ text: String, field: String = "phone") throws(DomainError) -> String {
        switch parse(text) {
        case .success(let number): return number.digits
        case .failure(let rejection): throw DomainError.invalidField(field, zh: rejection.message.zh, en: rejection.message.en)
        }
    }

    /// Strips the country code: `+86`, `0086`, or `86` before 11 mobile digits. After a
    /// country code a landline is written without its trunk 0 (`+86 21 …` → `021…`).
    static func nationalDigits(_ digits: String, hadPlus: Bool) -> String? {
        var rest = Substring(digits)
        var international = false
        if hadPlus {
            guard rest.hasPrefix("86") else { return nil }
            rest = rest.dropFirst(2)
            international = true
        } else if rest.hasPrefix("0086") {
            rest = rest.dropFirst(4)
            international = true
        } else if rest.hasPrefix("00") {
            return nil
        } else if rest.count == 13, rest.hasPrefix("861") {
            rest = rest.dropFirst(2)
        }
        if international, let first = rest.first, first != "0", first != "1",
           !rest.hasPrefix("400"), !rest.hasPrefix("800") {
            return "0" + rest
        }
        return String(rest)
    }

    static func classify(_ digits: String) -> Result<PhoneNumber, PhoneRejection> {
        if digits.hasPrefix("1") {
            guard digits.count == 11 else {
                return .failure(PhoneRejection("mobile_length", zh: "手机号应为 11 位，实为 \(digits.count) 位",
                                               en: "a mobile number has 11 digits, this one \(digits.count)"))
            }
            return NumberingPlan.mobileCarrier(digits).map {
                PhoneNumber(digits: digits, kind: .mobile, carrier: $0, areaCode: nil)
            }
        }
        if digits.hasPrefix("400") || digits.hasPrefix("800") {
            guard digits.count == 10 else {
                return .failure(PhoneRejection("service_length", zh: "\(digits.prefix(3)) 号码应为 10 位", en: "a \(digits.prefix(3)) number has 10 digits"))
            }
            return .success(PhoneNumber(digits: digits, kind: digits.hasPrefix("400") ? .fourHundred : .eightHundred,
                                        carrier: nil, areaCode: nil))
        }
        if digits.hasPrefix("0") {
            return NumberingPlan.landline(digits).map {
                PhoneNumber(digits: digits, kind: .landline, carrier: nil, areaCode: $0)
            }
        }
        if (7...8).contains(digits.count) {
            return .failure(PhoneRejection("missing_area_code", zh: "固定电话缺少区号", en: "the landline lacks its area code"))
        }
        return .failure(PhoneRejection("unrecognised", zh: "无法识别的号码", en: "not a recognisable number"))
    }

    static func stray(_ scalar: Unicode.Scalar) -> PhoneRejection {
        PhoneRejection("stray_character", zh: "号码含有无效字符“\(Character(scalar))”",
                       en: "the number contains the character '\(Character(scalar))'")
    }
}
