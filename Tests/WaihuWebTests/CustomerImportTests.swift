import Fluent
import Foundation
import Glibc
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// UTF-8 → GB18030 through iconv: the way Excel's GBK files come about, independent of the importer's decoder.
func gbk(_ text: String) -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")!
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 8)
    var produced = 0
    input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var outLeft = outBuf.count
            _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            produced = outBuf.count - outLeft
        }
    }
    return Array(output[..<produced])
}

func multipart(_ file: [UInt8], name: String = "customers.csv", fields: [String: String] = [:]) -> (HTTPHeaders, ByteBuffer) {
    let boundary = "WAIHUTEST"
    var body = ByteBuffer()
    for (key, value) in fields {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n")
    }
    body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n")
    body.writeBytes(file)
    body.writeString("\r\n--\(boundary)--\r\n")
    return (["Content-Type": "multipart/form-data; boundary=\(boundary)"], body)
}

@Suite struct CustomerImportTests {
    /// Rows and their fates by construction: C1 and C4 accepted, C2 invalid, C3 a repeat of C1,
    /// C5 on the do-not-call list, C6 a special customer.
    let file = """
        客户编号,姓名,手机号,地区,套餐
        C1,张三,13812345678,北京,畅享
        C2,李四,1381234,上海,5G
        C3,王五,+86 138-1234-5678,广州,宽带
        C4,赵六,13900000001,深圳,家庭
        C5,钱七,13900000002,杭州,畅享
        C6,孙八,01061234567,北京,5G
        """

    func prepare(_ app: Application) async throws -> String {
        let token = try await login(app, "admin", adminPassword)
        let created = try await app.testing().sendRequest(.POST, "/api/v1/projects", headers: jsonHeaders(token),
                                                          body: json(["code": "P1", "name": "名单", "type": "marketing"]))
        #expect(created.status == .created)
        try await DoNotCallQueries.add([("13900000002", "complaint"), ("01061234567", "special")], source: "test",
                                       addedBy: "test", at: Date(), expiresAt: nil, on: app.db)
        return token
    }

    @Test func aGBKFileWithChineseHeadersImportsWithExactCounts() async throws {
        try await withWaihu { app in
            let token = try await prepare(app)
            var (headers, body) = multipart(gbk(file))
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/projects/P1/batches", headers: headers, body: body)
            #expect(response.status == .created, "\(response.body.string)")
            let outcome = try response.content.decode(CustomerImportService.Outcome.self)
            #expect(outcome.encoding == "gb18030")
            #expect(outcome.report.rows == 6)
            #expect(outcome.report.accepted == 2)
            #expect(outcome.report.rejected_by_reason == ["invalid_number": 1, "duplicate_in_batch": 1, "dnc": 1, "special": 1])
            #expect(try response.content.get(Double.self, at: "report", "dialable_rate") == 2.0 / 6.0)

            let leads = try await LeadModel.query(on: app.db).filter(\.$rejection == nil).sort(\.$line).all()
            #expect(leads.map(\.name) == ["张三", "赵六"])
            #expect(leads.map(\.phone) == ["13812345678", "13900000001"])
            #expect(leads.first?.attributes.contains("畅享") == true)
            #expect(try await LeadModel.query(on: app.db).count() == 6, "rejected rows are leads too (account size)")
        }
    }

    @Test func theSameFileTwiceIsRefusedUnlessAskedAndNothingIsLost() async throws {
        try await withWaihu { app in
            let token = try await prepare(app)
            var (headers, body) = multipart(Array(file.utf8))
            headers.bearerAuthorization = BearerAuthorization(token: token)
            _ = try await app.testing().sendRequest(.POST, "/api/v1/projects/P1/batches", headers: headers, body: body)
            let again = try await app.testing().sendRequest(.POST, "/api/v1/projects/P1/batches", headers: headers, body: body)
            #expect(again.status == .conflict)
            #expect(errorCode(again) == "duplicate_file")
            #expect(try await BatchModel.query(on: app.db).count() == 1)

            var (allowHeaders, allowBody) = multipart(Array(file.utf8), fields: ["allow_duplicate_file": "true"])
            allowHeaders.bearerAuthorization = BearerAuthorization(token: token)
            let allowed = try await app.testing().sendRequest(.POST, "/api/v1/projects/P1/batches", headers: allowHeaders, body: allowBody)
            #expect(allowed.status == .created)
            let report = try allowed.content.decode(CustomerImportService.Outcome.self).report
            #expect(report.rejected_by_reason["duplicate_in_project"] == 2, "C1 and C4 are already in the project")
        }
    }

    @Test func aFileWithoutPhoneColumnStoresNothing() async throws {
        try await withWaihu { app in
            let token = try await prepare(app)
            var (headers, body) = multipart(Array("姓名,地址\n张三,北京\n".utf8))
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/projects/P1/batches", headers: headers, body: body)
            #expect(response.status == .badRequest)
            #expect(errorCode(response) == "no_phone_column")
            #expect(try await BatchModel.query(on: app.db).count() == 0)
            #expect(try await LeadModel.query(on: app.db).count() == 0)
        }
    }

    @Test func rejectedRowsDownloadWithLineAndReasonAndTheExportIsAudited() async throws {
        try await withWaihu { app in
            let token = try await prepare(app)
            var (headers, body) = multipart(Array(file.utf8))
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let outcome = try await app.testing().sendRequest(.POST, "/api/v1/projects/P1/batches", headers: headers, body: body)
                .content.decode(CustomerImportService.Outcome.self)
            let csv = try await app.testing().sendRequest(.GET, "/api/v1/batches/\(outcome.batch_id)/rejects.csv", headers: jsonHeaders(token))
            let records = CSVParser.parse(csv.body.string.replacingBOM())
            #expect(records.first?.fields.prefix(4) == ["line", "reason_zh", "reason_en", "客户编号"])
            #expect(records.dropFirst().map { $0.fields[0] } == ["3", "4", "6", "7"])
            #expect(records[1].fields[2].hasPrefix("invalid number"))
            #expect(try await AuditLog.entries(AuditFilter(action: "export.rejects"), on: app.db).count == 1)

            let agentOnly = try await app.testing().sendRequest(.GET, "/api/v1/batches/\(outcome.batch_id)/rejects.csv")
            #expect(agentOnly.status == .unauthorized)
        }
    }
}
