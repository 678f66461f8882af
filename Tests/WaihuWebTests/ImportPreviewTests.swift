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
