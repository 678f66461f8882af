import Foundation

/// The part of an SDP session description (RFC 4566, offer/answer of RFC 3264) a G.711 call needs: the connection
/// address, the audio port, the payload types with their names, the direction, the packet time.
public struct SDPAudio: Sendable, Equatable {
    public enum Direction: String, Sendable {
        case sendrecv, sendonly, recvonly, inactive
    }

    public var sessionID: UInt64
    public var version: UInt64
    public var address: String
    public var port: Int
    /// Payload types in order of preference, with their `rtpmap` names when given (0 PCMU, 8 PCMA, 101 telephone-event).
    public var formats: [(payload: Int, name: String?)]
    public var direction: Direction
    public var ptime: Int?

    public init(sessionID: UInt64, version: UInt64, address: String, port: Int, formats: [(payload: Int, name: String?)],
                direction: Direction = .sendrecv, ptime: Int? = 20) {
        self.sessionID = sessionID
        self.version = version
        self.address = address
        self.port = port
        self.formats = formats
        self.direction = direction
        self.ptime = ptime
    }

    public static func == (lhs: SDPAudio, rhs: SDPAudio) -> Bool {
        lhs.sessionID == rhs.sessionID && lhs.version == rhs.version && lhs.address == rhs.address && lhs.port == rhs.port
            && lhs.formats.map(\.payload) == rhs.formats.map(\.payload) && lhs.formats.map(\.name) == rhs.formats.map(\.name)
            && lhs.direction == rhs.direction && lhs.ptime == rhs.ptime
    }

    /// The static names of RFC 3551 for payload types an offer may list without `rtpmap`.
    static let staticNames = [0: "PCMU/8000", 8: "PCMA/8000"]

    public enum ParseError: Error, Equatable, Sendable {
        case noAudio
        case noConnection
        case badLine(String)
    }

    /// Reads the first audio stream; the media-level `c=` wins over the session's.
    public static func parse(_ text: String) throws(ParseError) -> SDPAudio {
        var sessionAddress: String?, mediaAddress: String?
        var origin: (UInt64, UInt64) = (0, 0)
        var port: Int?, payloads: [Int] = [], names: [Int: String] = [:]
        var direction = Direction.sendrecv, ptime: Int?
        var inAudio = false, seenMedia = false
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.count >= 2, line.dropFirst().first == "=" else { throw .badLine(line) }
            let value = String(line.dropFirst(2))
            switch line.first {
            case "o":
                let parts = value.split(separator: " ")
                guard parts.count == 6, let id = UInt64(parts[1]), let version = UInt64(parts[2]) else { throw .badLine(line) }
                origin = (id, version)
            case "c":
                let parts = value.split(separator: " ")
                guard parts.count == 3, parts[0] == "IN" else { throw .badLine(line) }
                let address = String(parts[2].split(separator: "/").first ?? parts[2])
                if seenMedia { if inAudio { mediaAddress = address } } else { sessionAddress = address }
            case "m":
                seenMedia = true
                let parts = value.split(separator: " ")
                inAudio = port == nil && parts.first == "audio"
                guard inAudio else { continue }
                guard parts.count >= 4, let number = Int(parts[1]) else { throw .badLine(line) }
                port = number
                payloads = parts.dropFirst(3).compactMap { Int($0) }
            case "a" where inAudio || !seenMedia:
                if value.hasPrefix("rtpmap:") {
                    let parts = value.dropFirst(7).split(separator: " ", maxSplits: 1)
                    if parts.count == 2, let payload = Int(parts[0]) { names[payload] = String(parts[1]) }
                } else if value.hasPrefix("ptime:") {
                    ptime = Int(value.dropFirst(6))
                } else if let found = Direction(rawValue: value) {
                    direction = found
                }
            default:
                continue
            }
        }
        guard let port else { throw .noAudio }
        guard let address = mediaAddress ?? sessionAddress else { throw .noConnection }
        return SDPAudio(sessionID: origin.0, version: origin.1, address: address, port: port,
                        formats: payloads.map { ($0, names[$0] ?? staticNames[$0]) }, direction: direction, ptime: ptime)
    }

    /// The description as Waihu offers or answers it.
    public func text(user: String = "waihu") -> String {
        var lines = ["v=0", "o=\(user) \(sessionID) \(version) IN IP4 \(address)", "s=Waihu", "c=IN IP4 \(address)", "t=0 0",
                     "m=audio \(port) RTP/AVP " + formats.map { String($0.payload) }.joined(separator: " ")]
        for format in formats {
            if let name = format.name { lines.append("a=rtpmap:\(format.payload) \(name)") }
            if format.name?.hasPrefix("telephone-event") == true { lines.append("a=fmtp:\(format.payload) 0-16") }
        }
        if let ptime { lines.append("a=ptime:\(ptime)") }
        lines.append("a=\(direction.rawValue)")
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
