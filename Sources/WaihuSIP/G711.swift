/// G.711 companding (ITU-T G.711): 14-bit linear samples to 8-bit μ-law (PCMU, RTP payload type 0) and 13-bit
/// linear to A-law (PCMA, type 8), and back. Samples are 16-bit here, as a WAV file holds them.
public enum G711 {
    public enum Law: String, Sendable, Codable, CaseIterable {
        case pcmu = "PCMU"
        case pcma = "PCMA"

        /// The static RTP payload type (RFC 3551 table 4).
        public var payloadType: UInt8 { self == .pcmu ? 0 : 8 }

        /// The byte for silence (a linear 0).
        public var silence: UInt8 { encode(0) }

        public func encode(_ sample: Int16) -> UInt8 { self == .pcmu ? G711.muLaw(sample) : G711.aLaw(sample) }
        public func decode(_ byte: UInt8) -> Int16 { self == .pcmu ? G711.linear(muLaw: byte) : G711.linear(aLaw: byte) }
    }

    /// μ-law: the 14-bit sample's magnitude (the 16-bit one shifted down, rounding towards −∞ as G.711's 14-bit input
    /// does) plus a bias of 33 is cut into eight segments by its highest bit; the code is the sign (set for negative),
    /// the segment and four mantissa bits, all inverted: 0xFF is +0, 0x80 the loudest.
    public static func muLaw(_ sample: Int16) -> UInt8 {
        var magnitude = Int(sample) >> 2
        let sign: UInt8 = magnitude < 0 ? 0x80 : 0x00
        magnitude = min(abs(magnitude), 8158) + 33  // 8158 + 33 = 0x1FFF, the top of segment 7
        var segment = 0
        while segment < 7, magnitude >= (0x40 << segment) { segment += 1 }
        let mantissa = (magnitude >> (segment + 1)) & 0x0F
        return ~(sign | UInt8(segment << 4) | UInt8(mantissa))
    }

    public static func linear(muLaw byte: UInt8) -> Int16 {
        let code = ~byte
        let segment = Int(code >> 4) & 0x07
        let mantissa = Int(code & 0x0F)
        let magnitude = (((mantissa << 3) + 0x84) << segment) - 0x84
        return Int16(code & 0x80 != 0 ? -magnitude : magnitude)
    }

    /// A-law: the 13-bit magnitude's segment by its highest bit (segments 0 and 1 linear), four mantissa bits, the sign
    /// set for positive values, every even bit inverted (XOR 0x55).
    public static func aLaw(_ sample: Int16) -> UInt8 {
        var magnitude = Int(sample) >> 3
        let sign: UInt8 = magnitude >= 0 ? 0x80 : 0x00
        if magnitude < 0 { magnitude = -magnitude - 1 }
        magnitude = min(magnitude, 0x0FFF)
        var segment = 0
        while segment < 7, magnitude >= (0x20 << segment) { segment += 1 }
        let mantissa = segment == 0 ? (magnitude >> 1) & 0x0F : (magnitude >> segment) & 0x0F
        return (sign | UInt8(segment << 4) | UInt8(mantissa)) ^ 0x55
    }

    public static func linear(aLaw byte: UInt8) -> Int16 {
        let code = byte ^ 0x55
        let segment = Int(code >> 4) & 0x07
        let mantissa = Int(code & 0x0F)
        var magnitude = (mantissa << 4) + 8
        if segment > 0 { magnitude = (magnitude + 0x100) << (segment - 1) }
        return Int16(code & 0x80 != 0 ? magnitude : -magnitude)
    }
}
