import Fluent
import Foundation
import WaihuCore

/// A site: the organisation's own center or a vendor (外呼公司).
public final class SiteModel: Model, @unchecked Sendable {
    public static let schema = "sites"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    /// The stored `SiteKind`; read and write `kind`.
    @Field(key: "kind") public var kindCode: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    /// The first day the site owes its client submissions (empty: the day it was created).
    @OptionalField(key: "submissions_from") public var submissionsFrom: String?

    public init() {}

    public init(id: UUID? = nil, name: String, kind: SiteKind) {
        self.id = id
        self.name = name
        self.kindCode = kind.rawValue
    }

    public var kind: SiteKind {
        get { SiteKind(rawValue: kindCode) ?? .own }
        set { kindCode = newValue.rawValue }
    }
}

/// A team (班组) inside a site, optionally led by a supervisor user.
public final class TeamModel: Model, @unchecked Sendable {
    public static let schema = "teams"

    @ID(key: .id) public var id: UUID?
    @Field(key: "site_id") public var siteID: UUID
    @Field(key: "name") public var name: String
    @OptionalField(key: "supervisor_id") public var supervisorID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, siteID: UUID, name: String, supervisorID: UUID? = nil) {
        self.id = id
        self.siteID = siteID
        self.name = name
        self.supervisorID = supervisorID
    }
}
