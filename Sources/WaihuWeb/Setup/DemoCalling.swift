import Fluent
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore

/// The demo's calling floor: made-up customers imported and allocated as a manager would, evenly to a
/// team's agents. DEMO-MKT (2,000 customers, 一组 A1001–A1010) dials predictively, so an agent who logs
/// into it receives calls from the simulated telephone network; DEMO-SAT (500, 二组 A1011–A1020) and
/// DEMO-VIP (300, 华信一组 A1021–A1030) are preview projects where the agent takes the next customer.
enum DemoCalling {
    struct Floor {
        var project: String
        var customers: Int
        var agents: ClosedRange<String>
        var mode: DialMode
        var seed: UInt64
        var prefix: String
    }

    static let floors = [
        Floor(project: "DEMO-MKT", customers: 2_000, agents: "A1001" ... "A1010", mode: .predictive, seed: 2026, prefix: "D"),
        Floor(project: "DEMO-SAT", customers: 500, agents: "A1011" ... "A1020", mode: .preview, seed: 2027, prefix: "S"),
        Floor(project: "DEMO-VIP", customers: 300, agents: "A1021" ... "A1030", mode: .preview, seed: 2028, prefix: "V"),
    ]

    static func seed(at now: Date, on db: any Database) async throws {
        let everyone = try await AgentQueries.agents(in: .organisation, on: db)
        for floor in floors {
            guard let project = try await ProjectQueries.project(floor.project, in: .organisation, on: db) else { continue }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-demo-\(UUID().uuidString).csv")
            try customerList(floor).write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let actor = AuditEvent(actorID: nil, actorName: "system", action: "batch.import", targetType: "project")
            _ = try await CustomerImportService.importFile(at: file.path, into: project,
                                                           options: .init(fileName: "demo-customers.csv", actor: actor, now: now), on: db)
            let agents = everyone.filter { floor.agents.contains($0.number) }.compactMap(\.id)
            var allocation = actor
            allocation.action = "lead.allocate"
            _ = try await AllocationService.allocate(.init(targets: agents.map { .agent($0) }, mode: .evenly(limit: nil)), in: project,
                                                     scope: .organisation, actor: allocation, at: now, on: db)
            project.project.dialMode = floor.mode
            try await project.project.save(on: db)
        }
    }

    /// A customer list with real mobile number segments, the same on every start.
    static func customerList(_ floor: Floor) -> String {
        var random = SeededRandom(seed: floor.seed)
        let surnames = Array("张王李赵刘陈杨黄吴周徐孙马朱胡郭何林罗高")
        let regions = ["杭州", "宁波", "温州", "绍兴"]
        let segments = ["138", "139", "186", "150", "177"]
        var csv = "客户编号,姓名,手机号,地区,套餐\n"
        for index in 0 ..< floor.customers {
            let digits = String(format: "%08d", Int(random.next() % 100_000_000))
            let segment = segments[Int(random.next() % UInt64(segments.count))]
            let surname = surnames[Int(random.next() % UInt64(surnames.count))]
            csv += "\(floor.prefix)\(10_000 + index),\(surname)先生,\(segment)\(digits),\(regions[index % regions.count]),\(index % 3 == 0 ? "畅享" : "5G")\n"
        }
        return csv
    }
}
