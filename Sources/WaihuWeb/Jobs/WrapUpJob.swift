import Fluent
import Foundation
import Logging
import ServiceLifecycle
import WaihuApp
import WaihuCore
import WaihuStore

/// Every 5 seconds: agents whose after-call work has run past their project's wrap-up limit, with the
/// call's disposition recorded, are made ready (the interval boundary at the instant the limit passed).
struct WrapUpJob: Service {
    var database: @Sendable () -> any Database
    var logger: Logger
    var clock: @Sendable () -> Date
    var interval: Duration = .seconds(5)

    func run() async throws {
        try await runEvery(interval, logger: logger, what: "ending after-call work") { [database, clock] in
            _ = try await Self.endOverdue(at: clock(), on: database())
        }
    }

    /// Ends the after-call work that is over; returns how many agents were made ready.
    static func endOverdue(at now: Date, on db: any Database) async throws -> Int {
        let wrapping = try await AgentStateQueries.loggedIn(on: db).filter { $0.state == .acw }
        guard !wrapping.isEmpty else { return 0 }
        let projects = try await ProjectModel.query(on: db).filter(\.$id ~~ Set(wrapping.compactMap(\.projectID))).all()
        let limits = Dictionary(uniqueKeysWithValues: projects.compactMap { project in project.id.map { ($0, project.wrapUpSeconds) } })
        var ended = 0
        for agent in wrapping {
            let pending = try await AttemptQueries.open(agent: agent.agentID, on: db) != nil
            guard let at = WrapUp.readyAt(state: agent.state, since: agent.since,
                                          limitSeconds: agent.projectID.flatMap { limits[$0] } ?? WrapUp.defaultSeconds,
                                          dispositionPending: pending,
                                          dispositionRecordedAt: try await AttemptQueries.lastDispositionAt(agent: agent.agentID, on: db),
                                          now: now) else { continue }
            // Only if nothing changed meanwhile: the same after-call work, and still no call in hand.
            do {
                try await AgentStateQueries.change(agent: agent.agentID, to: .ready, at: at, source: "wrap_up", check: { current in
                    guard current.state == .acw, current.since == agent.since else { throw CancellationError() }
                }, on: db)
                ended += 1
            } catch is CancellationError {
                continue
            }
        }
        return ended
    }
}
