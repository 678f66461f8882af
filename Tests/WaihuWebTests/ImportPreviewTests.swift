import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

@Suite struct ImportPreviewTests {
    @Test func aGBKFileIsPreviewedWithItsColumnsMaskedNumbersAndRowChecksButNothingStored() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let file = gbk("客户编号,姓名,手机号,套餐\nC1,张三,13812345678,畅享\nC2,李四,1381234,5G\n")
            var (headers, body) = multipart(file)
            headers.bearerAuthorization = BearerAuthorization(token: manager)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/batches/preview",
                                                               headers: headers, body: body)
            #expect(response.status == .ok, "\(response.body.string)")
            let preview = try response.content.decode(CustomerPreview.self)
            #expect(preview.encoding == "gb18030")
            #expect(preview.columns.map(\.field) == ["customer_id", "name", "phone", "attribute"])
            #expect(preview.columns.map(\.header) == ["客户编号", "姓名", "手机号", "套餐"])
            #expect(preview.rows.map(\.line) == [2, 3])
            #expect(preview.rows[0].fields == ["C1", "张三", "138****5678", "畅享"])
            #expect(preview.rows[0].problem.isEmpty)
            #expect(preview.rows[1].problem.hasPrefix("号码无效"))
            #expect(!response.body.string.contains("13812345678"))
            #expect(try await BatchModel.query(on: app.db).count() == 0)
            #expect(try await LeadModel.query(on: app.db).count() == 0)
        }
    }

    @Test func theHeadOfALargeFileIsEnoughAndOnlyTenRowsAreRead() async throws {
        try await withWaihu(demo: true) { app in
            var csv = "手机号,地区\n"
            for index in 0..<40 { csv += "139000001\(String(format: "%02d", index)),杭州\n" }
            // Cut after the first byte of 杭 in the 26th row, as a browser's slice of a file may cut a character.
            let rowBytes = Array("13900000100,杭州\n".utf8).count
            let cut = Array("手机号,地区\n".utf8).count + 25 * rowBytes + Array("13900000125,".utf8).count + 1
            let bytes = Array(Array(csv.utf8).prefix(cut))
            var browser = PageSession(app: app)
            let form = try await browser.get("/login")
            _ = try await browser.post("/login", form: ["username": "manager", "password": DemoOrganisation.password], csrfFrom: form.body.string)
            let page = try await browser.get("/projects/DEMO-MKT")
            #expect(page.body.string.contains("id=\"import-form\""))
            var (headers, body) = multipart(bytes, fields: ["_csrf": PageSession.csrf(in: page.body.string)])
            headers.add(name: .cookie, value: browser.cookie ?? "")
            let response = try await app.testing().sendRequest(.POST, "/projects/DEMO-MKT/batches/preview", headers: headers, body: body)
            #expect(response.status == .ok, "\(response.body.string)")
            let preview = try response.content.decode(CustomerPreview.self)
            #expect(preview.rows.count == CustomerPreview.rowCount)
            #expect(preview.rows.last?.fields == ["139****0109", "杭州"])
        }
    }

    @Test func aFileWithoutAPhoneColumnIsExplained() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            var (headers, body) = multipart(Array("姓名,地区\n张三,北京\n".utf8))
            headers.bearerAuthorization = BearerAuthorization(token: manager)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/batches/preview",
                                                               headers: headers, body: body)
            #expect(response.status == .badRequest)
            #expect(errorCode(response) == "no_phone_column")
        }
    }
}

/// Sent the whole file, the preview counts every row as the import would and names the file imported before.
@Suite struct ImportPreviewWholeFileTests {
    @Test func theWholeFileIsCountedByTheImportsRulesAndAFileImportedBeforeIsNamed() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let listed = try await app.testing().sendRequest(.POST, "/api/v1/dnc", headers: jsonHeaders(manager),
                                                             body: json(["phone": "13900000009", "reason": "complaint"]))
            #expect(listed.status == .created || listed.status == .ok, "\(listed.body.string)")
            // 13 rows past the first 10 shown: 8 new, one already in the project (K3's), one repeating a row
            // above, one invalid, one listed do-not-call, one without a number.
            var csv = "手机号,姓名\n"
            for index in 0..<8 { csv += "1390000010\(index),新客户\(index)\n" }
            csv += "13800000103,老客户\n13900000100,重复\n12345,无效\n13900000009,禁呼\n,无号码\n"
            func preview(_ text: String) async throws -> CustomerPreview {
                var (headers, body) = multipart(Array(text.utf8), fields: ["whole": "true"])
                headers.bearerAuthorization = BearerAuthorization(token: manager)
                let response = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/batches/preview", headers: headers, body: body)
                #expect(response.status == .ok, "\(response.body.string)")
                return try response.content.decode(CustomerPreview.self)
            }
            let counted = try await preview(csv)
            #expect(counted.rows.count == 10, "ten rows shown")
            let report = try #require(counted.report)
            #expect(report.rows == 13 && report.accepted == 8 && report.rejected == 5)
            #expect(report.rejected_by_reason == ["duplicate_in_project": 1, "duplicate_in_batch": 1, "invalid_number": 1, "dnc": 1, "missing_phone": 1])
            #expect(counted.reasons?.first { $0.reason == "duplicate_in_project" }?.label.isEmpty == false)
            #expect(counted.rows[8].problem.isEmpty == false, "the project's number is flagged in the rows shown")
            #expect(counted.imported_before == nil)
            #expect(try await LeadModel.query(on: app.db).count() == 10, "nothing stored")

            // The ten leads' file again: named as imported before, by whom.
            var again = "客户编号,姓名,手机号,地区,套餐\n"
            for index in 0..<10 {
                again += "K\(index),客户\(index),138000001\(String(format: "%02d", index)),\(index % 2 == 0 ? "北京" : "上海"),\(index < 3 ? "畅享" : "5G")\n"
            }
            let repeated = try await preview(again)
            #expect(repeated.imported_before?.contains("customers.csv") == true && repeated.imported_before?.contains("允许重复导入") == true)
            #expect(repeated.report?.rejected_by_reason == ["duplicate_in_project": 10])
        }
    }
}
