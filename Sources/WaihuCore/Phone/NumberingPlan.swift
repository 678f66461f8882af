/// The Chinese numbering plan as Waihu needs it: which mobile prefixes are issued and by which
/// operator, which area codes exist and which subscriber numbers they take. The tables come from
/// libphonenumber's metadata (`NumberingPlan+Generated.swift`, made by
/// `scripts/numbering_plan/generate.py`); the reasons given for a refusal are Waihu's.
public enum NumberingPlan {
    /// What the generated tables cannot say: prefixes issued for satellite service, the segments of the
    /// virtual operators (虚拟运营商; libphonenumber names their host operator), and data-only (物联网)
    /// prefixes, which take no calls and deserve their own reason.
    static let satellitePrefixes: Set<String> = ["1349", "17400", "17401", "17402", "17403", "17404", "17405"]
    static let virtualSegments: Set<String> = ["162", "165", "167", "170", "171"]
    static let dataOnlyPrefixes: Set<String> = ["1410", "1440"]

    /// The entry of the longest listed prefix of `digits`.
    static func longestMatch<Value>(_ digits: String, in table: [String: Value], lengths: ClosedRange<Int>) -> (String, Value)? {
        for length in lengths.reversed() where digits.count >= length {
            let prefix = String(digits.prefix(length))
            if let value = table[prefix] { return (prefix, value) }
        }
        return nil
    }

    /// The three-digit segments the table splits further (134, 161, 170, 174): only their numbers need a
    /// longest-prefix search; every other number is decided by its first three digits (the import's hot path).
    static let refinedSegments: Set<String> = Set(mobilePrefixes.keys.filter { $0.count > 3 }.map { String($0.prefix(3)) })

    /// The operator of an 11-digit mobile number, or why it is not one.
    static func mobileCarrier(_ digits: String) -> Result<Carrier, PhoneRejection> {
        let three = String(digits.prefix(3))
        let entry = refinedSegments.contains(three) ? longestMatch(digits, in: mobilePrefixes, lengths: 3...7)?.1 : mobilePrefixes[three]
        guard let carrier = entry ?? nil else {
            if dataOnlyPrefixes.contains(String(digits.prefix(4))) {
                return .failure(PhoneRejection("data_only_segment", zh: "号段 \(digits.prefix(4)) 为物联网/数据专用，不能通话",
                                               en: "segment \(digits.prefix(4)) is data-only (IoT) and takes no calls"))
            }
            let shown = longestMatch(digits, in: mobilePrefixes, lengths: 3...7)?.0 ?? three
            return .failure(PhoneRejection("unknown_mobile_segment", zh: "手机号段 \(shown) 未分配",
                                           en: "the mobile segment \(shown) is not issued"))
        }
        if refinedSegments.contains(three), satellitePrefixes.contains(where: { digits.hasPrefix($0) }) { return .success(.satellite) }
        return .success(virtualSegments.contains(three) ? .virtual : carrier)
    }

    /// The area code of a national landline (`0` + area code + subscriber number): two digits for
    /// Beijing (10) and 2x, three otherwise.
    static func areaCode(_ body: Substring) -> String? {
        for length in [2, 3] {
            let area = String(body.prefix(length))
            if areaCodes[area] != nil || areaCodesByFirstDigit[area] != nil { return area }
        }
        return nil
    }

    /// Splits a national landline or explains why it is not one.
    static func landline(_ digits: String) -> Result<String, PhoneRejection> {
        let body = digits.dropFirst()
        guard let area = areaCode(body) else {
            let shown = String(body.prefix(body.hasPrefix("1") || body.hasPrefix("2") ? 2 : 3))
            return .failure(PhoneRejection("unknown_area_code", zh: "区号 0\(shown) 不存在", en: "there is no area code 0\(shown)"))
        }
        let subscriber = body.dropFirst(area.count)
        guard let first = subscriber.first else {
            return .failure(PhoneRejection("landline_length", zh: "区号 0\(area) 后缺少号码", en: "no number after the area code 0\(area)"))
        }
        let lengths: [Int]
        if let uniform = areaCodes[area] {
            lengths = uniform
        } else if let byFirst = areaCodesByFirstDigit[area]?[first] {
            lengths = byFirst
        } else {
            return .failure(PhoneRejection("landline_subscriber", zh: "区号 0\(area) 的固定电话号码不能以 \(first) 开头",
                                           en: "a landline in 0\(area) cannot start with \(first)"))
        }
        guard lengths.contains(subscriber.count) else {
            let list = lengths.map(String.init)
            return .failure(PhoneRejection("landline_length", zh: "固定电话 0\(area) 后应为 \(list.joined(separator: "或")) 位号码",
                                           en: "a landline in 0\(area) needs \(list.joined(separator: " or ")) digits after the area code"))
        }
        return .success("0" + area)
    }
}
