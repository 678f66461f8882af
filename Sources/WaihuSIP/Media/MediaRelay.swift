/// A leg of media: one RTP port of Waihu's, towards one far end (a customer through the trunk, or an agent's phone).
public struct MediaLegID: Hashable, Sendable, CustomStringConvertible {
    public let value: Int
    public var description: String { "leg-\(value)" }
}

/// Where a leg's far end receives, and how it speaks, from its SDP.
public struct MediaRemote: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var law: G711.Law
    /// The payload type of RFC 4733 telephone-events, when the far end offered them.
    public var telephoneEvent: UInt8?

    public init(host: String, port: Int, law: G711.Law, telephoneEvent: UInt8? = nil) {
        self.host = host
        self.port = port
        self.law = law
        self.telephoneEvent = telephoneEvent
    }

    /// The far end's audio from its SDP: the first G.711 format Waihu also lists in `codecs`, nil when there is none
    /// (a codec the relay does not speak: the call cannot be bridged).
    public static func from(_ sdp: SDPAudio, codecs: [G711.Law]) -> MediaRemote? {
        let offered = sdp.formats.compactMap { format -> G711.Law? in
            switch format.payload {
            case 0: .pcmu
            case 8: .pcma
            default: nil
            }
        }
        guard let law = offered.first(where: codecs.contains) else { return nil }
        let event = sdp.formats.first { $0.name?.lowercased().hasPrefix("telephone-event") == true }.map { UInt8($0.payload) }
        return MediaRemote(host: sdp.address, port: sdp.port, law: law, telephoneEvent: event)
    }
}

public enum MediaEvent: Sendable, Equatable {
    /// No RTP from the far end for the relay's timeout: the leg is dead (a phone gone, a trunk that lost the call).
    case timedOut(MediaLegID)
}

public enum MediaError: Error, Equatable, Sendable {
    /// Every port of the configured range is in use.
    case noFreePort(ClosedRange<Int>)
    case unknownLeg(MediaLegID)
}

/// The media side of Waihu's calls, behind a protocol so that rtpengine (its ng control protocol) can take it at scale:
/// legs with their own ports, silence to an idle agent's leg, a bridge between a customer's leg and an agent's with a
/// stereo recording, a message played into a leg, RTP timeouts reported.
public protocol MediaRelay: Sendable {
    /// A new leg on a free port of the range; `idleSilence` keeps an agent's phone fed while no customer is bridged.
    func open(idleSilence: Bool) async throws -> (leg: MediaLegID, port: Int)
    func setRemote(_ leg: MediaLegID, _ remote: MediaRemote) async throws
    /// Connects the two legs both ways; the recording (customer left, agent right) goes to `recording` when given.
    func bridge(customer: MediaLegID, agent: MediaLegID, recording: String?) async throws
    /// Ends the customer leg's bridge: the recording is written, the agent's leg goes back to silence.
    func unbridge(customer: MediaLegID) async
    /// Plays 8 kHz samples into the leg and returns when the last frame has been sent.
    func play(_ samples: [Int16], into leg: MediaLegID) async throws
    func close(_ leg: MediaLegID) async
    var events: AsyncStream<MediaEvent> { get }
}
