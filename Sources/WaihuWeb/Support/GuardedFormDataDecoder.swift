import Foundation
import Vapor

/// Decodes `multipart/form-data` as Vapor does, after refusing a body whose part headers name a header with
/// a byte outside ASCII: MultipartKit 4.7 looks such a byte up in a 128-entry table and traps, which took the
/// whole server down on one request (found by the schemathesis run in `.ci/run`). Installed for every
/// request by `configure`; the refusal is the same 400 `malformed_upload` as any other broken form.
struct GuardedFormDataDecoder: ContentDecoder {
    struct NonASCIIHeaderName: Error {}

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders,
                              userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        if let boundary = headers.contentType?.parameters["boundary"],
           !body.withUnsafeReadableBytes({ MultipartHeaderNames.areASCII($0, boundary: Array(boundary.utf8)) }) {
            throw NonASCIIHeaderName()
        }
        return try FormDataDecoder().decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }
}

/// The check behind `GuardedFormDataDecoder`, on bytes.
enum MultipartHeaderNames {
    /// False when, after any `--boundary` in the body, a line of the header block (up to the blank line) has a
    /// byte at or above 0x80 before its first colon. It reads more than the parser would (a delimiter-like
    /// run inside a part's data too), which can only refuse a body that is malformed anyway.
    static func areASCII<Bytes: RandomAccessCollection<UInt8>>(_ body: Bytes, boundary: [UInt8]) -> Bool where Bytes.Index == Int {
        let delimiter = Array("--".utf8) + boundary
        var index = body.startIndex
        while let found = firstIndex(of: delimiter, in: body, from: index) {
            var cursor = found + delimiter.count
            var inName = true
            var lineLength = 0
            while cursor < body.endIndex {
                let byte = body[cursor]
                if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                    if byte == UInt8(ascii: "\n"), lineLength == 0, cursor > found + delimiter.count + 2 { break }
                    if byte == UInt8(ascii: "\n") { lineLength = 0; inName = true }
                } else {
                    lineLength += 1
                    if byte == UInt8(ascii: ":") { inName = false }
                    if inName, byte >= 0x80 { return false }
                }
                cursor += 1
            }
            index = found + delimiter.count
        }
        return true
    }

    private static func firstIndex<Bytes: RandomAccessCollection<UInt8>>(of needle: [UInt8], in haystack: Bytes,
                                                                        from start: Int) -> Int? where Bytes.Index == Int {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index ..< index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
