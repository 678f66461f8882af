import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The supervisor's wallboard (实时监控): a snapshot, a stream of snapshots (Server-Sent Events)
/// and the page that shows the stream.
enum WallboardController {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "wallboard", permission: .viewWallboard, surface: .api, use: snapshot)
        api.endpoint(.GET, "wallboard", "stream", permission: .viewWallboard, surface: .api, use: stream)
        app.endpoint(.GET, "wallboard", permission: .viewWallboard, surface: .page, use: page)
    }

    /// `busy_alert_minutes` (1–240, 15 by default): busy longer than this raises an alert.
    static func busyAlertMinutes(_ req: Request) throws -> Int {
        guard let raw = req.query[String.self, at: "busy_alert_minutes"] else { return Int(Wallboard.defaultBusyAlert / 60) }
        guard let minutes = Int(raw), (1 ... 240).contains(minutes) else {
            throw DomainError.invalidField("busy_alert_minutes", zh: "示忙告警时长须为 1–240 分钟", en: "the busy alert must be 1–240 minutes")
        }
        return minutes
    }

    static func snapshot(_ req: Request) async throws -> WallboardService.Snapshot {
        try await WallboardService.snapshot(scope: try req.currentUser().scope, at: req.now, busyAlertMinutes: try busyAlertMinutes(req),
                                            phoneLines: req.application.phoneLines, recount: req.application.wallboardRecount, on: req.db)
    }

    /// A snapshot every two seconds as `event: wallboard`, until the client goes away (or after
    /// `events` of them).
    static func stream(_ req: Request) async throws -> Response {
        let scope = try req.currentUser().scope
        let minutes = try busyAlertMinutes(req)
        let limit = req.query[Int.self, at: "events"] ?? Int.max
        let database = req.db
        let clock = req.application.clock
        let phoneLines = req.application.phoneLines
        let recount = req.application.wallboardRecount
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let response = Response(status: .ok, body: .init(managedAsyncStream: { writer in
            var sent = 0
            while sent < limit {
                let snapshot = try await WallboardService.snapshot(scope: scope, at: clock(), busyAlertMinutes: minutes, phoneLines: phoneLines,
                                                                   recount: recount, on: database)
                let json = String(decoding: try encoder.encode(snapshot), as: UTF8.self)
                try await writer.writeBuffer(ByteBuffer(string: "event: wallboard\ndata: \(json)\n\n"))
                sent += 1
                if sent < limit { try await Task.sleep(for: .seconds(2)) }
            }
        }))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "event-stream")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        // nginx passes the events on as they come instead of buffering them.
        response.headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        return response
    }

    struct PageData: Encodable {
        var states: [AdminPages.Option]
        var modes: [AdminPages.Option]
    }

    static func page(_ req: Request) async throws -> View {
        let language = req.language
        let data = PageData(
            states: AgentState.allCases.map { .init(value: $0.rawValue, label: Strings.text("state_\($0.rawValue)", language)) }
                + BusyReason.allCases.map { .init(value: "reason_\($0.rawValue)", label: $0.name.text(language)) },
            modes: DialMode.allCases.map { .init(value: $0.rawValue, label: Strings.text("dial_mode_\($0.rawValue)", language)) })
        return try await PageRenderer.render("wallboard", titleKey: "nav_wallboard", data: data, for: req)
    }
}
