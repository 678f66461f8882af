import BenchmarkSupport
import Foundation
import Vapor
import WaihuApp
import WaihuStore
import WaihuWeb

/// Import benchmark (issue: customer data): a 1,000,000-row customer file and a 1,000,000-number
/// do-not-call list into a fresh SQLite database (or the empty PostgreSQL database of `--database URL`), against
/// `sqlite3 .import` of the same file.
/// usage: ImportBenchmark [rows] [work-dir] [--database URL]
let arguments = BenchmarkDatabase.arguments
let rows = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let directory = arguments.count > 2 ? arguments[2] : NSTemporaryDirectory() + "waihu-bench"
try? FileManager.default.removeItem(atPath: directory)
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
let customers = directory + "/customers.csv"
let dnc = directory + "/dnc.csv"
let database = directory + "/waihu.sqlite"

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = Date()
    try await body()
    return Date().timeIntervalSince(start)
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let generator = CustomerFileGenerator(rows: rows, dncSize: rows)
var expected = CustomerFileGenerator.Expected()
let generation = try await seconds { expected = try generator.writeCustomers(to: customers); try generator.writeDoNotCall(to: dnc) }
let size = Double((try FileManager.default.attributesOfItem(atPath: customers)[.size] as? NSNumber)?.int64Value ?? 0) / 1e6
print(String(format: "generated %d rows (%.1f MB) and a %d-number do-not-call list in %.1f s", rows, size, rows, generation))
let memoryBefore = peakMemoryMB()
let memory = MemoryWatch()

var env = Environment(name: "production", arguments: ["bench"])
env.arguments = ["bench"]
let app = try await Application.make(env)
app.logger.logLevel = .warning
try await configure(app, WaihuSettings(database: try BenchmarkDatabase.location(sqliteFile: database), adminPassword: "bench-pass-1",
                                       announce: { _ in }))
let setup = BenchmarkSetup(app)
try await setup.createProject("BENCH", name: "benchmark")

var dncReport: DoNotCallService.Report?
let dncTime = try await seconds { dncReport = try await setup.importDoNotCall(path: dnc) }
print(String(format: "do-not-call list: %d numbers in %.2f s; peak memory so far %.0f MB", dncReport?.added ?? 0, dncTime, peakMemoryMB()))

var outcome: CustomerImportService.Outcome?
let importTime = try await seconds { outcome = try await setup.importCustomers(project: "BENCH", path: customers) }
try await app.asyncShutdown()
let report = outcome!.report
print(String(format: "%@ customer import: %d rows in %.2f s = %.0f rows/s; peak memory %.0f MB (%.0f MB before the imports)",
             BenchmarkDatabase.name, report.rows, importTime, Double(report.rows) / importTime, peakMemoryMB(), memoryBefore))
let (own, mapped) = memory.peaks
memory.stop()
print(String(format: "  of which at most %.0f MB the process's own (heap, stacks) and %.0f MB pages of mapped files (the program, SQLite's mapped database file)",
             own, mapped))
print("report: accepted \(report.accepted), rejected \(report.rejected_by_reason.sorted { $0.key < $1.key })")
let exact = report.accepted == expected.accepted && report.rejected_by_reason["invalid_number"] == expected.invalid
    && report.rejected_by_reason["duplicate_in_batch"] == expected.duplicates && report.rejected_by_reason["dnc"] == expected.dnc
print("expected by construction: accepted \(expected.accepted), invalid \(expected.invalid), duplicates \(expected.duplicates), dnc \(expected.dnc) → \(exact ? "exact" : "MISMATCH")")

let raw = directory + "/raw.sqlite"
let sqlite = Process()
sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
sqlite.arguments = [raw, "-cmd", ".mode csv", ".import \(customers) raw"]
let rawTime = try await seconds { try sqlite.run(); sqlite.waitUntilExit() }
print(String(format: "sqlite3 .import of the same file: %.2f s; Waihu / raw = %.1f×", rawTime, importTime / rawTime))
if !exact { exit(1) }
