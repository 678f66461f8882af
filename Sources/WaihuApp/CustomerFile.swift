import Crypto
import Foundation
import WaihuCore
import WaihuStore

/// A customer file on disk, read as a stream of CSV records whatever its encoding.
package struct CustomerFile {
    package let path: String
    package static let chunkSize = 1 << 20

    /// SHA-256 of the file, read in chunks.
    package func checksum() throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Self.unreadable(path) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().hexText
    }

    package var size: Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// What `forEachRecord` will read the file as: `utf-8`, `gb18030` or `xlsx`, from its first chunk.
    package func format() throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Self.unreadable(path) }
        defer { try? handle.close() }
        let first = [UInt8](try handle.read(upToCount: Self.chunkSize) ?? Data())
        return XLSXReader.looksLikeXLSX(first) ? "xlsx" : TextEncoding.detect(first).rawValue
    }

    /// Streams the records of a CSV file, or of a sheet of an XLSX workbook (first sheet unless
    /// `sheet` names one); `progress` receives the bytes read so far. Returns the format read:
    /// `utf-8`, `gb18030` or `xlsx`.
    package func forEachRecord(sheet: String? = nil, progress: (Int64) -> Void = { _ in },
                               _ body: (CSVParser.Record) async throws -> Void) async throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Self.unreadable(path) }
        defer { try? handle.close() }
        guard let first = try handle.read(upToCount: Self.chunkSize), !first.isEmpty else {
            throw DomainError(.badInput, code: "empty_file", zh: "文件为空", en: "The file is empty")
        }
        let firstBytes = [UInt8](first)
        if XLSXReader.looksLikeXLSX(firstBytes) {
            // The sheet's XML is parsed whole: ZIP entries are not streamed through XMLParser here.
            for record in try XLSXReader.records(path: path, sheet: sheet) { try await body(record) }
            progress(size)
            return "xlsx"
        }
        let encoding = TextEncoding.detect(firstBytes)
        var decoder = try TextChunkDecoder(encoding: encoding)
        var text = try decoded(&decoder, firstBytes).replacingBOM()
        var parser = CSVParser(delimiter: CSVParser.delimiter(guessingFrom: text))
        var read = Int64(first.count)
        while true {
            let records = parser.feed(text)
            if let overflow = parser.overflow { throw overflow.error }
            for record in records { try await body(record) }
            progress(read)
            guard let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty else { break }
            read += Int64(chunk.count)
            text = try decoded(&decoder, [UInt8](chunk))
        }
        let last: String
        do { last = try decoder.finish() } catch { throw Self.undecodable }
        let records = parser.feed(last) + parser.finish()
        if let overflow = parser.overflow { throw overflow.error }
        for record in records { try await body(record) }
        return encoding.rawValue
    }

    private func decoded(_ decoder: inout TextChunkDecoder, _ bytes: [UInt8]) throws -> String {
        do {
            return try decoder.decode(bytes)
        } catch {
            throw Self.undecodable
        }
    }

    /// A small uploaded CSV held in memory as text: UTF-8 or GB18030 as its bytes say, without a byte-order mark.
    package static func text(_ data: Data) throws -> String {
        let bytes = [UInt8](data)
        do {
            var decoder = try TextChunkDecoder(encoding: TextEncoding.detect(bytes))
            return (try decoder.decode(bytes) + decoder.finish()).replacingBOM()
        } catch {
            throw undecodable
        }
    }

    /// Bytes that are not UTF-8 nor GB18030, or a character cut off at the end of the file.
    package static let undecodable = DomainError(.badInput, code: "undecodable_file",
                                         zh: "文件编码无法识别或文件末尾的字符不完整（支持 UTF-8 和 GBK/GB18030）",
                                         en: "The file's encoding is not readable, or its last character is cut off (UTF-8 and GBK/GB18030 are supported)")

    package static func unreadable(_ path: String) -> DomainError {
        DomainError(.badInput, code: "unreadable_file", zh: "无法读取文件 \(path)", en: "Cannot read the file \(path)")
    }
}
