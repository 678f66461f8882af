import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The desk's status pushed as Server-Sent Events (`GET /desk/stream`, `event: status`, the JSON of
/// `GET /desk/status`): at once, then as soon as the dialer changes what the desk shows (its `DeskBells`),
/// and otherwise when a fresh look finds it changed. Unchanged looks send a comment line, so a closed desk is
/// noticed within one look. Each look is a desk poll: it keeps the agent present for the dialer.
enum DeskStream {
    /// Between two looks without a ring (`WaihuSettings.deskStreamLook`, 5 s unless set). The dialer rings every change
    /// it makes; on PostgreSQL another node's dialer rings here too (`DeskBellRelay`). The looks catch what rings no
    /// bell (the day's end, a lapsed wrap-up) and keep the agent present for the dialer.
    static func quiet(_ req: Request) -> Duration {
        (req.application.storage[DeskStreamLookKey.self] ?? nil) ?? .seconds(5)
    }

    /// A desk action that rings the agent's own bell once done: the stream looks at once, so the desk's other tabs
    /// follow, and the action's tab gets the new status from the stream too.
    static func ringing<R: AsyncResponseEncodable>(_ handler: @escaping @Sendable (Request) async throws -> R)
        -> @Sendable (Request) async throws -> R {
        { req in
            let result = try await handler(req)
            if let agent = try? DeskService.agent(of: try req.currentUser()) { req.application.deskBells.ring([agent]) }
            return result
        }
    }

    static func stream(_ req: Request) async throws -> Response {
        let user = try req.currentUser()
        let agent = try DeskService.agent(of: user)
        // `events`, `seconds`: stop after that many status events or that long (for tests and scripts); unlimited otherwise.
        let limit = req.query[Int.self, at: "events"] ?? Int.max
        let end = req.query[Int.self, at: "seconds"].map { ContinuousClock.now + .seconds(max(1, $0)) }
        let database = req.db, clock = req.application.clock, phoneLines = req.application.phoneLines
        let bells = req.application.deskBells, language = req.language, quiet = quiet(req)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        // Keys in one order, so that an unchanged status encodes to the same bytes.
        encoder.outputFormatting = .sortedKeys
        let response = Response(status: .ok, body: .init(managedAsyncStream: { writer in
            var sent = 0, seen = bells.count(agent), last: Data?
            // The first look is always made (the status at once), however late the stream's body starts.
            repeat {
                var status = try await DeskService.poll(user: user, at: clock(), language: language, on: database)
                status.phone = await phoneLines?(user.username)
                var unstamped = status
                unstamped.now = nil
                let key = try encoder.encode(unstamped)
                if key != last {
                    let json = String(decoding: try encoder.encode(status), as: UTF8.self)
                    try await writer.writeBuffer(ByteBuffer(string: "event: status\ndata: \(json)\n\n"))
                    last = key
                    sent += 1
                } else {
                    try await writer.writeBuffer(ByteBuffer(string: ":\n\n"))
                }
                let left = end.map { $0 - ContinuousClock.now } ?? quiet
                if (sent < limit) && (left > .zero) { seen = await bells.wait(agent, after: seen, atMost: min(quiet, left)) }
            } while sent < limit && (end.map { ContinuousClock.now < $0 } ?? true)
        }))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "event-stream")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        // nginx passes the events on as they come instead of buffering them.
        response.headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        return response
    }
}

struct DeskStreamLookKey: StorageKey {
    typealias Value = Duration?
}
