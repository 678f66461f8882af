import Fluent

/// When the agent pressed Dial on a preview lead: the live dialer places the call through the
/// telephony interface and clears it.
struct UpdateAttemptsAddDialRequest: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CallAttemptModel.schema).field("dial_requested_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CallAttemptModel.schema).deleteField("dial_requested_at").update()
    }
}
