import Foundation

/// Lead ids for a bulk load that sort in the order they are made (the layout of UUID version 7:
/// milliseconds since 1970, then a per-batch random part and a counter), so a million new rows
/// append to the end of the primary-key index instead of landing on random pages of it.
/// Their text (`uuidString`, upper-case hex) sorts the same way as their bytes.
public struct TimeOrderedIDs: Sendable {
    private let prefix: [UInt8]
    private var counter: UInt64

    /// - Parameters:
    ///   - start: the instant written into every id of the run.
    ///   - random: eight random bytes' worth of entropy: the 12 bits after the version and the counter's start.
    public init(start: Date, random: UInt64) {
        let milliseconds = UInt64(max(0, start.timeIntervalSince1970 * 1000))
        var bytes = (0..<6).map { UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - $0))) }
        bytes.append(0x70 | UInt8(truncatingIfNeeded: random >> 60) & 0x0F)
        bytes.append(UInt8(truncatingIfNeeded: random >> 52))
        prefix = bytes
        // Start low in the 62-bit counter space, so it can never wrap within a run.
        counter = (random & 0xFFFF_FFFF) << 8
    }

    public mutating func next() -> UUID {
        let value = counter
        counter += 1
        let tail = (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * (7 - $0))) }
        let b = prefix + [0x80 | (tail[0] & 0x3F)] + tail.dropFirst()
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}
