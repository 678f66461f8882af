import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The text encodings of customer files: UTF-8 (with or without BOM) and GB18030/GBK,
/// which Excel in China writes.
public enum TextEncoding: String, Sendable, Codable {
    case utf8 = "utf-8"
    case gb18030

    /// UTF-8 when the bytes start with a BOM or are valid UTF-8 (a sequence cut at the end is
    /// allowed), GB18030 otherwise.
    public static func detect(_ prefix: [UInt8]) -> TextEncoding {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        let complete = UTF8Carry.validPrefixLength(prefix)
        return String(validating: prefix[..<complete], as: UTF8.self) != nil ? .utf8 : .gb18030
    }
}

/// Decodes a byte stream chunk by chunk: a character cut between two chunks is carried over.
public struct TextChunkDecoder {
    public let encoding: TextEncoding
    private var carry: [UInt8] = []
    private var converter: GB18030Converter?

    public init(encoding: TextEncoding) throws {
        self.encoding = encoding
        converter = encoding == .gb18030 ? try GB18030Converter() : nil
    }

    /// The text of the complete characters so far.
    public mutating func decode(_ chunk: [UInt8]) throws -> String {
        var bytes = carry
        bytes.append(contentsOf: chunk)
        switch encoding {
        case .utf8:
            let complete = UTF8Carry.validPrefixLength(bytes)
            carry = Array(bytes[complete...])
            return String(decoding: bytes[..<complete], as: UTF8.self)
        case .gb18030:
            let (text, rest) = try converter!.convert(bytes)
            carry = rest
            return text
        }
    }

    /// Ends the stream; bytes left over are an incomplete character.
    public mutating func finish() throws -> String {
        defer { carry = [] }
        guard !carry.isEmpty else { return "" }
        throw DecodingProblem.truncated(bytes: carry.count)
    }

    public enum DecodingProblem: Error {
        case truncated(bytes: Int)
        case invalid(offset: Int)
        case unavailable
    }
}

/// Where a UTF-8 byte run can be cut without splitting a character.
enum UTF8Carry {
    static func validPrefixLength(_ bytes: [UInt8]) -> Int {
        var index = bytes.count
        var back = 0
        while index > 0, back < 4 {
            let byte = bytes[index - 1]
            if byte & 0xC0 == 0x80 { index -= 1; back += 1; continue }
            let needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return needed > back + 1 ? index - 1 : bytes.count
        }
        return bytes.count
    }
}

/// GB18030 → UTF-8 through glibc's iconv (Foundation on Linux does not decode GBK).
final class GB18030Converter {
    private let handle: iconv_t

    init() throws {
        let opened = iconv_open("UTF-8", "GB18030")
        guard let opened, opened != iconv_t(bitPattern: -1) else { throw TextChunkDecoder.DecodingProblem.unavailable }
        handle = opened
    }

    deinit { iconv_close(handle) }

    /// Converts what it can; returns the text and the bytes of an incomplete last character.
    func convert(_ input: [UInt8]) throws -> (String, [UInt8]) {
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inputCopy = input
        var consumed = 0
        var produced = 0
        try inputCopy.withUnsafeMutableBufferPointer { inBuffer in
            try output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                consumed = inBuffer.count - inLeft
                produced = outBuffer.count - outLeft
                if result == -1 && errno == EILSEQ {
                    throw TextChunkDecoder.DecodingProblem.invalid(offset: consumed)
                }
            }
        }
        let text = String(decoding: output[..<produced], as: UTF8.self)
        return (text, Array(input[consumed...]))
    }
}
