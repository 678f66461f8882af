import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Agent states as events (坐席状态): every change closes the agent's open interval and opens the
/// next, in one transaction; logging out closes it and opens nothing.
public enum AgentStateQueries {
    /// An agent's state now: the open interval, or logged out when there is none.
    public struct Current: Sendable, Equatable {
        public var agentID: UUID
        public var state: AgentState
        public var since: Date?
        public var reason: String?
        public var projectID: UUID?
    }

    public static func current(agent: UUID, on db: any Database) async throws -> Current {
        guard let open = try await openInterval(agent: agent, on: db) else {
            return Current(agentID: agent, state: .logged_out, since: nil, reason: nil, projectID: nil)
        }
        return current(open)
    }

    /// The agents logged into a project now.
    public static func present(project: UUID, on db: any Database) async throws -> [Current] {
        try await AgentStateIntervalModel.query(on: db).filter(\.$projectID == project).filter(\.$endedAt == nil)
            .sort(\.$startedAt).all().map(current)
    }

    /// Moves an agent to `state` at `now`. `project` is the project the agent works in (kept from
    /// the open interval when nil). Returns the state now in force.
    @discardableResult
    /// `check` sees the state in force inside the transaction and throws to refuse the change.
    public static func change(agent: UUID, to state: AgentState, reason: String? = nil, project: UUID? = nil,
                              at now: Date, source: String, check: @escaping @Sendable (Current) throws -> Void = { _ in },
                              on db: any Database) async throws -> Current {
        try await db.transaction { tx in
            let open = try await openInterval(agent: agent, on: tx)
            try check(open.map(current) ?? Current(agentID: agent, state: .logged_out, since: nil, reason: nil, projectID: nil))
            if let open {
                if open.state == state.rawValue, open.reason == reason, project == nil || open.projectID == project {
                    return current(open)
                }
                open.endedAt = max(now, open.startedAt)
                try await open.save(on: tx)
            }
            guard state != .logged_out else {
                return Current(agentID: agent, state: .logged_out, since: now, reason: nil, projectID: nil)
            }
            let next = AgentStateIntervalModel()
            next.agentID = agent
            next.projectID = project ?? open?.projectID
            next.state = state.rawValue
            next.reason = reason
            next.startedAt = now
            next.source = source
            try await next.create(on: tx)
            return current(next)
        }
    }

    static func openInterval(agent: UUID, on db: any Database) async throws -> AgentStateIntervalModel? {
        try await AgentStateIntervalModel.query(on: db).filter(\.$agentID == agent).filter(\.$endedAt == nil)
            .sort(\.$startedAt, .descending).first()
    }

    static func current(_ model: AgentStateIntervalModel) -> Current {
        Current(agentID: model.agentID, state: AgentState(rawValue: model.state) ?? .ready, since: model.startedAt,
                reason: model.reason, projectID: model.projectID)
    }
}
