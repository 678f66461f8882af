/// Why a WAV file (the abandon message) cannot be played into a call.
public enum WAVError: Error, Equatable, Sendable {
    case notRIFFWave
    case noFormat
    case noData
    /// Only 8 kHz mono is taken: 16-bit linear PCM, or G.711 μ-law/A-law (formats 7 and 6).
    case unsupported(format: Int, channels: Int, sampleRate: Int, bits: Int)
}

/// WAV files as calls need them: the recordings Waihu writes (8 kHz, 16-bit, customer left and agent right) and the
/// messages it plays (8 kHz mono PCM or G.711).
public enum WAVFile {
    /// The 44-byte header of a 16-bit PCM file with `dataBytes` of samples.
    public static func header(channels: Int, sampleRate: Int = 8000, dataBytes: Int) -> [UInt8] {
        let blockAlign = channels * 2
        var bytes = Array("RIFF".utf8) + le32(36 + dataBytes) + Array("WAVE".utf8)
        bytes += Array("fmt ".utf8) + le32(16) + le16(1) + le16(channels) + le32(sampleRate) + le32(sampleRate * blockAlign)
        bytes += le16(blockAlign) + le16(16)
        return bytes + Array("data".utf8) + le32(dataBytes)
    }

    /// Two channels interleaved as 16-bit little-endian frames; the shorter side is padded with silence.
    public static func interleave(left: [Int16], right: [Int16]) -> [UInt8] {
        let count = max(left.count, right.count)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 4)
        for index in 0 ..< count {
            let l = index < left.count ? left[index] : 0, r = index < right.count ? right[index] : 0
            bytes += [UInt8(truncatingIfNeeded: l), UInt8(truncatingIfNeeded: l >> 8), UInt8(truncatingIfNeeded: r), UInt8(truncatingIfNeeded: r >> 8)]
        }
        return bytes
    }

    /// The linear samples of a mono 8 kHz file, whichever of the three encodings it holds.
    public static func monoSamples(_ file: [UInt8]) throws(WAVError) -> [Int16] {
        guard file.count >= 12, Array(file[0 ..< 4]) == Array("RIFF".utf8), Array(file[8 ..< 12]) == Array("WAVE".utf8) else {
            throw .notRIFFWave
        }
        var offset = 12
        var format: (code: Int, channels: Int, rate: Int, bits: Int)?
        while offset + 8 <= file.count {
            let id = String(decoding: file[offset ..< offset + 4], as: UTF8.self)
            let size = Int(u32(file, offset + 4))
            let body = offset + 8
            guard body + size <= file.count || id == "data" else { break }
            if id == "fmt ", size >= 16 {
                format = (Int(u16(file, body)), Int(u16(file, body + 2)), Int(u32(file, body + 4)), Int(u16(file, body + 14)))
            } else if id == "data" {
                guard let format else { throw .noFormat }
                let data = file[body ..< min(body + size, file.count)]
                switch (format.code, format.channels, format.rate, format.bits) {
                case (1, 1, 8000, 16):
                    return stride(from: data.startIndex, to: data.endIndex - 1, by: 2).map { Int16(bitPattern: u16(file, $0)) }
                case (7, 1, 8000, 8): return data.map(G711.linear(muLaw:))
                case (6, 1, 8000, 8): return data.map(G711.linear(aLaw:))
                default: throw .unsupported(format: format.code, channels: format.channels, sampleRate: format.rate, bits: format.bits)
                }
            }
            offset = body + size + size % 2
        }
        throw format == nil ? .noFormat : .noData
    }

    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    static func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16 & 0xFFFF) }
    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 { UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16 }
}
