import Foundation

/// ISO 8601 timestamps with an offset, as the record imports take them: `2026-11-02T09:00:05+08:00`,
/// `…+0800`, `…Z`, with optional fractional seconds and a space instead of the `T`. A time without an
/// offset is refused: its instant would depend on the zone of whoever reads it.
public enum ISOTimestamp {
    public static func parse(_ text: String, field: String) throws(DomainError) -> Date {
        let bytes = Array(text.utf8)
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[at..<(at + count)] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        func refuse() -> DomainError {
            DomainError.invalidField(field, zh: "时间须为带时区偏移的 ISO 8601 格式，如 2026-11-02T09:00:05+08:00，不是「\(text)」",
                                     en: "a time is ISO 8601 with an offset, like 2026-11-02T09:00:05+08:00, not \"\(text)\"")
        }
        guard bytes.count >= 20, let y = digits(0, 4), bytes[4] == 45, let mo = digits(5, 2), bytes[7] == 45, let d = digits(8, 2),
              bytes[10] == 84 || bytes[10] == 32, let h = digits(11, 2), bytes[13] == 58, let mi = digits(14, 2), bytes[16] == 58,
              let s = digits(17, 2), h < 24, mi < 60, s < 61, let date = LocalDate(year: y, month: mo, day: d) else { throw refuse() }
        var index = 19
        var fraction = 0.0
        if bytes[index] == 46 {
            var scale = 0.1
            index += 1
            while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < bytes.count else { throw refuse() }
        var offset = 0
        if bytes[index] == 90 || bytes[index] == 122 {
            index += 1
        } else if bytes[index] == 43 || bytes[index] == 45 {
            let sign = bytes[index] == 43 ? 1 : -1
            guard let oh = digits(index + 1, 2) else { throw refuse() }
            index += 3
            var om = 0
            if index < bytes.count && bytes[index] == 58 { index += 1 }
            if index < bytes.count {
                guard let minutes = digits(index, 2) else { throw refuse() }
                om = minutes
                index += 2
            }
            guard oh <= 18, om < 60 else { throw refuse() }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            throw refuse()
        }
        guard index == bytes.count else { throw refuse() }
        let seconds = LocalTime.days(from: date) * 86_400 + h * 3600 + mi * 60 + s - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
