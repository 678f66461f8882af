import Foundation
import Testing
@testable import WaihuCore
@testable import WaihuStore

/// A written workbook read back by the import's own XLSX reader.
@Suite struct XLSXWriterTests {
    @Test func aWrittenWorkbookReadsBackCellForCell() throws {
        let table = ReportTable(sheets: [
            .init(name: "项目", rows: [[.text("项目"), .text("接通率 <&>")], [.text("P1"), .number(0.25)], [.text("P2"), .empty]]),
            .init(name: "班组/组", rows: [[.text("班组")], [.text("一组")]]),
        ])
        let path = NSTemporaryDirectory() + "waihu-xlsx-\(UUID().uuidString).xlsx"
        try XLSXWriter.workbook(table).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try XLSXReader.records(path: path, sheet: nil)
        #expect(first.map(\.fields) == [["项目", "接通率 <&>"], ["P1", "0.25"], ["P2"]])
        // Excel refuses "/" in a sheet name: it is left out.
        let second = try XLSXReader.records(path: path, sheet: "班组组")
        #expect(second.map(\.fields) == [["班组"], ["一组"]])
    }

    @Test func columnsAreLetteredAsExcelDoes() {
        #expect(XLSXWriter.column(0) == "A" && XLSXWriter.column(25) == "Z" && XLSXWriter.column(26) == "AA" && XLSXWriter.column(60) == "BI")
    }
}
