import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

/// The do-not-call list on its page: a file of numbers uploaded (each bad row says why, the good ones are
/// listed), the count of numbers listed, the sources named, the list in pages.
@Suite struct DoNotCallPageTests {
    @Test func aManagerUploadsNumbersAndReadsTheListInPages() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/policy").body.string
            #expect(page.contains("id=\"dnc-upload\""))
            var csv = "phone,reason\n13800000201,complaint\nnot-a-number,complaint\n"
            for index in 0..<55 { csv += "1390000\(String(format: "%04d", index)),refused_calls\n" }
            let uploaded = try await manager.upload("/policy/dnc/upload", file: Array(csv.utf8), name: "dnc.csv", csrfFrom: page)
            // The policy page again (a reload uploads nothing), with what the upload did.
            #expect(uploaded.status == .seeOther)
            let body = try await manager.get("/policy").body.string
            #expect(body.contains("已导入 56 个号码（共 57 行）"), "56 good rows of 57")
            #expect(body.contains("第 3 行"), "the bad row named by its line")
            let listed = try await DoNotCallModel.query(on: app.db).filter(\.$removedAt == nil).count()
            #expect(listed == 56)
            #expect(body.contains("名单中现有号码：<b>56</b>"))
            #expect(body.contains(">文件导入</td>") && !body.contains(">import</td>"), "the source named")
            #expect(!body.contains("13800000201"), "numbers masked")

            // 56 entries, 50 a page: the second page holds the last 6.
            let second = try await manager.get("/policy?page=2").body.string
            #expect(second.components(separatedBy: ">文件导入</td>").count - 1 == 6)
            #expect(second.contains("href=\"/policy?page=1\""))
        }
    }
}
