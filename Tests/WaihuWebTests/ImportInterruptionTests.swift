import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuStore

/// The `waihu` executable that `swift test` builds beside the test bundle.
let waihuBinary: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/waihu").path
}()

@discardableResult
func runWaihu(_ arguments: [String], wait: Bool = true) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: waihuBinary)
    process.arguments = arguments
    process.environment = ["WAIHU_ADMIN_PASSWORD": "admin-pass-1", "PATH": "/usr/bin:/bin"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    if wait { process.waitUntilExit() }
    return process
}

/// Whether another connection holds the database's write lock (sqlite3 cannot begin a write at once).
func writeLocked(_ path: String) -> Bool {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    probe.arguments = ["-cmd", ".timeout 0", path, "BEGIN IMMEDIATE; ROLLBACK;"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus != 0
}

@Suite(.serialized) struct ImportInterruptionTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: waihuBinary) && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func killMinus9DuringAnImportLeavesNoPartialBatch() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-kill-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = "sqlite://\(directory)/waihu.sqlite"
        try runWaihu(["project", "create", "--database", database, "--code", "K", "--name", "kill", "--type", "marketing"])

        var csv = "客户编号,手机号\n"
        for i in 0..<300_000 { csv += "C\(i),138\(String(format: "%08d", i))\n" }
        try csv.write(toFile: directory + "/big.csv", atomically: true, encoding: .utf8)
        let importer = try runWaihu(["import", "customers", "--database", database, "--project", "K", directory + "/big.csv"], wait: false)

        // Wait until the import is writing inside its transaction (the database's write lock is held:
        // in WAL mode no journal file says so), then kill it a moment later, well before the last rows.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, importer.isRunning, !writeLocked(directory + "/waihu.sqlite") {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(importer.isRunning, "the import must still be running when it is killed")
        kill(importer.processIdentifier, SIGKILL)
        importer.waitUntilExit()
        #expect(importer.terminationReason == .uncaughtSignal)

        let app = try await Application.make(.testing)
        do {
            try DatabaseLocation.sqliteFile(directory + "/waihu.sqlite").register(in: app.databases)
            // All or nothing: on a busy machine the import can commit in the moment before the kill lands; what it
            // must never leave is a batch without all its rows, or rows without their batch.
            let batches = try await BatchModel.query(on: app.db).count(), leads = try await LeadModel.query(on: app.db).count()
            #expect((batches == 0 && leads == 0) || (batches == 1 && leads == 300_000), "\(batches) batches, \(leads) leads")
            #expect(try await ProjectModel.query(on: app.db).count() == 1)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()

        // The database is whole: a smaller import goes through afterwards.
        try "手机号\n13912345678\n".write(toFile: directory + "/small.csv", atomically: true, encoding: .utf8)
        let small = try runWaihu(["import", "customers", "--database", database, "--project", "K", directory + "/small.csv"])
        #expect(small.terminationStatus == 0)
    }
}

/// A command that only reads neither migrates nor creates an administrator, and says when the database is not set up.
@Suite struct ReadOnlyCommandTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: waihuBinary)))
    func aReadingCommandTouchesNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-read-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = "sqlite://\(directory)/waihu.sqlite"
        for command in [["project", "list"], ["metrics"], ["policy", "rules"]] {
            let refused = try runWaihu(command + ["--database", database])
            #expect(refused.terminationStatus != 0, "\(command)")
            #expect(!FileManager.default.fileExists(atPath: directory + "/waihu.sqlite"), "\(command) created the database file")
        }
        #expect(try runWaihu(["migrate", "--database", database]).terminationStatus == 0)
        #expect(try runWaihu(["project", "list", "--database", database]).terminationStatus == 0)
    }
}
