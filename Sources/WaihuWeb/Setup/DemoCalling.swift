import Fluent
import Foundation
import WaihuCore
import WaihuStore

/// The demo's calling floor: DEMO-MKT gets 2,000 made-up customers, imported and allocated as a
/// manager would (evenly to the agents of 一组, A1001–A1010), and dials them predictively, so an
/// agent who logs into it receives calls from the simulated telephone network.
enum DemoCalling {
    static let customers = 2_000

    static func seed(at now: Date, on db: any Database) async throws {
        guard let project = try await ProjectQueries.project("DEMO-MKT", in: .organisation, on: db) else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-demo-\(UUID().uuidString).csv")
        try customerList().write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let actor = AuditEvent(actorID: nil, actorName: "system", action: "batch.import", targetType: "project")
        _ = try await CustomerImportService.importFile(at: file.path, into: project,
                                                       options: .init(fileName: "demo-customers.csv", actor: actor), on: db)
        let agents = try await AgentQueries.agents(in: .organisation, on: db).filter { $0.number <= "A1010" }.compactMap(\.id)
        var allocation = actor
        allocation.action = "lead.allocate"
        _ = try await AllocationService.allocate(.init(targets: agents.map { .agent($0) }, mode: .evenly(limit: nil)), in: project,
                                                 scope: .organisation, actor: allocation, at: now, on: db)
        project.project.dialMode = DialMode.predictive.rawValue
        try await project.project.save(on: db)
    }

    /// A customer list with real mobile number segments, the same on every start.
    static func customerList() -> String {
        var random = SeededRandom(seed: 2026)
        let surnames = Array("张王李赵刘陈杨黄吴周徐孙马朱胡郭何林罗高")
        let regions = ["杭州", "宁波", "温州", "绍兴"]
        let segments = ["138", "139", "186", "150", "177"]
        var csv = "客户编号,姓名,手机号,地区,套餐\n"
        for index in 0 ..< customers {
            let digits = String(format: "%08d", Int(random.next() % 100_000_000))
            let segment = segments[Int(random.next() % UInt64(segments.count))]
            let surname = surnames[Int(random.next() % UInt64(surnames.count))]
            csv += "D\(10_000 + index),\(surname)先生,\(segment)\(digits),\(regions[index % regions.count]),\(index % 3 == 0 ? "畅享" : "5G")\n"
        }
        return csv
    }
}
