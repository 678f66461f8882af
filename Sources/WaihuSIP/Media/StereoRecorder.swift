/// A call's recording as it is heard: the customer's samples on the left, the agent's on the right, each placed by its
/// RTP timestamp from the moment its first packet arrived, so that a lost packet leaves silence rather than pulling the
/// two sides apart.
public struct StereoRecorder: Sendable {
    public enum Side: Sendable { case customer, agent }

    var left: [Int16] = []
    var right: [Int16] = []
    /// For each side: its first packet's timestamp and where (in samples since the recording began) it was placed.
    var origin: [Bool: (timestamp: UInt32, at: Int)] = [:]
    /// Three hours at 8 kHz: a bound on what one call can make Waihu hold.
    static let limit = 3 * 3600 * 8000

    public init() {}

    /// Samples of one side, `elapsed` seconds after the recording began, with their RTP timestamp.
    public mutating func add(_ samples: [Int16], side: Side, timestamp: UInt32, elapsed: Double) {
        let key = side == .customer
        let start: Int
        if let origin = origin[key] {
            let offset = Int(Int32(bitPattern: timestamp &- origin.timestamp))
            start = origin.at + offset
        } else {
            start = max(0, Int(elapsed * 8000))
            origin[key] = (timestamp, start)
        }
        guard start >= 0, start + samples.count <= Self.limit else { return }
        if key { Self.place(samples, at: start, in: &left) } else { Self.place(samples, at: start, in: &right) }
    }

    static func place(_ samples: [Int16], at start: Int, in channel: inout [Int16]) {
        if channel.count < start + samples.count { channel += Array(repeating: 0, count: start + samples.count - channel.count) }
        channel.replaceSubrange(start ..< start + samples.count, with: samples)
    }

    /// The WAV file: 8 kHz, 16-bit, two channels.
    public func wav() -> [UInt8] {
        let frames = WAVFile.interleave(left: left, right: right)
        return WAVFile.header(channels: 2, dataBytes: frames.count) + frames
    }

    public var seconds: Double { Double(max(left.count, right.count)) / 8000 }
}
