import Foundation
import Testing
@testable import WaihuSIP

/// SIP messages read and written (RFC 3261 §7, §20): what a carrier or a softphone sends, however it spells it.
@Suite struct SIPMessageTests {
    static func bytes(_ lines: [String], body: String = "") -> [UInt8] { Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8) }

    static let sdp = "v=0\r\no=- 42 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\na=sendrecv\r\n"

    @Test func anInviteIsReadFieldByField() throws {
        let invite = Self.bytes([
            "INVITE sip:13800138000@trunk.example.cn SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1;rport",
            "Max-Forwards: 70",
            "From: \"Waihu\" <sip:4008001234@192.0.2.10>;tag=abc",
            "To: <sip:13800138000@trunk.example.cn>",
            "Call-ID: 7f3a@192.0.2.10",
            "CSeq: 1 INVITE",
            "Contact: <sip:waihu@192.0.2.10:5060>",
            "Content-Type: application/sdp",
            "Content-Length: \(Self.sdp.utf8.count)",
        ], body: Self.sdp)
        let message = try SIPMessage.parse(invite)
        #expect(message.start == .request(method: "INVITE", uri: "sip:13800138000@trunk.example.cn"))
        #expect(message.branch == "z9hG4bK-1" && message.fromTag == "abc" && message.toTag == nil)
        #expect(message.cseq?.number == 1 && message.cseq?.method == "INVITE" && message.callID == "7f3a@192.0.2.10")
        #expect(SIPParameters.value("rport", in: message.headers["Via"]!) == "")
        #expect(String(decoding: message.body, as: UTF8.self) == Self.sdp)
        // Written back and read again, it is the same message.
        #expect(try SIPMessage.parse(message.serialized()) == message)
    }

    @Test func compactFormsFoldedLinesAndListsAreTheFullHeaders() throws {
        let response = Self.bytes([
            "SIP/2.0 180 Ringing",
            "v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-b, SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-a",
            "f: <sip:waihu@192.0.2.10>;tag=abc",
            "t: <sip:13800138000@trunk.example.cn>;tag=xyz",
            "i: 7f3a@192.0.2.10",
            "CSeq: 1",
            "  INVITE",
            "Record-Route: <sip:p1.example.cn;lr>,<sip:p2.example.cn;lr>",
            "l: 0",
        ])
        let message = try SIPMessage.parse(response)
        #expect(message.status == 180)
        #expect(message.headers.values("Via").count == 2 && message.branch == "z9hG4bK-b", "the topmost Via")
        #expect(message.headers.values("record-route") == ["<sip:p1.example.cn;lr>", "<sip:p2.example.cn;lr>"])
        #expect(message.cseq?.method == "INVITE", "a folded line continues the one before")
        #expect(message.toTag == "xyz" && message.callID == "7f3a@192.0.2.10")
        // A display name with a comma is one Contact, not two.
        var headers = SIPHeaders()
        headers.add("m", "\"Chen, Agent\" <sip:a1001@10.0.0.5>;expires=60, <sip:a1002@10.0.0.6>")
        #expect(headers.values("Contact") == ["\"Chen, Agent\" <sip:a1001@10.0.0.5>;expires=60", "<sip:a1002@10.0.0.6>"])
    }

    @Test func brokenDatagramsAreRefusedWithTheReason() throws {
        #expect(throws: SIPParseError.noStartLine) { try SIPMessage.parse(Array("\r\n\r\n".utf8)) }
        #expect(throws: SIPParseError.badStartLine("HELLO")) { try SIPMessage.parse(Self.bytes(["HELLO"])) }
        #expect(throws: SIPParseError.badStartLine("SIP/2.0 99 Odd")) { try SIPMessage.parse(Self.bytes(["SIP/2.0 99 Odd"])) }
        #expect(throws: SIPParseError.badHeader("no colon here")) { try SIPMessage.parse(Self.bytes(["OPTIONS sip:x SIP/2.0", "no colon here"])) }
        #expect(throws: SIPParseError.truncatedBody(expected: 10, present: 3)) {
            try SIPMessage.parse(Self.bytes(["OPTIONS sip:x SIP/2.0", "Content-Length: 10"], body: "abc"))
        }
        // Over UDP a missing Content-Length means the rest of the datagram; extra bytes past it are dropped.
        #expect(try SIPMessage.parse(Self.bytes(["OPTIONS sip:x SIP/2.0"], body: "abc")).body == Array("abc".utf8))
        #expect(try SIPMessage.parse(Self.bytes(["OPTIONS sip:x SIP/2.0", "l: 2"], body: "abc")).body == Array("ab".utf8))
    }

    @Test func theAudioOfAnOfferIsReadAndWritten() throws {
        let offer = try SDPAudio.parse(Self.sdp)
        #expect(offer.address == "192.0.2.10" && offer.port == 40000 && offer.ptime == 20 && offer.direction == .sendrecv)
        #expect(offer.formats.map(\.payload) == [8, 0, 101])
        #expect(offer.formats.map(\.name) == ["PCMA/8000", "PCMU/8000", "telephone-event/8000"], "static types named by RFC 3551")
        #expect(try SDPAudio.parse(offer.text()) == offer)
        // The media's own address wins over the session's; a held call is sendonly; no audio, no answer.
        let held = "v=0\r\no=- 1 2 IN IP4 a\r\nc=IN IP4 198.51.100.1\r\nm=video 5000 RTP/AVP 96\r\nc=IN IP4 198.51.100.9\r\nm=audio 6000 RTP/AVP 0\r\nc=IN IP4 198.51.100.2\r\na=sendonly\r\n"
        let parsed = try SDPAudio.parse(held)
        #expect(parsed.address == "198.51.100.2" && parsed.port == 6000 && parsed.direction == .sendonly && parsed.version == 2)
        #expect(throws: SDPAudio.ParseError.noAudio) { try SDPAudio.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=video 5000 RTP/AVP 96\r\n") }
        #expect(throws: SDPAudio.ParseError.noConnection) { try SDPAudio.parse("v=0\r\nm=audio 5000 RTP/AVP 0\r\n") }
    }
}
