import Fluent
import Foundation
import SQLKit
import Testing
@testable import WaihuStore

extension StoreTests {
    /// The big reads take an id in `UUID.uuidString`'s spelling as it is, and parse any other spelling into it: the
    /// metrics compare the ids of attempts, orders and leads as text, so all must come out spelled alike.
    @Test(arguments: testDatabases)
    func idsAreReadAsUUIDStringSpellsThemWhateverTheirStoredSpelling(_ location: DatabaseLocation) async throws {
        let id = UUID(uuidString: "01A252E6-5E3E-79DE-8000-006256DC28AF")!
        try await withDatabase(location) { db in
            let sql = try StoreSQL.sql(db)
            var select = sql.select().column(SQLLiteral.string("01A252E6-5E3E-79DE-8000-006256DC28AF"), as: "upper")
                .column(SQLLiteral.string("01a252e6-5e3e-79de-8000-006256dc28af"), as: "lower").column(SQLLiteral.null, as: "none")
            if sql.dialect.name == "postgresql" {
                // PostgreSQL hands ids over as its uuid type, whatever the text they were written in.
                select = sql.select().column(SQLRaw("'01a252e6-5e3e-79de-8000-006256dc28af'::uuid"), as: "upper")
                    .column(SQLRaw("'01A252E6-5E3E-79DE-8000-006256DC28AF'::uuid"), as: "lower").column(SQLRaw("NULL::uuid"), as: "none")
            }
            let read = try await BigRead.rows(select, on: sql) { row in
                [try row.uuidText("upper"), try row.uuidText("lower"), try row.uuidText("none")]
            }
            #expect(read == [[id.uuidString, id.uuidString, nil]])
            if sql.dialect.name == "sqlite" {
                let bad = sql.select().column(SQLLiteral.string("01A252E6-5E3E-79DE-8000-006256DC28AG"), as: "id")
                await #expect(throws: BigRead.Unreadable.self) { _ = try await BigRead.rows(bad, on: sql) { try $0.uuidText("id") } }
            }
        }
    }

    @Test func onlyUUIDStringsOwnSpellingIsTakenAsItIs() {
        #expect(BigRead.Row.isCanonical(UUID().uuidString))
        #expect(BigRead.Row.isCanonical("00000000-0000-0000-0000-000000000000"))
        for other in ["01a252e6-5e3e-79de-8000-006256dc28af", "01A252E6-5E3E-79DE-8000-006256DC28A", "01A252E6-5E3E-79DE-8000-006256DC28AFF",
                      "01A252E65E3E-79DE-8000-006256DC28AF-", "{1A252E6-5E3E-79DE-8000-006256DC28A}", "01A252E6 5E3E 79DE 8000 006256DC28AF",
                      "01A252E6-5E3E-79DE-8000-006256DC28AG", ""] {
            #expect(!BigRead.Row.isCanonical(other), "\(other)")
        }
    }
}
