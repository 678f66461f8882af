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

    package func ring(_ agents: some Sequence<UUID>) {
        let woken = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            var woken: [CheckedContinuation<Void, Never>] = []
            for agent in agents {
                rings[agent, default: 0] += 1
                woken += waiters.removeValue(forKey: agent)?.values ?? [:].values
            }
            return woken
        }
        for continuation in woken { continuation.resume() }
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
