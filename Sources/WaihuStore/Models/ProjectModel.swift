import Fluent
import Foundation
import WaihuCore

/// An outbound project (外呼项目).
public final class ProjectModel: Model, @unchecked Sendable {
    public static let schema = "projects"

    @ID(key: .id) public var id: UUID?
    /// 项目编号, unique.
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    /// The stored `ProjectType`; read and write `type`.
    @Field(key: "type") public var typeCode: String
    /// The stored `ProjectStatus`; read and write `status`.
    @Field(key: "status") public var statusCode: String
    @OptionalField(key: "target") public var target: Int?
    @Field(key: "time_zone") public var timeZone: String
    /// Months after allocation when held leads return to the pool (1–10).
    @Field(key: "recycle_months") public var recycleMonths: Int
    /// The stored `DialMode`; read and write `dialMode`.
    @Field(key: "dial_mode") public var dialModeCode: String
    /// Talk seconds from which a connected call is a conversation (电话沟通).
    @Field(key: "conversation_seconds") public var conversationSeconds: Int
    /// Talk seconds from which a connected call is an effective conversation (有效沟通).
    @Field(key: "effective_conversation_seconds") public var effectiveConversationSeconds: Int
    /// Minutes after which an agent's overdue callback (预约回拨) passes to any agent of the project.
    @Field(key: "callback_pass_minutes") public var callbackPassMinutes: Int
    /// After-call work longer than this ends: the agent is made ready (后处理时限).
    @Field(key: "wrap_up_seconds") public var wrapUpSeconds: Int
    /// Completed accounts each agent aims at a day (每人每日目标); nil for none.
    @OptionalField(key: "daily_target") public var dailyTarget: Int?
    /// The `ProductList` as JSON; nil for none.
    @OptionalField(key: "products") public var productsJSON: String?
    /// The code of the scorecard its calls are reviewed with; by its type when nil.
    @OptionalField(key: "scorecard") public var scorecard: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, code: String, name: String, type: ProjectType, status: ProjectStatus,
                target: Int?, timeZone: String) {
        self.id = id
        self.code = code
        self.name = name
        self.typeCode = type.rawValue
        self.statusCode = status.rawValue
        self.target = target
        self.timeZone = timeZone
        self.recycleMonths = RecyclingPeriod.default.months
        self.dialModeCode = DialMode.preview.rawValue
        self.conversationSeconds = 30
        self.effectiveConversationSeconds = 180
        self.callbackPassMinutes = 30
        self.wrapUpSeconds = 120
    }
}

/// The project's typed states, mapped here once from what the store holds (DESIGN rule 3).
extension ProjectModel {
    /// The products agents pick from; empty when the project has none (a stored list that does not read is none).
    public var products: ProductList {
        get { productsJSON.flatMap { try? JSONDecoder().decode(ProductList.self, from: Data($0.utf8)) } ?? ProductList([]) }
        set { productsJSON = newValue.products.isEmpty ? nil : (try? JSONEncoder().encode(newValue)).map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Where the project stands; a value the store should never hold reads as `closed`, which hands out nothing.
    public var status: ProjectStatus {
        get { ProjectStatus(rawValue: statusCode) ?? .closed }
        set { statusCode = newValue.rawValue }
    }

    public var type: ProjectType {
        get { ProjectType(rawValue: typeCode) ?? .marketing }
        set { typeCode = newValue.rawValue }
    }

    public var dialMode: DialMode {
        get { DialMode(rawValue: dialModeCode) ?? .preview }
        set { dialModeCode = newValue.rawValue }
    }
}

/// A site taking part in a project.
public final class ProjectSiteModel: Model, @unchecked Sendable {
    public static let schema = "project_sites"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "site_id") public var siteID: UUID

    public init() {}

    public init(projectID: UUID, siteID: UUID) {
        self.projectID = projectID
        self.siteID = siteID
    }
}

/// The organisation's own settings; one row.
public final class OrganisationModel: Model, @unchecked Sendable {
    public static let schema = "organisation"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "time_zone") public var timeZone: String
    /// Hours to the first feedback on a complaint, and working days to its result.
    @Field(key: "complaint_feedback_hours") public var complaintFeedbackHours: Int
    @Field(key: "complaint_result_days") public var complaintResultDays: Int
    /// Days recordings are kept (at least 90).
    @Field(key: "recording_retention_days") public var recordingRetentionDays: Int
    /// Seconds after a shift's start a first login is still on time (RULES WF-22: 0).
    @Field(key: "late_grace_seconds") public var lateGraceSeconds: Int
    /// The site scorecard's score before deductions (RULES F: 100).
    @Field(key: "scorecard_base") public var scorecardBase: Int
    /// Fen a vendor's point is worth when redeemed (RULES D-44 gives no rate: ¥1).
    @Field(key: "vendor_point_fen") public var vendorPointFen: Int

    public init() {}

    public init(name: String, timeZone: String) {
        self.name = name
        self.timeZone = timeZone
        complaintFeedbackHours = ComplaintDeadlines.standard.feedbackHours
        complaintResultDays = ComplaintDeadlines.standard.resultWorkingDays
        recordingRetentionDays = RecordingRetention.defaultDays
        lateGraceSeconds = 0
        scorecardBase = 100
        vendorPointFen = VendorLedger.defaultFenPerPoint
    }
}
