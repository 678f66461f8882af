import FluentKit
import Foundation
import WaihuCore
import WaihuStore

extension HomeService {
    /// An order someone must act on now: a sign dispute (the agent calls the customer at once, RULES G-15) or a
    /// re-confirmation the floor supervisor owes (G-10).
    package struct OrderFollowUp: Sendable {
        package var number: String
        package var dispute: Bool
        package var since: Date
        package var note: String
    }

    /// The open disputes and pending re-confirmations, oldest first: one agent's own, or those of the projects
    /// in a scope.
    package static func orderFollowUps(agent: UUID?, scope: AccessScope, on db: any Database) async throws -> [OrderFollowUp] {
        var disputes = OrderModel.query(on: db).filter(\.$disputeAt != nil).filter(\.$disputeClosedAt == nil)
        var reconfirmations = OrderModel.query(on: db).filter(\.$reconfirmFlaggedAt != nil).filter(\.$reconfirmedAt == nil)
            .filter(\.$status == OrderStatus.pending.rawValue)
        if let agent {
            disputes = disputes.filter(\.$agentID == agent)
            reconfirmations = reconfirmations.filter(\.$agentID == agent)
        }
        var orders = try await disputes.sort(\.$disputeAt).limit(50).all().map { ($0, true) }
        if agent == nil { orders += try await reconfirmations.sort(\.$reconfirmFlaggedAt).limit(50).all().map { ($0, false) } }
        if agent == nil, !orders.isEmpty {
            let projects = Set(try await ProjectQueries.projects(in: scope, on: db).compactMap(\.project.id))
            let calls = try await CallAttemptModel.query(on: db).filter(\.$id ~~ orders.map(\.0.attemptID)).all()
            let inScope = Set(calls.filter { $0.projectID.map(projects.contains) ?? false }.compactMap(\.id))
            orders = orders.filter { inScope.contains($0.0.attemptID) }
        }
        return orders.compactMap { order, dispute in
            guard let since = dispute ? order.disputeAt : order.reconfirmFlaggedAt else { return nil }
            return OrderFollowUp(number: order.number, dispute: dispute, since: since, note: (dispute ? order.disputeNote : order.reconfirmNote) ?? "")
        }
    }
}
