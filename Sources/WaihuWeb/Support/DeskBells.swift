import Foundation
import Vapor

/// One bell per agent, rung when the dialer changed what the agent's desk shows (a call bridged to them, their
/// state moved by the dialer): the desk's stream (`GET /desk/stream`) wakes at once instead of at its next look.
/// A ring is counted, so a stream that was busy sending when it came sees it on its next wait.
package final class DeskBells: @unchecked Sendable {
    private let lock = NSLock()
    private var rings: [UUID: Int] = [:]
    private var waiters: [UUID: [Int: CheckedContinuation<Void, Never>]] = [:]
    private var nextToken = 0

    package init() {}

    /// How many times the agent's bell has rung: a stream's starting point for `wait`.
    package func count(_ agent: UUID) -> Int { lock.withLock { rings[agent, default: 0] } }

    /// Where a ring goes besides this process's streams: the other nodes', over PostgreSQL (`DeskBellRelay`).
    private var relay: (@Sendable ([UUID]) -> Void)?

    /// Sends every ring of this process on to `relay` as well; set once, at boot.
    package func relay(to relay: @escaping @Sendable ([UUID]) -> Void) { lock.withLock { self.relay = relay } }

    /// Rings the agents' bells; `relayed` when the ring came from another node (it is not sent back out).
    package func ring(_ agents: some Sequence<UUID>, relayed: Bool = false) {
        let agents = Array(agents)
        guard !agents.isEmpty else { return }
        let (woken, relay) = lock.withLock { () -> ([CheckedContinuation<Void, Never>], (@Sendable ([UUID]) -> Void)?) in
            var woken: [CheckedContinuation<Void, Never>] = []
            for agent in agents {
                rings[agent, default: 0] += 1
                woken += waiters.removeValue(forKey: agent)?.values ?? [:].values
            }
            return (woken, relayed ? nil : self.relay)
        }
        for continuation in woken { continuation.resume() }
        relay?(agents)
    }

    /// Returns the ring count once the agent's bell has rung past `seen`, or after `interval` without a ring.
    package func wait(_ agent: UUID, after seen: Int, atMost interval: Duration) async -> Int {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let token = lock.withLock { () -> Int? in
                guard rings[agent, default: 0] == seen else { return nil }
                nextToken += 1
                waiters[agent, default: [:]][nextToken] = continuation
                return nextToken
            }
            guard let token else { return continuation.resume() }
            Task {
                try? await Task.sleep(for: interval)
                let late = self.lock.withLock { () -> CheckedContinuation<Void, Never>? in
                    let continuation = self.waiters[agent]?.removeValue(forKey: token)
                    if self.waiters[agent]?.isEmpty == true { self.waiters[agent] = nil }
                    return continuation
                }
                late?.resume()
            }
        }
        return count(agent)
    }
}

struct DeskBellsKey: StorageKey {
    typealias Value = DeskBells
}

extension Application {
    /// The agents' desk bells (`DeskBells`): one set per process, made at configure.
    package var deskBells: DeskBells {
        if let bells = storage[DeskBellsKey.self] { return bells }
        let bells = DeskBells()
        storage[DeskBellsKey.self] = bells
        return bells
    }
}
