import Foundation

/// A vendor's grade (分级, RULES D.9) from its faults (过错) of the previous calendar year, and the months of the year
/// its work is inspected.
public enum VendorGrade: Int, Sendable, Codable, CaseIterable {
    /// 一级: no fault; one month in each half year inspected.
    case one = 1
    /// 二级: 1–9 faults; one month in each quarter.
    case two = 2
    /// 三级: 10 or more faults (the seed leaves 10 itself out; we take the stricter grade, D-42), or a new vendor:
    /// every month.
    case three = 3

    /// The grade a year's faults give; nil faults (the vendor did not work the whole previous year) is grade 3.
    public static func from(faults: Int?) -> VendorGrade {
        guard let faults else { return .three }
        switch faults {
        case ...0: return .one
        case 1 ... 9: return .two
        default: return .three
        }
    }

    public var name: LocalizedText {
        switch self {
        case .one: LocalizedText(zh: "一级", en: "Grade 1")
        case .two: LocalizedText(zh: "二级", en: "Grade 2")
        case .three: LocalizedText(zh: "三级", en: "Grade 3")
        }
    }

    /// The periods of the year one month of which is inspected: halves, quarters or each month.
    var periods: [ClosedRange<Int>] {
        switch self {
        case .one: [1 ... 6, 7 ... 12]
        case .two: [1 ... 3, 4 ... 6, 7 ... 9, 10 ... 12]
        case .three: (1 ... 12).map { $0 ... $0 }
        }
    }

    /// The inspected months of a year (1–12), one drawn in each period: seeded by the vendor and the year, the same on
    /// every draw, and not shown to the vendor (不定期: it cannot know which month counts).
    public func inspectedMonths(year: Int, vendor: UUID, seed: UInt64 = 0) -> [Int] {
        var state = seed ^ UInt64(truncatingIfNeeded: year)
        withUnsafeBytes(of: vendor.uuid) { bytes in for byte in bytes { state = state &* 0x100_0000_01B3 ^ UInt64(byte) } }
        var random = SeededRandom(seed: state)
        return periods.map { period in period.lowerBound + Int(random.next() % UInt64(period.count)) }
    }
}
