import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import WaihuCore
import ZIPFoundation

/// Reads the rows of one sheet of an XLSX workbook as records, like a CSV file's:
/// shared and inline strings, numbers (whole numbers written without exponent), gaps filled.
public enum XLSXReader {
    /// The most one part of the archive may expand to: a small file cannot unpack into gigabytes.
    public static let maxPartBytes = 256 << 20
    /// Excel's last column, XFD.
    public static let maxColumn = 16_384

    /// Whether the bytes start like a ZIP archive (an XLSX file).
    public static func looksLikeXLSX(_ prefix: [UInt8]) -> Bool {
        prefix.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// The rows of `sheet` (by name), or of the first sheet; `line` is the spreadsheet row number.
    public static func records(path: String, sheet: String?, limits: CSVParser.Limits = .standard) throws(DomainError) -> [CSVParser.Record] {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw problem("the file is not a readable XLSX workbook")
        }
        let sheetPath = try sheetPart(archive, name: sheet)
        let strings = try read(archive, "xl/sharedStrings.xml", optional: true)
            .map { data throws(DomainError) in try SharedStringsParser.parse(data, limits: limits) } ?? []
        guard let data = try read(archive, sheetPath, optional: false) else { throw problem("the sheet \(sheetPath) is missing") }
        return try SheetParser.parse(data, strings: strings, limits: limits)
    }

    static func read(_ archive: Archive, _ path: String, optional: Bool) throws(DomainError) -> Data? {
        guard let entry = archive[path] else {
            if optional { return nil }
            throw problem("the part \(path) is missing")
        }
        guard entry.uncompressedSize <= UInt64(maxPartBytes) else { throw tooLarge(path) }
        var data = Data()
        do {
            _ = try archive.extract(entry, consumer: { chunk in
                // The size in the header may lie: count what really comes out.
                guard data.count + chunk.count <= maxPartBytes else { throw PartTooLarge() }
                data.append(chunk)
            })
        } catch is PartTooLarge {
            throw tooLarge(path)
        } catch {
            throw problem("the part \(path) is damaged")
        }
        // Foundation's XMLParser on Linux traps on a name that is not UTF-8; the parts of a workbook always are.
        guard data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) != nil else {
            throw problem("the part \(path) is not UTF-8 text")
        }
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

    private struct PartTooLarge: Error {}

    static func tooLarge(_ path: String) -> DomainError {
        DomainError(.badInput, code: "invalid_xlsx", zh: "XLSX 文件无法读取：\(path) 解压后超过 \(maxPartBytes >> 20) MB",
                    en: "The XLSX file cannot be read: \(path) unpacks to more than \(maxPartBytes >> 20) MB")
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
    private let limits: CSVParser.Limits
    private var failure: DomainError?

    private init(limits: CSVParser.Limits) { self.limits = limits }

    static func parse(_ data: Data, limits: CSVParser.Limits) throws(DomainError) -> [String] {
        let delegate = SharedStringsParser(limits: limits)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        let parsed = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard parsed else { throw XLSXReader.problem("the shared strings are not well-formed XML") }
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "si" { current = "" }
        if name == "t" { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText else { return }
        current += string
        if current.utf8.count > limits.fieldBytes {
            failure = SheetParser.sharedStringTooLong(limits, number: strings.count + 1)
            parser.abortParsing()
        }
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
    private let limits: CSVParser.Limits
    private var failure: DomainError?

    private init(strings: [String], limits: CSVParser.Limits) {
        self.strings = strings
        self.limits = limits
    }

    static func parse(_ data: Data, strings: [String], limits: CSVParser.Limits = .standard) throws(DomainError) -> [CSVParser.Record] {
        let delegate = SheetParser(strings: strings, limits: limits)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        let parsed = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard parsed else { throw XLSXReader.problem("the sheet is not well-formed XML") }
        return delegate.records
    }

    /// `C12` → 2 (0-based column of C); nil without letters or past Excel's last column, XFD.
    static func column(_ reference: String) -> Int? {
        var index = 0
        var any = false
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.value - 64)
            guard index <= XLSXReader.maxColumn else { return nil }
            any = true
        }
        return any ? index - 1 : nil
    }

    static func sharedStringTooLong(_ limits: CSVParser.Limits, number: Int) -> DomainError {
        DomainError(.badInput, code: "field_too_long",
                    zh: "工作簿的第 \(number) 个文本超过 \(limits.fieldBytes) 字节，文件未导入",
                    en: "Text number \(number) of the workbook is longer than \(limits.fieldBytes) bytes; the file was not imported")
    }

    private func fail(_ error: DomainError, _ parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "row":
            row = []
            rowNumber = Int(attributes["r"] ?? "") ?? rowNumber + 1
        case "c":
            if let reference = attributes["r"] {
                guard let column = Self.column(reference) else {
                    return fail(XLSXReader.problem("the cell reference \(reference.prefix(20)) is not a column A…XFD"), parser)
                }
                cellColumn = column
            } else {
                cellColumn = row.count
            }
            guard cellColumn < limits.fields else {
                return fail(CSVParser.Overflow(line: rowNumber, kind: .fields, limit: limits.fields).error, parser)
            }
            cellType = attributes["t"] ?? ""
            value = ""
        case "v", "t":
            collecting = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard collecting else { return }
        value += string
        if value.utf8.count > limits.fieldBytes {
            fail(CSVParser.Overflow(line: rowNumber, kind: .field, limit: limits.fieldBytes).error, parser)
        }
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
