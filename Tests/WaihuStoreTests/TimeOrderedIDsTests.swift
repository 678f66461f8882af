import Foundation
import Testing
@testable import WaihuStore

@Suite struct TimeOrderedIDsTests {
    @Test func idsSortAsTextInTheOrderTheyAreMade() {
        var ids = TimeOrderedIDs(start: Date(timeIntervalSince1970: 1_780_000_000), random: 0xFFFF_FFFF_FFFF_FFFF)
        let made = (0..<5000).map { _ in ids.next().uuidString }
        #expect(made == made.sorted())
        #expect(Set(made).count == 5000)
    }

    @Test func idsCarryTheirTimeVersionAndVariant() {
        // 1,780,000,000,000 ms = 0x019E_7044_8800; the random part starts 0x123…
        var ids = TimeOrderedIDs(start: Date(timeIntervalSince1970: 1_780_000_000), random: 0x1234_5678_9ABC_DEF0)
        let text = ids.next().uuidString
        #expect(text.hasPrefix("019E7044-8800-7123-"))
        let variant = text[text.index(text.startIndex, offsetBy: 19)]
        #expect("89AB".contains(variant))
    }

    @Test func aLaterRunSortsAfterAnEarlierOne() {
        var early = TimeOrderedIDs(start: Date(timeIntervalSince1970: 1_780_000_000), random: .max)
        var late = TimeOrderedIDs(start: Date(timeIntervalSince1970: 1_780_000_000.002), random: 0)
        #expect(early.next().uuidString < late.next().uuidString)
    }
}
