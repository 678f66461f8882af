/// Why a datagram on a media port is not an RTP packet Waihu can use.
public enum RTPParseError: Error, Equatable, Sendable {
    case tooShort(Int)
    case notVersion2(UInt8)
    case badLength
}

/// An RTP packet (RFC 3550 §5.1): the fixed header, the contributing sources, and the payload with any header
/// extension and padding taken off.
public struct RTPPacket: Sendable, Equatable {
    public var marker: Bool
    public var payloadType: UInt8
    public var sequence: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    public var contributors: [UInt32]
    public var payload: [UInt8]

    public init(marker: Bool = false, payloadType: UInt8, sequence: UInt16, timestamp: UInt32, ssrc: UInt32,
                contributors: [UInt32] = [], payload: [UInt8]) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequence = sequence
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.contributors = contributors
        self.payload = payload
    }

    public static func parse(_ bytes: [UInt8]) throws(RTPParseError) -> RTPPacket {
        guard bytes.count >= 12 else { throw .tooShort(bytes.count) }
        guard bytes[0] >> 6 == 2 else { throw .notVersion2(bytes[0] >> 6) }
        let padded = bytes[0] & 0x20 != 0, extended = bytes[0] & 0x10 != 0
        let count = Int(bytes[0] & 0x0F)
        var offset = 12 + 4 * count
        guard bytes.count >= offset else { throw .badLength }
        let contributors = (0 ..< count).map { word(bytes, 12 + 4 * $0) }
        if extended {
            guard bytes.count >= offset + 4 else { throw .badLength }
            offset += 4 + 4 * (Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3]))
            guard bytes.count >= offset else { throw .badLength }
        }
        var end = bytes.count
        if padded {
            let padding = Int(bytes[end - 1])
            guard padding >= 1, end - padding >= offset else { throw .badLength }
            end -= padding
        }
        return RTPPacket(marker: bytes[1] & 0x80 != 0, payloadType: bytes[1] & 0x7F,
                         sequence: UInt16(bytes[2]) << 8 | UInt16(bytes[3]), timestamp: word(bytes, 4), ssrc: word(bytes, 8),
                         contributors: contributors, payload: Array(bytes[offset ..< end]))
    }

    static func word(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }

    /// The packet as sent: version 2, no padding, no extension.
    public func serialized() -> [UInt8] {
        var bytes: [UInt8] = [0x80 | UInt8(contributors.count & 0x0F), (marker ? 0x80 : 0) | payloadType & 0x7F,
                              UInt8(sequence >> 8), UInt8(sequence & 0xFF)]
        bytes.reserveCapacity(12 + 4 * contributors.count + payload.count)
        for value in [timestamp, ssrc] + contributors.prefix(15) {
            bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        return bytes + payload
    }
}

/// What one leg's far end receives from Waihu: one SSRC, one sequence and one timeline, whatever the source — frames
/// Waihu makes (silence to an idle agent, the abandon message) or packets relayed from the other leg. A relayed
/// source keeps its own spacing (so RFC 4733 DTMF events keep their shared timestamp and their gaps) shifted by an
/// offset fixed when that source starts; a switch of source sets the marker bit (RFC 3551 §4.1).
public struct RTPStreamWriter: Sendable {
    public let ssrc: UInt32
    /// The sequence number and timestamp the next packet follows on from.
    var nextSequence: UInt16
    var nextTimestamp: UInt32
    /// The relayed source now sent, with its offsets; nil while Waihu makes the frames.
    var source: (ssrc: UInt32, sequenceOffset: UInt16, timestampOffset: UInt32)?
    var switched = true

    public init(ssrc: UInt32, firstSequence: UInt16, firstTimestamp: UInt32) {
        self.ssrc = ssrc
        nextSequence = firstSequence
        nextTimestamp = firstTimestamp
    }

    /// A frame Waihu makes: `samples` long (160 for 20 ms at 8 kHz).
    public mutating func made(payloadType: UInt8, payload: [UInt8], samples: UInt32) -> RTPPacket {
        if source != nil { switched = true }
        source = nil
        let packet = RTPPacket(marker: switched, payloadType: payloadType, sequence: nextSequence, timestamp: nextTimestamp,
                               ssrc: ssrc, payload: payload)
        switched = false
        nextSequence &+= 1
        nextTimestamp &+= samples
        return packet
    }

    /// A packet from the other leg, renumbered onto this stream. `samples` is how far it moves the clock (0 for a DTMF
    /// event's packets after its first, which share its timestamp).
    public mutating func relayed(_ packet: RTPPacket, samples: UInt32) -> RTPPacket {
        if source?.ssrc != packet.ssrc {
            source = (packet.ssrc, nextSequence &- packet.sequence, nextTimestamp &- packet.timestamp)
            switched = true
        }
        guard let offsets = source else { return packet }
        var out = packet
        out.ssrc = ssrc
        out.contributors = []
        out.sequence = packet.sequence &+ offsets.sequenceOffset
        out.timestamp = packet.timestamp &+ offsets.timestampOffset
        out.marker = packet.marker || switched
        switched = false
        // Late packets keep their place without pulling the stream back (serial-number order, RFC 1982).
        if Int16(bitPattern: out.sequence &- nextSequence) >= 0 { nextSequence = out.sequence &+ 1 }
        let end = out.timestamp &+ samples
        if Int32(bitPattern: end &- nextTimestamp) > 0 { nextTimestamp = end }
        return out
    }
}
