import Foundation

/// Reads an id written as 36 characters of hex and dashes without Foundation's general parser: a sample reads
/// millions of them.
enum TextUUID {
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { parse($0[...]) }
    }

    /// The id in 36 bytes of text.
    static func parse(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> UUID? {
        let bytes = UnsafeBufferPointer(rebasing: slice)
        guard bytes.count == 36, bytes[8] == 0x2D, bytes[13] == 0x2D, bytes[18] == 0x2D, bytes[23] == 0x2D else { return nil }
        var id: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let read = withUnsafeMutableBytes(of: &id) { out -> Bool in
            var index = 0, position = 0
            while position < 36 {
                if position == 8 || position == 13 || position == 18 || position == 23 { position += 1; continue }
                guard let high = nibble(bytes[position]), let low = nibble(bytes[position + 1]) else { return false }
                out[index] = high << 4 | low
                index += 1
                position += 2
            }
            return true
        }
        return read ? UUID(uuid: id) : nil
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
