import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuWeb

/// Every figure shows its formula: on the definitions page and as the tooltip of its column; a rate whose
/// formula lets it pass 100% says so; the splits are named, not coded.
@Suite struct MetricDefinitionsTests {
    @Test func theFormulasAreBesideTheFigures() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let token = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: token)
            _ = try await allocate(app, token, ["agents": ["A1001"], "mode": "count", "count": 1])
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let taken = try await takeNext(app, agent)
            #expect(try await finish(app, agent, taken.attempt_id, ["disposition": "completed", "talk_seconds": 60]).status == .ok)
            var manager = try await signIn(app, "manager")
            let definitions = try await manager.get("/reports/definitions").body.string
            for definition in MetricCatalog.all {
                #expect(definitions.contains(definition.label.zh), "\(definition.id) listed")
            }
            #expect(definitions.contains("\(MetricID.target_progress.definition.formula.zh)（百分比；按公式可超过 100%）"))
            #expect(definitions.contains("\(MetricID.connect_rate.definition.formula.zh)（百分比）"), "a share of its denominator cannot pass 100%")
            let page = try await manager.get("/reports/metrics?metrics=connect_rate&by=project,day").body.string
            #expect(page.contains("title=\"\(MetricID.connect_rate.definition.formula.zh)（百分比）\">\(MetricID.connect_rate.definition.label.zh)</th>"))
            #expect(page.contains("selected>项目 × 日</option>") && !page.contains(">project,day<"))
            // The filters offer what they take: projects by code, agents by number, within the scope.
            #expect(page.contains("<option value=\"DEMO-MKT\" label=\"宽带升级电话营销\">") && page.contains("<option value=\"A1001\" label=\"张伟\">"))
            var supervisor = try await signIn(app, "supervisor")
            let own = try await supervisor.get("/reports/metrics").body.string
            #expect(own.contains("<option value=\"A1020\"") && !own.contains("<option value=\"A1021\""), "the vendor's agents are not the supervisor's")
        }
    }
}
