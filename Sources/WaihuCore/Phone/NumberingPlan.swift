/// The Chinese numbering plan as Waihu needs it: issued mobile segments with their operator,
/// and the shape of landline, 400 and 800 numbers.
public enum NumberingPlan {
    /// Three-digit mobile segments (号段) issued for voice service.
    static let mobileSegments: [String: Carrier] = {
        var table: [String: Carrier] = [:]
        let mobile = ["134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159",
                      "172", "178", "182", "183", "184", "187", "188", "195", "197", "198"]
        let unicom = ["130", "131", "132", "145", "155", "156", "166", "175", "176", "185", "186", "196"]
        let telecom = ["133", "149", "153", "173", "177", "180", "181", "189", "190", "191", "193", "199"]
        for s in mobile { table[s] = .chinaMobile }
        for s in unicom { table[s] = .chinaUnicom }
        for s in telecom { table[s] = .chinaTelecom }
        table["192"] = .chinaBroadnet
        for s in ["162", "165", "167", "170", "171"] { table[s] = .virtual }
        return table
    }()

    /// Four-digit prefixes that differ from their three-digit segment.
    static let mobileSubsegments: [String: Carrier?] = [
        "1349": .satellite,      // 134-9 was never China Mobile's: satellite service
        "1740": .satellite,      // 1740-0…05 satellite; the rest of 174 is unassigned for voice
        "1410": nil, "1440": nil, // data-only (物联网) segments: not callable
    ]

    /// Two-digit area codes (after the leading 0): Beijing 10 and 20–29 but 26.
    static let twoDigitAreaCodes: Set<String> = ["10", "20", "21", "22", "23", "24", "25", "27", "28", "29"]

    /// The operator of an 11-digit mobile number, or why it is not one.
    static func mobileCarrier(_ digits: String) -> Result<Carrier, PhoneRejection> {
        let four = String(digits.prefix(4))
        if let special = mobileSubsegments[four] {
            if let carrier = special { return .success(carrier) }
            return .failure(PhoneRejection("data_only_segment", zh: "号段 \(four) 为物联网/数据专用，不能通话",
                                           en: "segment \(four) is data-only (IoT) and takes no calls"))
        }
        let three = String(digits.prefix(3))
        if three == "174" {
            return .failure(PhoneRejection("unknown_mobile_segment", zh: "号段 174 仅部分用于卫星电话", en: "segment 174 is only partly issued (satellite)"))
        }
        guard let carrier = mobileSegments[three] else {
            return .failure(PhoneRejection("unknown_mobile_segment", zh: "手机号段 \(three) 未分配",
                                           en: "the mobile segment \(three) is not issued"))
        }
        return .success(carrier)
    }

    /// Splits a national landline (`0` + area code + subscriber number) or explains why it is not one.
    static func landline(_ digits: String) -> Result<String, PhoneRejection> {
        let body = digits.dropFirst()
        let areaLength = twoDigitAreaCodes.contains(String(body.prefix(2))) ? 2 : 3
        let area = String(body.prefix(areaLength))
        let subscriber = body.dropFirst(areaLength)
        if areaLength == 3 {
            guard let first = area.first, ("3"..."9").contains(first) else {
                return .failure(PhoneRejection("unknown_area_code", zh: "区号 0\(area) 不存在", en: "there is no area code 0\(area)"))
            }
        }
        let allowedLengths = areaLength == 2 ? [8] : [7, 8]
        guard allowedLengths.contains(subscriber.count) else {
            return .failure(PhoneRejection("landline_length", zh: "固定电话 0\(area) 后应为 \(allowedLengths.map(String.init).joined(separator: "或")) 位号码",
                                           en: "a landline in 0\(area) needs \(allowedLengths.map(String.init).joined(separator: " or ")) digits after the area code"))
        }
        guard let first = subscriber.first, ("2"..."9").contains(first) else {
            return .failure(PhoneRejection("landline_subscriber", zh: "固定电话号码不能以 0 或 1 开头",
                                           en: "a landline subscriber number cannot start with 0 or 1"))
        }
        return .success("0" + area)
    }
}
