import Foundation
import SQLiteNIO
import Testing
@testable import WaihuStore

/// The binds a bulk write hands to SQLite directly: stored as the driver stores them, or left to SQLKit.
@Suite struct SQLiteBindsTests {
    @Test func eachKindIsStoredAsTheDriverStoresItAndAnUnknownKindIsLeftToSQLKit() {
        let id = UUID(), instant = Date(timeIntervalSince1970: 1_796_000_400.25)
        let absent: UUID? = nil, present: UUID? = id, count: Int? = 7
        let binds: [any Encodable & Sendable] = [id, instant, "甲", 42, true, false, 2.5, absent, present, count]
        #expect(SQLiteBinds.data(binds) == [.text(id.uuidString), .float(1_796_000_400.25), .text("甲"), .integer(42), .integer(1),
                                            .integer(0), .float(2.5), .null, .text(id.uuidString), .integer(7)])
        struct Other: Encodable, Sendable { var value = 1 }
        let unknown: Other? = Other()
        #expect(SQLiteBinds.data([id, Other()]) == nil)
        #expect(SQLiteBinds.data([unknown]) == nil, "an optional holding a kind not handled is not NULL")
    }
}
