import Fluent
import SQLKit
import Vapor

/// `/healthz`, Prometheus `/metrics` and the OpenAPI document.
enum OperationsController {
    static func register(_ app: Application) {
        app.endpoint(.GET, "healthz", permission: .public, surface: .api, use: health)
        app.endpoint(.GET, "metrics", permission: .public, surface: .api, use: metrics)
        app.endpoint(.GET, "openapi.yaml", permission: .public, surface: .api, use: openAPI)
    }

    struct Health: Content {
        var status: String
        var database: String
    }

    static func health(_ req: Request) async throws -> Response {
        var database = "ok"
        do {
            if let sql = req.db as? any SQLDatabase { try await sql.raw("SELECT 1").run() }
        } catch {
            database = "unreachable"
        }
        let body = Health(status: database == "ok" ? "ok" : "degraded", database: database)
        return try await body.encodeResponse(status: database == "ok" ? .ok : .serviceUnavailable, for: req)
    }

    static func metrics(_ req: Request) async throws -> Response {
        let text = req.application.prometheus.emitToString()
        return Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: .init(string: text))
    }

    static func openAPI(_ req: Request) async throws -> Response {
        let path = WaihuResources.directory + "openapi.yaml"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return Response(status: .ok, headers: ["Content-Type": "application/yaml; charset=utf-8"], body: .init(string: text))
    }
}
