import Fluent
import Foundation

/// A generated report: its kind (`daily`, `monthly`), its period's first day, and the report as JSON.
public final class ReportModel: Model, @unchecked Sendable {
    public static let schema = "reports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    /// The first day of the period, `YYYY-MM-DD`.
    @Field(key: "period") public var period: String
    @Field(key: "generated_at") public var generatedAt: Date
    /// An `OperationsReport` as JSON.
    @Field(key: "content") public var content: String

    public init() {}
}
