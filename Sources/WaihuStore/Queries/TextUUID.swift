import Foundation

/// Reads an id written as 36 characters of hex and dashes without Foundation's general parser: a sample reads
/// millions of them.
enum TextUUID {
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36, bytes[8] == 0x2D, bytes[13] == 0x2D, bytes[18] == 0x2D, bytes[23] == 0x2D else { return nil }
            var out = [UInt8](repeating: 0, count: 16)
            var index = 0, position = 0
            while position < 36 {
                if position == 8 || position == 13 || position == 18 || position == 23 { position += 1; continue }
                guard let high = nibble(bytes[position]), let low = nibble(bytes[position + 1]) else { return nil }
                out[index] = high << 4 | low
                index += 1
                position += 2
            }
            return UUID(uuid: (out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7],
                               out[8], out[9], out[10], out[11], out[12], out[13], out[14], out[15]))
        }
    }

    static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30 ... 0x39: byte - 0x30
        case 0x41 ... 0x46: byte - 0x41 + 10
        case 0x61 ... 0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
