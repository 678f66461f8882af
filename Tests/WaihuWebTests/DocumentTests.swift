import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import WaihuApp
import WaihuCore
@testable import WaihuWeb

@Suite struct DocumentTests {
    /// The (path, method) pairs of the OpenAPI document, read from its `paths:` section.
    func documentedOperations(_ yaml: String) -> Set<String> {
        var operations: Set<String> = []
        var path: String?
        var inPaths = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, let first = line.first, first != " " { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(String(method)) {
                    operations.insert("\(method.uppercased()) \(path)")
                }
            }
        }
        return operations
    }

    @Test func everyAPIRouteIsInTheOpenAPIDocument() async throws {
        try await withWaihu { app in
            let response = try await app.testing().sendRequest(.GET, "/openapi.yaml")
            #expect(response.status == .ok)
            let documented = documentedOperations(response.body.string)
            #expect(response.body.string.hasPrefix("openapi: 3.1"))
            let apiRoutes = app.routes.all.filter { $0.path.first?.description == "api" }
            #expect(apiRoutes.count > 10)
            for route in apiRoutes {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                #expect(documented.contains("\(route.method.rawValue) \(path)"), "\(route.method.rawValue) \(path) is missing from openapi.yaml")
            }
        }
    }

    /// The document's enums of domain states list every value the API can answer (a reserved lead was once
    /// outside `Lead.status`; schemathesis in `.ci/run` found it again on a live demo).
    @Test func theDocumentedStatesAreTheDomainsStates() async throws {
        try await withWaihu { app in
            let document = try await app.testing().sendRequest(.GET, "/openapi.yaml").body.string
            let leadSchema = try #require(document.range(of: "\n    Lead:\n")).upperBound
            let statusLine = try #require(document[leadSchema...].split(separator: "\n").first { $0.contains("status:") })
            for status in LeadStatus.allCases {
                #expect(statusLine.contains(status.rawValue), "Lead.status lacks \(status.rawValue): \(statusLine)")
            }
        }
    }

    @Test func everyLabelInATemplateIsInTheStringTable() throws {
        let views = URL(fileURLWithPath: WaihuResources.directory + "Views")
        let files = try FileManager.default.contentsOfDirectory(atPath: views.path).filter { $0.hasSuffix(".leaf") }
        #expect(files.count >= 10)
        let pattern = try NSRegularExpression(pattern: "(?<![A-Za-z0-9_.])t\\.([a-z_]+)")
        for file in files {
            let text = try String(contentsOf: views.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(match.range(at: 1), in: text)!])
                #expect(Strings.table[key] != nil, "\(file) uses t.\(key), which the string table lacks")
            }
        }
    }

    @Test func prometheusMetricsCountRequests() async throws {
        try await withWaihu { app in
            _ = try await app.testing().sendRequest(.GET, "/healthz")
            let metrics = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.body.string.contains("waihu_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"2xx\"} 1"))
        }
    }
}
