import Foundation

/// Why a datagram is not a SIP message Waihu can act on.
public enum SIPParseError: Error, Equatable, Sendable {
    case noStartLine
    case badStartLine(String)
    case badHeader(String)
    /// Content-Length says more than the datagram carries.
    case truncatedBody(expected: Int, present: Int)
    case missingHeader(String)
}

/// A SIP request or response (RFC 3261 §7): its start line, header fields and body. Pure: parsing and writing bytes,
/// nothing about transactions or sockets.
public struct SIPMessage: Sendable, Equatable {
    public enum StartLine: Sendable, Equatable {
        case request(method: String, uri: String)
        case response(status: Int, reason: String)
    }

    public var start: StartLine
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(_ start: StartLine, headers: SIPHeaders = SIPHeaders(), body: [UInt8] = []) {
        self.start = start
        self.headers = headers
        self.body = body
    }

    public var method: String? { if case .request(let method, _) = start { method } else { nil } }
    public var status: Int? { if case .response(let status, _) = start { status } else { nil } }

    /// The CSeq's number and method (§8.1.1.5).
    public var cseq: (number: Int, method: String)? {
        guard let value = headers["CSeq"] else { return nil }
        let parts = value.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let number = Int(parts[0]) else { return nil }
        return (number, String(parts[1]))
    }

    public var callID: String? { headers["Call-ID"] }
    /// The topmost Via's branch: the transaction's key (§17.2.3).
    public var branch: String? { headers["Via"].flatMap { SIPParameters.value("branch", in: $0) } }
    public var fromTag: String? { headers["From"].flatMap { SIPParameters.value("tag", in: $0) } }
    public var toTag: String? { headers["To"].flatMap { SIPParameters.value("tag", in: $0) } }

    /// Reads a datagram. Lines end in CRLF (a bare LF is taken too); a header line starting with white space continues
    /// the one before (§7.3.1); without Content-Length the body is the rest of the datagram (§18.3: allowed over UDP).
    public static func parse(_ bytes: [UInt8]) throws(SIPParseError) -> SIPMessage {
        var lines: [String] = []
        var index = 0
        var bodyStart: Int?
        // Leading blank lines are keep-alives or noise (§7.5).
        while index < bytes.count, bytes[index] == 0x0D || bytes[index] == 0x0A { index += 1 }
        var lineStart = index
        while index < bytes.count {
            if bytes[index] == 0x0A {
                var end = index
                if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
                if end == lineStart {
                    bodyStart = index + 1
                    break
                }
                lines.append(String(decoding: bytes[lineStart ..< end], as: UTF8.self))
                lineStart = index + 1
            }
            index += 1
        }
        if bodyStart == nil, lineStart < bytes.count { lines.append(String(decoding: bytes[lineStart...], as: UTF8.self)) }
        guard let first = lines.first else { throw .noStartLine }
        let start = try startLine(first)
        var headers = SIPHeaders()
        var pending: (name: String, value: String)?
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t" {
                guard pending != nil else { throw .badHeader(line) }
                pending!.value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            if let field = pending { headers.add(field.name, field.value) }
            guard let colon = line.firstIndex(of: ":"), !line[..<colon].trimmingCharacters(in: .whitespaces).isEmpty else { throw .badHeader(line) }
            pending = (String(line[..<colon]), String(line[line.index(after: colon)...]))
        }
        if let field = pending { headers.add(field.name, field.value) }
        var body: [UInt8] = []
        let available = bodyStart.map { bytes.count - $0 } ?? 0
        if let length = headers["Content-Length"] {
            guard let expected = Int(length), expected >= 0 else { throw .badHeader("Content-Length: \(length)") }
            guard expected <= available else { throw .truncatedBody(expected: expected, present: available) }
            if let bodyStart { body = Array(bytes[bodyStart ..< bodyStart + expected]) }
        } else if let bodyStart {
            body = Array(bytes[bodyStart...])
        }
        return SIPMessage(start, headers: headers, body: body)
    }

    static func startLine(_ line: String) throws(SIPParseError) -> StartLine {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init)
        if parts.count >= 2, parts[0] == "SIP/2.0" {
            guard let status = Int(parts[1]), (100 ... 699).contains(status) else { throw .badStartLine(line) }
            return .response(status: status, reason: parts.count == 3 ? parts[2] : "")
        }
        guard parts.count == 3, parts[2] == "SIP/2.0", !parts[0].isEmpty, parts[0].allSatisfy({ $0.isLetter || $0 == "-" }) else {
            throw .badStartLine(line)
        }
        return .request(method: parts[0], uri: parts[1])
    }

    /// The message as bytes: CRLF line ends, Content-Length always written (it is mandatory over TCP and harmless over UDP).
    public func serialized() -> [UInt8] {
        var text: String
        switch start {
        case .request(let method, let uri): text = "\(method) \(uri) SIP/2.0\r\n"
        case .response(let status, let reason): text = "SIP/2.0 \(status) \(reason)\r\n"
        }
        for field in headers.fields where field.name != "Content-Length" { text += "\(field.name): \(field.value)\r\n" }
        text += "Content-Length: \(body.count)\r\n\r\n"
        return Array(text.utf8) + body
    }
}

/// The `;name=value` parameters of a header value (§7.3.1, §19.1.1), outside any quoted string and after the
/// name-addr's closing `>` when there is one.
public enum SIPParameters {
    public static func value(_ name: String, in header: String) -> String? {
        // After a name-addr's `>` every `;` part is a parameter; in a bare value the first part is the value itself.
        let parts = header.lastIndex(of: ">").map { header[header.index(after: $0)...].split(separator: ";") }
            ?? Array(header.split(separator: ";").dropFirst())
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.first?.lowercased() == name.lowercased() { return pair.count == 2 ? pair[1] : "" }
        }
        return nil
    }
}
