import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Every CSV offered has its workbook for people: the customer data with one column per attribute and status
/// names, the metrics with the agents' names beside their numbers; read back with the import's own reader.
@Suite struct ExportWorkbookTests {
    func workbook(_ response: TestingHTTPResponse) throws -> [[String]] {
        #expect(response.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet", "\(response.body.string)")
        let path = NSTemporaryDirectory() + "waihu-export-\(UUID().uuidString).xlsx"
        try Data(buffer: response.body).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try XLSXReader.records(path: path, sheet: nil).map(\.fields)
    }

    @Test func customersAndMetricsDownloadAsWorkbooks() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 1])
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let taken = try await takeNext(app, agent)
            #expect(try await finish(app, agent, taken.attempt_id, ["disposition": "completed", "talk_seconds": 60]).status == .ok)

            let customers = try workbook(try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/leads.xlsx", headers: jsonHeaders(manager)))
            #expect(customers[0] == ["宽带升级电话营销（DEMO-MKT） 客户数据"])
            #expect(customers[2] == ["行号", "客户编号", "姓名", "地区", "号码", "状态", "班组", "坐席", "分配时间", "套餐"])
            let k1 = try #require(customers.first { $0.count > 1 && $0[1] == "K1" })
            #expect(k1[4] == "138****0101" && k1[5] == LeadStatus.pool.name.zh && k1[9] == "畅享")
            let k0 = try #require(customers.first { $0.count > 1 && $0[1] == "K0" })
            #expect(k0[7] == "A1001" && k0[8] == "2026-11-25 10:00", "allocated at 10:00 local time")

            let metrics = try workbook(try await app.testing().sendRequest(
                .GET, "/api/v1/metrics?project=DEMO-MKT&by=agent&metrics=calls_made,connect_rate&from=2026-11-25&to=2026-11-25&format=xlsx",
                headers: jsonHeaders(manager)))
            #expect(metrics[1] == ["期间 2026-11-25 – 2026-11-25 · DEMO-MKT"])
            #expect(metrics[2] == ["坐席工号", "坐席姓名", MetricID.calls_made.definition.label.zh, MetricID.connect_rate.definition.label.zh])
            // One call, connected: 1 call and a connect rate of 1 (100%).
            #expect(metrics.dropFirst(3).map { $0 } == [["A1001", "张伟", "1", "1"]])
        }
    }
}
