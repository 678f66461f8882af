import Foundation
import Logging
import ServiceLifecycle
import WaihuStore

/// The desk bells of every node on one PostgreSQL database rung together: a ring on this node is sent on the channel
/// `waihu_desk_bells` (this node's name, then the agents' ids), and a ring another node sent rings the bells here. So
/// a desk open on one node hears at once of the call another node's dialer put through to it, instead of at its next look.
struct DeskBellRelay: Service {
    static let channelName = "waihu_desk_bells"
    /// Agents a notification names at most (a payload must stay under PostgreSQL's 8,000 bytes).
    static let agentsPerNotification = 150

    let channel: PostgresChannel
    let bells: DeskBells
    let node = UUID().uuidString

    init(url: String, bells: DeskBells, logger: Logger) throws {
        channel = try PostgresChannel(url: url, name: Self.channelName, logger: logger)
        self.bells = bells
    }

    /// Sends this node's rings out, and rings this node's bells for the others', until shutdown.
    func run() async throws {
        let channel = channel, node = node
        bells.relay { agents in
            Task {
                for start in stride(from: 0, to: agents.count, by: Self.agentsPerNotification) {
                    let part = agents[start ..< min(agents.count, start + Self.agentsPerNotification)]
                    await channel.notify(([node] + part.map(\.uuidString)).joined(separator: " "))
                }
            }
        }
        try await cancelWhenGracefulShutdown {
            await channel.listen { [bells] payload in
                let words = payload.split(separator: " ")
                guard let sender = words.first, sender != node else { return }
                bells.ring(words.dropFirst().compactMap { UUID(uuidString: String($0)) }, relayed: true)
            }
        }
    }
}
