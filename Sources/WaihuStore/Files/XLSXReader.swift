import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import WaihuCore
import ZIPFoundation

/// Reads the rows of one sheet of an XLSX workbook as records, like a CSV file's:
/// shared and inline strings, numbers (whole numbers written without exponent), gaps filled.
public enum XLSXReader {
    /// Whether the bytes start like a ZIP archive (an XLSX file).
    public static func looksLikeXLSX(_ prefix: [UInt8]) -> Bool {
        prefix.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// The rows of `sheet` (by name), or of the first sheet; `line` is the spreadsheet row number.
    public static func records(path: String, sheet: String?) throws(DomainError) -> [CSVParser.Record] {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw problem("the file is not a readable XLSX workbook")
        }
        let sheetPath = try sheetPart(archive, name: sheet)
        let strings = try read(archive, "xl/sharedStrings.xml", optional: true).map(SharedStringsParser.parse) ?? []
        guard let data = try read(archive, sheetPath, optional: false) else { throw problem("the sheet \(sheetPath) is missing") }
        return SheetParser.parse(data, strings: strings)
    }

    static func read(_ archive: Archive, _ path: String, optional: Bool) throws(DomainError) -> Data? {
        guard let entry = archive[path] else {
            if optional { return nil }
            throw problem("the part \(path) is missing")
        }
        var data = Data()
        do { _ = try archive.extract(entry, consumer: { data.append($0) }) } catch { throw problem("the part \(path) is damaged") }
        return data
    }

    /// The worksheet part of the named sheet (or the first), through workbook.xml and its relationships.
    static func sheetPart(_ archive: Archive, name: String?) throws(DomainError) -> String {
        guard let workbook = try read(archive, "xl/workbook.xml", optional: true),
              let rels = try read(archive, "xl/_rels/workbook.xml.rels", optional: true) else {
            if name != nil { throw problem("the workbook lists no sheets") }
            return "xl/worksheets/sheet1.xml"
        }
        let sheets = AttributeCollector.collect(workbook, element: "sheet")
        let targets = Dictionary(AttributeCollector.collect(rels, element: "Relationship").compactMap { a in
            a["Id"].flatMap { id in a["Target"].map { (id, $0) } }
        }, uniquingKeysWith: { a, _ in a })
        let chosen = name.map { wanted in sheets.first { $0["name"] == wanted } } ?? sheets.first
        guard let chosen else {
            let names = sheets.compactMap { $0["name"] }.joined(separator: ", ")
            throw DomainError(.badInput, code: "unknown_sheet", zh: "工作簿中没有工作表“\(name ?? "")”，可选：\(names)",
                              en: "The workbook has no sheet '\(name ?? "")'; it has: \(names)")
        }
        guard let id = chosen["r:id"], let target = targets[id] else { return "xl/worksheets/sheet1.xml" }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    static func problem(_ english: String) -> DomainError {
        DomainError(.badInput, code: "invalid_xlsx", zh: "XLSX 文件无法读取：\(english)", en: "The XLSX file cannot be read: \(english)")
    }
}

/// Collects the attributes of every element with a given name.
final class AttributeCollector: NSObject, XMLParserDelegate {
    private let element: String
    private var found: [[String: String]] = []

    private init(element: String) { self.element = element }

    static func collect(_ data: Data, element: String) -> [[String: String]] {
        let collector = AttributeCollector(element: element)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        parser.parse()
        return collector.found
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == element || qualifiedName == element { found.append(attributes) }
    }
}

/// `<si>` entries of sharedStrings.xml, rich-text runs joined.
final class SharedStringsParser: NSObject, XMLParserDelegate {
    private var strings: [String] = []
    private var current = ""
    private var inText = false

    static func parse(_ data: Data) -> [String] {
        let delegate = SharedStringsParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "si" { current = "" }
        if name == "t" { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" { strings.append(current) }
    }
}

/// The `<row>`s of a worksheet.
final class SheetParser: NSObject, XMLParserDelegate {
    private let strings: [String]
    private var records: [CSVParser.Record] = []
    private var row: [String] = []
    private var rowNumber = 0
    private var cellColumn = 0
    private var cellType = ""
    private var value = ""
    private var collecting = false

    private init(strings: [String]) { self.strings = strings }

    static func parse(_ data: Data, strings: [String]) -> [CSVParser.Record] {
        let delegate = SheetParser(strings: strings)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.records
    }

    /// `C12` → 2 (0-based column of C).
    static func column(_ reference: String) -> Int? {
        var index = 0
        var any = false
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.value - 64)
            any = true
        }
        return any ? index - 1 : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "row":
            row = []
            rowNumber = Int(attributes["r"] ?? "") ?? rowNumber + 1
        case "c":
            cellColumn = attributes["r"].flatMap(Self.column) ?? row.count
            cellType = attributes["t"] ?? ""
            value = ""
        case "v", "t":
            collecting = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t":
            collecting = false
        case "c":
            while row.count < cellColumn { row.append("") }
            row.append(text())
        case "row":
            if row.contains(where: { !$0.isEmpty }) { records.append(CSVParser.Record(line: rowNumber, fields: row)) }
        default:
            break
        }
    }

    private func text() -> String {
        switch cellType {
        case "s": return Int(value).flatMap { $0 < strings.count ? strings[$0] : nil } ?? ""
        case "b": return value == "1" ? "TRUE" : "FALSE"
        case "inlineStr", "str": return value
        default:
            // A phone number typed as a number may be written 1.3812345678E10.
            if let number = Double(value), number == number.rounded(), abs(number) < 1e15, value.contains(where: { $0 == "E" || $0 == "e" || $0 == "." }) {
                return String(Int64(number))
            }
            return value
        }
    }
}
