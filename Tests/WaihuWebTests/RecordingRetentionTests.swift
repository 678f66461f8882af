import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Recordings are kept at least 90 days and never deleted while a complaint about the call is open (RULES RC-01, RC-02).
@Suite struct RecordingRetentionTests {
    @Test func oldRecordingsGoUnlessAComplaintIsOpen() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            try await DemoCalling.seed(at: now, on: app.db)
            try await DemoHistory.seed(app, at: now)
            let calls = try await CallAttemptModel.query(on: app.db).filter(\.$talkSeconds > 0).limit(2).all()
            try #require(calls.count == 2)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-retention-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var csv = "attempt_id,path_or_url,duration_seconds\n"
            for (index, call) in calls.enumerated() {
                let path = folder.appendingPathComponent("\(index).wav").path
                try Data("RIFF".utf8).write(to: URL(fileURLWithPath: path))
                csv += "\(try call.requireID()),\(path),60\n"
            }
            let admin = try await login(app, "admin", adminPassword)
            _ = try await app.testing().sendRequest(.POST, "/api/v1/records/recordings", headers: ["Authorization": "Bearer \(admin)", "Content-Type": "text/csv"],
                                                    body: ByteBuffer(string: csv))
            // A complaint about the second call, registered and not yet replied to.
            let qa = try await login(app, "qa", DemoOrganisation.password)
            let complaint = try await app.testing().sendRequest(.POST, "/api/v1/complaints", headers: jsonHeaders(qa),
                                                                body: json(["phone": calls[1].phone, "channel": "call", "kind": "attitude",
                                                                            "attempt_id": try calls[1].requireID().uuidString]))
            #expect(complaint.status == .created)

            // Fewer than 90 days is refused.
            let short = try await app.testing().sendRequest(.PUT, "/api/v1/recording-retention", headers: jsonHeaders(admin), body: json(["days": 60]))
            #expect(errorCode(short) == "invalid_field")
            // 89 days on nothing is old enough; 100 days on the first goes, the second stays for its complaint.
            #expect(try await RecordingQueries.purgeExpired(at: now.addingTimeInterval(80 * 86_400), on: app.db) == 0)
            #expect(try await RecordingQueries.purgeExpired(at: now.addingTimeInterval(100 * 86_400), on: app.db) == 1)
            #expect(try await RecordingQueries.recording(try calls[0].requireID(), on: app.db) == nil)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("0.wav").path), "its file deleted")
            #expect(try await RecordingQueries.recording(try calls[1].requireID(), on: app.db) != nil)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("1.wav").path))

            // Kept a year: nothing more goes at 100 days.
            let year = try await app.testing().sendRequest(.PUT, "/api/v1/recording-retention", headers: jsonHeaders(admin), body: json(["days": 365]))
            #expect(year.status == .ok)
            #expect(try await RecordingQueries.purgeExpired(at: now.addingTimeInterval(200 * 86_400), on: app.db) == 0)
        }
    }
}
