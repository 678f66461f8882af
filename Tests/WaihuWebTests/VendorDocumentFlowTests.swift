import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

extension VendorFlowTests {
    func sendFile(_ app: Application, _ token: String, vendor: UUID, _ query: String, _ body: String) async throws -> TestingHTTPResponse {
        var headers = jsonHeaders(token)
        headers.replaceOrAdd(name: .contentType, value: "application/pdf")
        return try await app.testing().sendRequest(.POST, "/api/v1/vendors/\(vendor)/documents?\(query)", headers: headers, body: ByteBuffer(string: body))
    }

    /// Papers on file (issue 18 item 1): a vendor's administrator uploads its own and no other's, a manager any vendor's; an
    /// empty file, an unknown kind or a bad date saves nothing; a paper past its day shows expired; files come back as sent.
    @Test func vendorsKeepTheirPapersOnFile() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let vendorUser = try await login(app, "vendor", DemoOrganisation.password)
            let qa = try await login(app, "qa", DemoOrganisation.password)
            let vendors = try await send(app, .GET, manager, "/api/v1/vendors").content.decode([VendorReads.View].self)
            let huaxin = try #require(vendors.first { $0.legal_name == DemoVendors.huaxin }).id
            let decheng = try #require(vendors.first { $0.legal_name == DemoVendors.decheng }).id

            #expect(errorCode(try await sendFile(app, vendorUser, vendor: huaxin, "kind=nda&file_name=nda.pdf", "")) == "empty_file")
            #expect(errorCode(try await sendFile(app, vendorUser, vendor: huaxin, "kind=diploma&file_name=a.pdf", "x")) == "invalid_field")
            #expect(errorCode(try await sendFile(app, vendorUser, vendor: huaxin, "kind=nda&file_name=a.pdf&valid_until=2026-13-01", "x")) == "invalid_field")
            #expect(try await sendFile(app, vendorUser, vendor: decheng, "kind=nda&file_name=a.pdf", "x").status == .notFound)
            #expect(try await sendFile(app, qa, vendor: huaxin, "kind=nda&file_name=a.pdf", "x").status == .forbidden)
            #expect(try await VendorDocumentModel.query(on: app.db).count() == 0)

            let own = try await sendFile(app, vendorUser, vendor: huaxin, "kind=nda&file_name=%E4%BF%9D%E5%AF%86%E5%8D%8F%E8%AE%AE.pdf&valid_until=2027-12-31", "%PDF-nda")
            #expect(own.status == .created)
            let ndaID = try own.content.decode(VendorDocumentService.View.self).id
            let licence = try await sendFile(app, manager, vendor: decheng, "kind=business_licence&file_name=licence.pdf&valid_until=2026-12-01", "%PDF-licence")
            let shown = try licence.content.decode(VendorDocumentService.View.self)
            #expect(shown.expired && shown.kind_name.zh == "营业执照")

            let listed = try await send(app, .GET, vendorUser, "/api/v1/vendors/\(huaxin)/documents").content.decode([VendorDocumentService.View].self)
            #expect(listed.map(\.file_name) == ["保密协议.pdf"] && !listed[0].expired && listed[0].size == 8)
            #expect(try await send(app, .GET, manager, "/api/v1/vendor-documents/\(ndaID)/file").body.string == "%PDF-nda")
            #expect(try await send(app, .GET, vendorUser, "/api/v1/vendor-documents/\(shown.id)/file").status == .notFound)

            var page = try await signIn(app, "vendor")
            let html = try await page.get("/vendors/\(huaxin)").body.string
            #expect(html.contains("id=\"vendor-documents\"") && html.contains("保密协议.pdf") && html.contains("vendor-document-upload"))
        }
    }
}
