import Fluent
import Foundation

/// One line of the append-only audit log.
public final class AuditEntryModel: Model, @unchecked Sendable {
    public static let schema = "audit_log"

    @ID(key: .id) public var id: UUID?
    @Field(key: "at") public var at: Date
    @OptionalField(key: "actor_id") public var actorID: UUID?
    /// The username as typed or known, kept even when no account matches.
    @Field(key: "actor_name") public var actorName: String
    /// e.g. `login.success`, `login.failure`, `user.create`, `project.update`.
    @Field(key: "action") public var action: String
    @Field(key: "target_type") public var targetType: String
    @OptionalField(key: "target_id") public var targetID: String?
    /// Free text or JSON with what changed.
    @Field(key: "detail") public var detail: String
    @OptionalField(key: "ip") public var ip: String?

    public init() {}

    public init(at: Date, actorID: UUID?, actorName: String, action: String, targetType: String,
                targetID: String?, detail: String, ip: String?) {
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.detail = detail
        self.ip = ip
    }
}
