import Fluent
import Foundation

/// A project's dispositions: JSON of `DispositionSet`.
public final class DispositionSetModel: Model, @unchecked Sendable {
    public static let schema = "disposition_sets"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "dispositions") public var dispositions: String
    @Field(key: "updated_by") public var updatedBy: String
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}
