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

    /// A sheet for people: its title lines above the header, the header kept in view, percentages typed as
    /// such (the value stays the fraction), columns as wide as their contents.
    @Test func aSheetHasItsTitleAFrozenHeaderPercentagesAndWidths() throws {
        let sheet = ReportTable.Sheet(name: "指标", title: ["指标", "期间 2026-11-01 – 2026-11-30"],
                                      rows: [[.text("坐席工号"), .text("坐席姓名"), .text("接通率")], [.text("A1001"), .text("张伟"), .percent(0.2975)]])
        let xml = XLSXWriter.worksheet(sheet)
        #expect(xml.contains("<pane ySplit=\"3\" topLeftCell=\"A4\""), "two title lines and the header stay in view")
        #expect(xml.contains("<c r=\"C4\" s=\"1\"><v>0.2975</v></c>"), "a percentage styled, its value the fraction")
        #expect(xml.contains("<c r=\"A3\" t=\"inlineStr\" s=\"2\">"), "the header bold")
        // 坐席工号: four Chinese characters, 2 each, and 2 to spare.
        #expect(XLSXWriter.columnWidths(sheet.rows) == [10, 10, 9])
        let path = NSTemporaryDirectory() + "waihu-xlsx-\(UUID().uuidString).xlsx"
        try XLSXWriter.workbook(ReportTable(sheets: [sheet])).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try XLSXReader.records(path: path, sheet: nil).map(\.fields) == [["指标"], ["期间 2026-11-01 – 2026-11-30"],
                                                                                ["坐席工号", "坐席姓名", "接通率"], ["A1001", "张伟", "0.2975"]])
        #expect(ReportTable.Cell.percent(0.2975).csvText == "29.75%")
    }

    @Test func columnsAreLetteredAsExcelDoes() {
        #expect(XLSXWriter.column(0) == "A" && XLSXWriter.column(25) == "Z" && XLSXWriter.column(26) == "AA" && XLSXWriter.column(60) == "BI")
    }
}
