import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

/// Times a month's sampling (issue 17: 5,000,000 attempts of 200 agents in ≤ 2 s) on a database the benchmark
/// already filled: for each project, its connected calls of the month read from the database (`QualityQueries.candidates`,
/// with the complaint and phrase flags) and the default plan's choice (max(5, 1%) per agent), as `waihu qa sample` does
/// before it writes the tasks; the tasks themselves are not written, so that a second run samples the same calls.
enum SampleProfile {
    static func run(directory: String) async throws {
        let app = try await BenchApp.open(directory + "/waihu.sqlite")
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let from = LocalTime.instant(LocalDate("2026-10-01")!, in: zone), to = LocalTime.instant(LocalDate("2026-11-01")!, in: zone)
        let plan = try SamplingPlan(seed: 2026)
        let attempts = try await CallAttemptModel.query(on: app.db).count()
        for round in 1 ... 2 {
            var (read, choose, candidates, chosen) = (0.0, 0.0, 0, 0)
            for project in try await ProjectModel.query(on: app.db).all() {
                var start = Date()
                let found = try await QualityQueries.candidates(project: try project.requireID(), from: from, to: to, on: app.db)
                read += Date().timeIntervalSince(start)
                start = Date()
                chosen += plan.choose(found).count
                choose += Date().timeIntervalSince(start)
                candidates += found.count
            }
            print(String(format: "sampling round %d: %d attempts in the database, %d connected calls read in %.2f s, %d chosen in %.2f s: %.2f s in all",
                         round, attempts, candidates, read, chosen, choose, read + choose))
        }
        try await app.asyncShutdown()
    }
}
