import Fluent
import SQLKit

/// The account lock (`failed_logins`, `locked_until`) gave way to the failed-login throttle per address and
/// username (`login_throttles`): the columns no code reads go. Plain `ALTER TABLE … DROP COLUMN` on both
/// databases (SQLite has it since 3.35).
struct UpdateUsersDropAccountLock: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try StoreSQL.sql(database)
        for column in ["failed_logins", "locked_until"] {
            try await sql.alter(table: UserModel.schema).dropColumn(SQLIdentifier(column)).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserModel.schema).field("failed_logins", .int, .required, .sql(.default(0))).update()
        try await database.schema(UserModel.schema).field("locked_until", .datetime).update()
    }
}
