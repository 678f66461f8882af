import Fluent

/// When the agent pressed Hang up (挂断): the live dialer ends the call through the telephony interface and
/// clears it.
struct UpdateAttemptsAddHangUpRequest: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CallAttemptModel.schema).field("hangup_requested_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CallAttemptModel.schema).deleteField("hangup_requested_at").update()
    }
}
