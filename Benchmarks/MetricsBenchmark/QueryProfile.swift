import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

/// Times the agent × day query on a database the benchmark already filled, loading and calculating apart.
enum QueryProfile {
    static func run(directory: String) async throws {
        let app = try await BenchApp.open(directory + "/waihu.sqlite")
        let query = try MetricQuery(from: LocalDate("2026-10-01"), to: LocalDate("2026-10-30"), by: [.agent, .day],
                                    timeZone: TimeZone(identifier: "Asia/Shanghai")!, asOf: Date())
        for _ in 1 ... 3 {
            var start = Date()
            let records = try await MetricQueries.records(for: query, on: app.db)
            let load = Date().timeIntervalSince(start)
            start = Date()
            let rows = MetricEngine(records: records, query: query).rows(MetricID.allCases)
            let compute = Date().timeIntervalSince(start)
            print(String(format: "load %.2f s (%d attempts, %d intervals), calculate %.2f s, %d rows", load, records.attempts.count,
                         records.intervals.count, compute, rows.count))
        }
        try await app.asyncShutdown()
    }
}
