import Fluent
import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The data-protection gate's cost on the take (issue 18 item 3): every take by an agent passes
/// `VendorService.gate` for the agent's site, and the dialer's reservation `VendorService.barred` for the agents
/// present. Times both for the center's own site and for a vendor's site (a qualified vendor with three contracts
/// and an NDA), so that the figures sit beside the reservation's own latency.
enum GateProfile {
    static func run(app: Application, now: Date, calls: Int) async throws -> String {
        let db = app.db
        let own = SiteModel(name: "闸门基准自有现场", kind: .own)
        try await own.create(on: db)
        let vendorSite = SiteModel(name: "闸门基准外呼公司", kind: .vendor)
        try await vendorSite.create(on: db)
        let facts = VendorService.Facts(licence_check_year: 2026, tax_registered: true, independent_legal_person: true, registered_capital: 1_000_000,
                                        seats: 20, agents: 25, office_area: 120, recording_retention_days: 180, experience_years: 4, warnings_last_year: 0)
        let vendor = try await VendorService.register(.init(legal_name: "闸门基准外呼有限公司", model: "exclusive", categories: "survey",
                                                            sites: [vendorSite.name], facts: facts), by: .system, at: now, on: db)
        let vendorID = try vendor.requireID()
        for (index, year) in [2024, 2025, 2026].enumerated() {
            _ = try await VendorService.addContract(vendorID, .init(number: "GATE-\(index)", starts_on: "\(year)-01-01", ends_on: "\(year)-12-31",
                                                                    nda_signed_on: "\(year)-01-01"), by: .system, at: now, on: db)
        }
        _ = try await VendorService.qualify(vendorID, from: LocalDate("2026-01-01")!, override: nil, by: .system, at: now, on: db)
        // Two hundred agents, half of them the vendor's, for the dialer's check of the agents present.
        var agents: [UUID] = []
        for index in 0 ..< 200 {
            let agent = AgentModel()
            agent.number = "G\(index)"
            agent.name = "闸门\(index)"
            agent.skill = "outbound"
            agent.hiredOn = "2025-01-01"
            agent.siteID = index % 2 == 0 ? try own.requireID() : try vendorSite.requireID()
            try await agent.create(on: db)
            agents.append(try agent.requireID())
        }
        let day = LocalDate(now, in: TimeZone(identifier: "Asia/Shanghai")!)
        func time(_ body: () async throws -> Void) async rethrows -> [Double] {
            var samples: [Double] = []
            for _ in 0 ..< calls {
                let start = ContinuousClock.now
                try await body()
                let elapsed = ContinuousClock.now - start
                samples.append((Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * 1000)
            }
            return samples.sorted()
        }
        let ownSite = try own.requireID(), theirs = try vendorSite.requireID()
        let ownTimes = try await time { try await VendorService.gate(site: ownSite, on: day, db: db) }
        let vendorTimes = try await time { try await VendorService.gate(site: theirs, on: day, db: db) }
        let barredTimes = try await time { _ = try await VendorService.barred(agents, on: day, db: db) }
        func line(_ name: String, _ sorted: [Double]) -> String {
            String(format: "%@: p50 %.3f ms, p99 %.3f ms", name, sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 99 / 100)])
        }
        return [line("gate, own site (every take)", ownTimes), line("gate, vendor site with 3 contracts (every take)", vendorTimes),
                line("barred, 200 agents present (every dialer reservation)", barredTimes)].joined(separator: "\n")
    }
}
