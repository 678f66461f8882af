import Foundation
import Testing
@testable import WaihuStore

/// The fast reader of text ids agrees with Foundation's on ids in either case, and refuses what is not an id.
@Suite struct TextUUIDTests {
    @Test func readsWhatFoundationReads() {
        for _ in 0 ..< 1_000 {
            let id = UUID()
            #expect(TextUUID.parse(id.uuidString) == id)
            #expect(TextUUID.parse(id.uuidString.lowercased()) == id)
        }
        for bad in ["", "not-an-id", String(UUID().uuidString.dropLast()), UUID().uuidString.replacingOccurrences(of: "-", with: "_"),
                    "G" + UUID().uuidString.dropFirst()] {
            #expect(TextUUID.parse(bad) == nil && UUID(uuidString: bad) == nil, "\(bad)")
        }
    }
}
