import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

/// A benchmark's organisation, projects and files, set up through the use cases `waihu` calls.
package struct BenchmarkSetup {
    package let app: Application

    package init(_ app: Application) { self.app = app }

    private var actor: AuditEvent { Caller.console.event("benchmark.setup", targetType: "benchmark") }

    @discardableResult
    package func createProject(_ code: String, name: String, target: Int? = nil) async throws -> ProjectRecord {
        try await ProjectService.create(.init(code: code, name: name, type: .marketing, target: target),
                                        actor: actor, at: app.now, on: app.db)
    }

    @discardableResult
    package func importAgents(csv: String) async throws -> AgentImportReport {
        try await AgentService.importRoster(csv: csv, actor: actor, at: app.now, on: app.db)
    }

    package func importCustomers(project code: String, path: String) async throws -> CustomerImportService.Outcome {
        try await CustomerImportService.importFile(
            at: path, into: try await ProjectService.find(code, scope: .organisation, on: app.db),
            options: .init(fileName: URL(fileURLWithPath: path).lastPathComponent, actor: actor, now: app.now), on: app.db)
    }

    package func importDoNotCall(path: String) async throws -> DoNotCallService.Report {
        try await DoNotCallService.importFile(at: path, actor: actor, now: app.now, on: app.db)
    }

    package func importRecords(_ kind: RecordKind, path: String) async throws -> RecordImportReport {
        try await RecordImportService.run(kind, path: path, actor: actor, at: app.now, progress: { _, _ in }, on: app.db)
    }

    /// Allocates the project's pool evenly to the agents with these employee numbers.
    package func allocateEvenly(project code: String, agents numbers: [String]) async throws {
        var targets: [AllocationTarget] = []
        for number in numbers { targets.append(.agent(try await AllocationService.agentID(number, on: app.db))) }
        _ = try await AllocationService.allocate(.init(targets: targets, mode: .evenly(limit: nil)),
                                                 in: try await ProjectService.find(code, scope: .organisation, on: app.db),
                                                 scope: .organisation, actor: actor, at: app.now, on: app.db)
    }
}
