import Foundation
import WaihuCore
import ZIPFoundation

/// Writes sheets of cells as an Office Open XML workbook (.xlsx) that Excel and WPS open: text as
/// inline strings, numbers as numbers, one worksheet per sheet.
public enum XLSXWriter {
    public static func workbook(_ table: ReportTable) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let names = sheetNames(table.sheets.map(\.name))
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(timeIntervalSince1970: 1_767_225_600),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position) ..< Int(position) + size)
            }
        }
        let sheets = table.sheets.indices.map { $0 + 1 }
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            \(sheets.map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
            </Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            \(sheets.map { "<sheet name=\"\(escape(names[$0 - 1]))\" sheetId=\"\($0)\" r:id=\"rId\($0)\"/>" }.joined())\
            </sheets></workbook>
            """)
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(sheets.map { "<Relationship Id=\"rId\($0)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>" }.joined())\
            </Relationships>
            """)
        for (index, sheet) in table.sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet))
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static func worksheet(_ sheet: ReportTable.Sheet) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in sheet.rows.enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = column(c) + "\(r + 1)"
                switch cell {
                case .text(let text): xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(escape(text))</t></is></c>"
                case .number(let value) where value.isFinite: xml += "<c r=\"\(ref)\"><v>\(value)</v></c>"
                default: break
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
    static func column(_ index: Int) -> String {
        var index = index + 1, name = ""
        while index > 0 {
            let rest = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + rest))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// Sheet names as Excel allows them: at most 31 characters, none of []:*?/\, unique.
    static func sheetNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.enumerated().map { index, name in
            var clean = String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
            if clean.isEmpty || used.contains(clean) { clean = "Sheet\(index + 1)" }
            used.insert(clean)
            return clean
        }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
