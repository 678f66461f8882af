import Fluent
import SQLKit

/// The audit log, made append-only by the database itself: updates and deletes raise an error.
struct CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntryModel.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("target_type", .string, .required)
            .field("target_id", .string)
            .field("detail", .string, .required)
            .field("ip", .string)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        for statement in AppendOnlyGuard.statements(table: AuditEntryModel.schema, dialect: sql.dialect.name) {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntryModel.schema).delete()
    }
}

/// Triggers that refuse UPDATE and DELETE on an append-only table, in each dialect.
enum AppendOnlyGuard {
    static func statements(table: String, dialect: String) -> [String] {
        switch dialect {
        case "sqlite":
            return ["UPDATE", "DELETE"].map { op in
                """
                CREATE TRIGGER \(table)_no_\(op.lowercased()) BEFORE \(op) ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
                """
            }
        case "postgresql":
            return [
                """
                CREATE OR REPLACE FUNCTION waihu_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql
                """,
                """
                CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
                FOR EACH ROW EXECUTE FUNCTION waihu_append_only()
                """,
            ]
        default:
            return []
        }
    }
}
