import Foundation
import Testing
import WaihuCore
@testable import WaihuSIP

/// What a peer may send, broken every way a seeded mutator can think of: SIP messages, SDP, RTP packets and digest
/// challenges are read without a crash, a message that is read is written and read back the same, and a call fed
/// broken answers keeps going. The corpus is the messages SIPp and the phones send in the peer tests.
@Suite struct FuzzTests {
    static let corpus: [String] = [
        "INVITE sip:13800138000@trunk.example.cn SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1;rport\r\nMax-Forwards: 70\r\n"
            + "From: \"Waihu\" <sip:4008001234@192.0.2.10>;tag=abc\r\nTo: <sip:13800138000@trunk.example.cn>\r\nCall-ID: 7f3a@192.0.2.10\r\n"
            + "CSeq: 1 INVITE\r\nContact: <sip:waihu@192.0.2.10:5060>\r\nContent-Type: application/sdp\r\nContent-Length: 129\r\n\r\n"
            + "v=0\r\no=- 42 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n",
        "SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx;rport=5060;received=127.0.0.1\r\n"
            + "From: <sip:4008001234@127.0.0.1>;tag=w\r\nTo: <sip:2001@127.0.0.1>;tag=c1\r\nCall-ID: a@b\r\nCSeq: 1 INVITE\r\n"
            + "Reason: Q.850;cause=17;text=\"User busy\"\r\nContent-Length: 0\r\n\r\n",
        "SIP/2.0 401 Unauthorized\r\nv: SIP/2.0/UDP h;branch=z9hG4bKy\r\nf: <sip:a@h>;tag=1\r\nt: <sip:b@h>;tag=2\r\ni: c\r\nCSeq: 2 OPTIONS\r\n"
            + "WWW-Authenticate: Digest realm=\"trunk\", nonce=\"5ca1ab1e\", qop=\"auth,auth-int\", algorithm=MD5, opaque=\"x\"\r\nl: 0\r\n\r\n",
        "BYE sip:waihu@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-b\r\nFrom: <sip:1@h>;tag=far\r\n"
            + "To: <sip:2@h>;tag=w1\r\nCall-ID: c1\r\nCSeq: 5 BYE\r\n\r\n",
    ]


    static let tricky: [UInt8] = Array("\r\n:;,=\"<> \t\\0%@".utf8) + [0x00, 0xFF, 0xC3, 0x80]

    static func mutate(_ input: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0 ..< Int.random(in: 1 ... 4, using: &random) where !bytes.isEmpty {
            let at = Int.random(in: 0 ..< bytes.count, using: &random)
            switch Int.random(in: 0 ..< 6, using: &random) {
            case 0: bytes[at] = UInt8.random(in: 0 ... 255, using: &random)
            case 1: bytes.insert(tricky.randomElement(using: &random)!, at: at)
            case 2: bytes.removeSubrange(at ..< min(bytes.count, at + Int.random(in: 1 ... 40, using: &random)))
            case 3: bytes = Array(bytes[..<at])
            case 4: bytes.insert(contentsOf: bytes[at ..< min(bytes.count, at + 30)], at: at)
            default: bytes.replaceSubrange(at ..< min(bytes.count, at + 1), with: Array("99999999999".utf8))
            }
        }
        return bytes
    }

    @Test func brokenMessagesNeverCrashAndWhatIsReadRoundTrips() throws {
        var random = SeededRandom(seed: 20_261_207)
        var read = 0
        for index in 0 ..< 20_000 {
            let bytes = Self.mutate(Array(Self.corpus[index % Self.corpus.count].utf8), &random)
            guard let message = try? SIPMessage.parse(bytes) else { continue }
            read += 1
            let again = try SIPMessage.parse(message.serialized())
            #expect(again.start == message.start && again.body == message.body, "\(String(decoding: bytes, as: UTF8.self))")
            // Content-Length is written anew from the body (one, always): every other field comes back as it was.
            let before = message.headers.fields.filter { $0.name != "Content-Length" }, after = again.headers.fields.filter { $0.name != "Content-Length" }
            #expect(after.map(\.name) == before.map(\.name) && after.map(\.value) == before.map(\.value),
                    "\(String(decoding: bytes, as: UTF8.self))")
            if let challenge = message.headers["WWW-Authenticate"] { _ = try? DigestChallenge.parse(challenge) }
            _ = SIPOutcomeTable.defaults.failure(of: message)
            _ = try? SDPAudio.parse(String(decoding: message.body, as: UTF8.self))
        }
        #expect(read > 1_000, "the mutations leave many messages readable, so the round trip is exercised (\(read))")
    }

    @Test func brokenPacketsAndAnswersNeverCrashACall() {
        var random = SeededRandom(seed: 7)
        let packet = RTPPacket(marker: true, payloadType: 8, sequence: 1, timestamp: 160, ssrc: 9, contributors: [3], payload: Array(repeating: 0xD5, count: 160))
        for _ in 0 ..< 20_000 { _ = try? RTPPacket.parse(Self.mutate(packet.serialized(), &random)) }
        let invite = try! SIPMessage.parse(Array(Self.corpus[0].utf8))
        var call = OutboundCall(invite: invite) { "SIP/2.0/UDP h;branch=z9hG4bK-\(UInt32.random(in: 0 ... .max))" }
        _ = call.start(at: 0)
        for index in 0 ..< 5_000 {
            guard let message = try? SIPMessage.parse(Self.mutate(Array(Self.corpus[index % Self.corpus.count].utf8), &random)) else { continue }
            _ = call.receive(message, at: Double(index) / 100)
            _ = call.fire(at: Double(index) / 100)
        }
        // Hung up, its timers run out: no timer is left firing for ever.
        _ = call.hangUp(at: 60)
        var fired = 0
        while let due = call.nextDeadline, fired < 10_000 {
            _ = call.fire(at: max(due, 60))
            fired += 1
        }
        #expect(call.nextDeadline == nil && fired < 10_000, "the call's timers end (\(fired) fired, phase \(call.phase))")
    }
}
