import Foundation
import Logging
import Testing
@testable import WaihuWeb

/// Two nodes on one PostgreSQL database: a ring on one rings the other's desk bells (LISTEN / NOTIFY), once, and is
/// not sent back. Runs where `WAIHU_TEST_POSTGRES_URL` names a server (CI starts one); it needs no tables.
@Suite struct DeskBellRelayTests {
    static let url = ProcessInfo.processInfo.environment["WAIHU_TEST_POSTGRES_URL"] ?? ""

    /// Waits up to 20 s for `condition`.
    func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0 ..< 400 where !condition() { try await Task.sleep(for: .milliseconds(50)) }
        return condition()
    }

    @Test(.enabled(if: !url.isEmpty)) func aRingOnOneNodeRingsTheOthersBellsOnce() async throws {
        let logger = Logger(label: "test.desk-bells")
        let first = try DeskBellRelay(url: Self.url, bells: DeskBells(), logger: logger)
        let second = try DeskBellRelay(url: Self.url, bells: DeskBells(), logger: logger)
        let running = [Task { try await first.run() }, Task { try await second.run() }]
        defer { running.forEach { $0.cancel() } }
        #expect(try await eventually { first.channel.listening && second.channel.listening }, "both nodes listen")

        let agent = UUID(), bystander = UUID()
        first.bells.ring([agent])
        #expect(try await eventually { second.bells.count(agent) == 1 }, "the other node's bell rang")
        second.bells.ring([bystander])
        #expect(try await eventually { first.bells.count(bystander) == 1 })
        // Each ring was heard once on each node: not sent back, nor rung twice by the sender's own notification.
        try await Task.sleep(for: .seconds(1))
        let counts: [Int] = [first.bells.count(agent), second.bells.count(agent), first.bells.count(bystander), second.bells.count(bystander)]
        #expect(counts == [1, 1, 1, 1])
        #expect(second.bells.count(UUID()) == 0)
    }

    @Test func aRingIsRelayedOnceWithItsAgentsAndARelayedRingIsNotSentOn() {
        let bells = DeskBells(), sent = Sent()
        bells.relay { sent.add($0) }
        let agents = [UUID(), UUID()]
        bells.ring(agents)
        bells.ring([UUID()], relayed: true)
        bells.ring([])
        #expect(sent.all == [agents])
    }

    final class Sent: @unchecked Sendable {
        private let lock = NSLock()
        private var rings: [[UUID]] = []
        func add(_ agents: [UUID]) { lock.withLock { rings.append(agents) } }
        var all: [[UUID]] { lock.withLock { rings } }
    }
}
