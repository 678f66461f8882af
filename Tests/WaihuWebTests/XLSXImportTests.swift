import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Writes a minimal workbook by hand: two sheets; the second, 名单, holds the customers with a
/// shared-string header, a phone typed as a number, an inline string and an empty cell.
func makeWorkbook() throws -> [UInt8] {
    let parts: [(String, String)] = [
        ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
        ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="名单" sheetId="2" r:id="rId2"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#),
        ("xl/sharedStrings.xml", #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>客户编号</t></si><si><t>姓名</t></si><si><t>手机号</t></si><si><r><t>张</t></r><r><t>三</t></r></si><si><t>说明文字</t></si></sst>"#),
        ("xl/worksheets/sheet1.xml", #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>4</v></c></row></sheetData></worksheet>"#),
        ("xl/worksheets/sheet2.xml", #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>C1</t></is></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>1.3812345678E10</v></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>C2</t></is></c><c r="C4"><v>13900000001</v></c></row><row r="5"><c r="A5" t="inlineStr"><is><t>C3</t></is></c><c r="C5" t="inlineStr"><is><t>12345</t></is></c></row></sheetData></worksheet>"#),
    ]
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, text) in parts {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                             provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }
    return [UInt8](archive.data!)
}

@Suite struct XLSXImportTests {
    @Test func aNamedSheetImportsWithCorrectNamesAndCounts() async throws {
        try await withWaihu { app in
            let token = try await login(app, "admin", adminPassword)
            _ = try await app.testing().sendRequest(.POST, "/api/v1/projects", headers: jsonHeaders(token),
                                                    body: json(["code": "X1", "name": "表格", "type": "marketing"]))
            var (headers, body) = multipart(try makeWorkbook(), name: "list.xlsx", fields: ["sheet": "名单"])
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/projects/X1/batches", headers: headers, body: body)
            #expect(response.status == .created, "\(response.body.string)")
            let outcome = try response.content.decode(CustomerImportService.Outcome.self)
            #expect(outcome.encoding == "xlsx")
            #expect(outcome.report.rows == 3)
            #expect(outcome.report.accepted == 2)
            #expect(outcome.report.rejected_by_reason == ["invalid_number": 1])
            let leads = try await LeadModel.query(on: app.db).sort(\.$line).all()
            #expect(leads.map(\.line) == [2, 4, 5], "lines are the spreadsheet's row numbers")
            #expect(leads.map(\.name) == ["张三", nil, nil])
            #expect(leads.map(\.phone) == ["13812345678", "13900000001", nil])
        }
    }

    @Test func anUnknownSheetIsRefusedWithTheSheetsThereAre() async throws {
        try await withWaihu { app in
            let token = try await login(app, "admin", adminPassword)
            _ = try await app.testing().sendRequest(.POST, "/api/v1/projects", headers: jsonHeaders(token),
                                                    body: json(["code": "X1", "name": "表格", "type": "marketing"]))
            var (headers, body) = multipart(try makeWorkbook(), name: "list.xlsx", fields: ["sheet": "Sheet9"])
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/projects/X1/batches", headers: headers, body: body)
            #expect(response.status == .badRequest)
            #expect(errorCode(response) == "unknown_sheet")
            #expect(response.body.string.contains("名单"))
            #expect(try await BatchModel.query(on: app.db).count() == 0)
        }
    }
}
