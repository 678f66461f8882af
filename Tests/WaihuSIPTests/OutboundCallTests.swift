import Testing
import WaihuCore
@testable import WaihuSIP

/// A call Waihu places, on a virtual clock, against what RFC 3261 asks of a UAC: the ACK of every 2xx, CANCEL only
/// after a provisional and on the INVITE's branch, the 200-after-CANCEL race, BYE in the dialog, the far end's BYE
/// and re-INVITE.
@Suite struct OutboundCallTests {
    static let offer = SDPAudio(sessionID: 1, version: 1, address: "192.0.2.10", port: 20000, formats: [(8, "PCMA/8000")])
    static let invite = SIPMessage(.request(method: "INVITE", uri: "sip:13800138000@trunk.example.cn"), headers: SIPHeaders([
        ("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-inv;rport"), ("Max-Forwards", "70"),
        ("From", "<sip:4008001234@192.0.2.10>;tag=w1"), ("To", "<sip:13800138000@trunk.example.cn>"), ("Call-ID", "c1@192.0.2.10"),
        ("CSeq", "1 INVITE"), ("Contact", "<sip:waihu@192.0.2.10:5060>"), ("Content-Type", "application/sdp"),
    ]), body: Array(offer.text().utf8))

    static func call() -> OutboundCall {
        nonisolated(unsafe) var count = 0
        return OutboundCall(invite: invite) {
            count += 1
            return "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-\(count);rport"
        }
    }

    static func response(_ status: Int, method: String = "INVITE", sequence: Int = 1, branch: String = "z9hG4bK-inv", sdp: SDPAudio? = nil,
                         reason: String? = nil) -> SIPMessage {
        var headers = SIPHeaders([
            ("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=\(branch);rport=5060"), ("From", "<sip:4008001234@192.0.2.10>;tag=w1"),
            ("To", "<sip:13800138000@trunk.example.cn>" + (status > 100 ? ";tag=far" : "")), ("Call-ID", "c1@192.0.2.10"),
            ("CSeq", "\(sequence) \(method)"), ("Contact", "<sip:gw@198.51.100.7:5070>"),
            ("Record-Route", "<sip:p1.example.cn;lr>, <sip:p2.example.cn;lr>"),
        ])
        if let reason { headers.add("Reason", reason) }
        return SIPMessage(.response(status: status, reason: "R"), headers: headers, body: sdp.map { Array($0.text().utf8) } ?? [])
    }

    static func sent(_ outputs: [OutboundCall.Output]) -> [SIPMessage] {
        outputs.compactMap { if case .send(let message) = $0 { message } else { nil } }
    }

    static func events(_ outputs: [OutboundCall.Output]) -> [OutboundCall.Event] {
        outputs.compactMap { if case .event(let event) = $0 { event } else { nil } }
    }

    @Test func anAnsweredCallIsAckedThroughItsRouteSetEachTimeTheTwoHundredComes() {
        var call = Self.call()
        #expect(Self.sent(call.start(at: 0)) == [Self.invite])
        #expect(Self.events(call.receive(Self.response(100), at: 0.1)).isEmpty)
        #expect(Self.events(call.receive(Self.response(180), at: 0.2)) == [.ringing])
        #expect(Self.events(call.receive(Self.response(180), at: 0.3)).isEmpty, "ringing once")
        let answer = SDPAudio(sessionID: 9, version: 1, address: "198.51.100.7", port: 6000, formats: [(8, "PCMA/8000")])
        let outputs = call.receive(Self.response(200, sdp: answer), at: 2)
        #expect(Self.events(outputs) == [.answered(answer)] && call.phase == .answered)
        guard let ack = Self.sent(outputs).first else { Issue.record("an ACK"); return }
        #expect(ack.start == .request(method: "ACK", uri: "sip:gw@198.51.100.7:5070"), "to the Contact of the 2xx")
        #expect(ack.headers.values("Route") == ["<sip:p2.example.cn;lr>", "<sip:p1.example.cn;lr>"], "Record-Route reversed")
        #expect(ack.headers["CSeq"] == "1 ACK" && ack.branch != "z9hG4bK-inv", "its own transaction")
        #expect(ack.headers["To"] == "<sip:13800138000@trunk.example.cn>;tag=far")
        let again = call.receive(Self.response(200, sdp: answer), at: 2.5)
        #expect(Self.sent(again) == [ack] && Self.events(again).isEmpty, "the retransmitted 2xx gets the same ACK, no second answer")
    }

    @Test func aBusyTrunkEndsTheCallWithItsCauseAndTheTransactionAcksIt() {
        var call = Self.call()
        _ = call.start(at: 0)
        let outputs = call.receive(Self.response(486, reason: "Q.850;cause=17"), at: 1)
        #expect(Self.events(outputs) == [.failed(.busy)] && call.phase == .ended)
        #expect(Self.sent(outputs).map(\.method) == ["ACK"] && Self.sent(outputs).first?.branch == "z9hG4bK-inv", "ACK in the INVITE's transaction")
        #expect(!call.finished, "the transaction still absorbs retransmitted 486s (Timer D)")
        _ = call.fire(at: 33)
        #expect(call.finished)
    }

    @Test func aChallengedInviteIsSentOnceMoreWithTheDigestAnswer() {
        nonisolated(unsafe) var count = 0
        var call = OutboundCall(invite: Self.invite, credentials: SIPCredentials(user: "waihu", password: "secret")) {
            count += 1
            return "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-\(count);rport"
        }
        _ = call.start(at: 0)
        var challenge = Self.response(407)
        challenge.headers.add("Proxy-Authenticate", #"Digest realm="trunk.example.cn", nonce="abc", algorithm=MD5"#)
        let outputs = call.receive(challenge, at: 0.1)
        let sent = Self.sent(outputs)
        #expect(Self.events(outputs).isEmpty && sent.map(\.method) == ["ACK", "INVITE"])
        let again = sent[1]
        #expect(again.headers["CSeq"] == "2 INVITE" && again.branch == "z9hG4bK-1" && again.callID == Self.invite.callID)
        #expect(again.fromTag == "w1" && again.body == Self.invite.body)
        // The answer of RFC 2617 §3.2.2 without qop: MD5(MD5(user:realm:password):nonce:MD5(INVITE:uri)), worked out here.
        let ha1 = DigestChallenge.md5("waihu:trunk.example.cn:secret"), ha2 = DigestChallenge.md5("INVITE:sip:13800138000@trunk.example.cn")
        #expect(again.headers["Proxy-Authorization"]?.contains("response=\"\(DigestChallenge.md5("\(ha1):abc:\(ha2)"))\"") == true)
        #expect(Self.sent(call.receive(challenge, at: 0.2)).map(\.method) == ["ACK"], "the 407 again: ACKed again, not answered twice")
        let answered = call.receive(Self.response(200, sequence: 2, branch: "z9hG4bK-1"), at: 1)
        #expect(Self.events(answered).count == 1 && call.phase == .answered)
        // A second challenge (wrong password) ends the call as failed.
        var refused = OutboundCall(invite: Self.invite, credentials: SIPCredentials(user: "waihu", password: "wrong")) { "SIP/2.0/UDP h;branch=z9hG4bK-x" }
        _ = refused.start(at: 0)
        _ = refused.receive(challenge, at: 0.1)
        var second = Self.response(407, sequence: 2, branch: "z9hG4bK-x")
        second.headers.add("Proxy-Authenticate", #"Digest realm="trunk.example.cn", nonce="def""#)
        #expect(Self.events(refused.receive(second, at: 0.2)) == [.failed(.failed)])
        var anonymous = Self.call()
        _ = anonymous.start(at: 0)
        #expect(Self.events(anonymous.receive(challenge, at: 0.1)) == [.failed(.failed)], "no credentials configured")
    }

    @Test func aRingTimeoutCancelsOnTheInvitesBranchAndThe487IsNoNews() {
        var call = Self.call()
        _ = call.start(at: 0)
        _ = call.receive(Self.response(180), at: 0.5)
        let cancel = Self.sent(call.hangUp(at: 30))
        #expect(cancel.map(\.method) == ["CANCEL"] && call.phase == .cancelling)
        #expect(cancel.first?.branch == "z9hG4bK-inv" && cancel.first?.headers["CSeq"] == "1 CANCEL")
        #expect(cancel.first?.start == .request(method: "CANCEL", uri: "sip:13800138000@trunk.example.cn"))
        #expect(cancel.first?.headers["To"] == "<sip:13800138000@trunk.example.cn>", "the INVITE's To, without the far tag")
        _ = call.receive(Self.response(200, method: "CANCEL"), at: 30.1)
        let terminated = call.receive(Self.response(487), at: 30.2)
        #expect(Self.events(terminated).isEmpty && Self.sent(terminated).map(\.method) == ["ACK"] && call.phase == .ended)
    }

    @Test func aCancelledCallWhoseInviteNeverEndsIsForgottenAfter64T1() {
        var call = Self.call()
        _ = call.start(at: 0)
        _ = call.receive(Self.response(180), at: 1)
        _ = call.hangUp(at: 20)
        _ = call.receive(Self.response(200, method: "CANCEL"), at: 20.1)
        var events: [OutboundCall.Event] = []
        while let due = call.nextDeadline { events += Self.events(call.fire(at: due)) }
        #expect(events.isEmpty && call.phase == .ended && call.finished, "given up at 20 + 32 s without a word to the dialer")
    }

    @Test func hangingUpBeforeAnyProvisionalWaitsForOneToCancel() {
        var call = Self.call()
        _ = call.start(at: 0)
        #expect(call.hangUp(at: 0.2).isEmpty, "no CANCEL before a provisional (§9.1)")
        let outputs = call.receive(Self.response(183), at: 0.4)
        #expect(Self.sent(outputs).map(\.method) == ["CANCEL"] && Self.events(outputs).isEmpty)
    }

    @Test func anAnswerThatCrossesTheCancelIsAckedThenEndedWithBye() {
        var call = Self.call()
        _ = call.start(at: 0)
        _ = call.receive(Self.response(180), at: 1)
        _ = call.hangUp(at: 15)
        let outputs = call.receive(Self.response(200), at: 15.01)
        #expect(Self.events(outputs).isEmpty, "the dialer hung up already: no answer to report")
        let sent = Self.sent(outputs)
        #expect(sent.map(\.method) == ["ACK", "BYE"] && call.phase == .ending)
        #expect(sent[1].headers["CSeq"] == "2 BYE" && sent[1].start == .request(method: "BYE", uri: "sip:gw@198.51.100.7:5070"))
        _ = call.receive(Self.response(200, method: "CANCEL"), at: 15.02)
        _ = call.receive(Self.response(200, method: "BYE", sequence: 2, branch: sent[1].branch!), at: 15.1)
        #expect(call.phase == .ended)
    }

    static func farRequest(_ method: String, branch: String, fromTag: String = "far", sequence: Int = 5) -> SIPMessage {
        SIPMessage(.request(method: method, uri: "sip:waihu@192.0.2.10:5060"), headers: SIPHeaders([
            ("Via", "SIP/2.0/UDP 198.51.100.7:5070;branch=\(branch)"), ("From", "<sip:13800138000@trunk.example.cn>;tag=\(fromTag)"),
            ("To", "<sip:4008001234@192.0.2.10>;tag=w1"), ("Call-ID", "c1@192.0.2.10"), ("CSeq", "\(sequence) \(method)"),
        ]))
    }

    static func answered() -> OutboundCall {
        var call = Self.call()
        _ = call.start(at: 0)
        _ = call.receive(Self.response(200), at: 1)
        return call
    }

    @Test func theCustomersByeIsAnsweredAndReportedAndAByeFromElsewhereIsRefused() {
        var call = Self.answered()
        let stranger = call.receive(Self.farRequest("BYE", branch: "z9hG4bK-x", fromTag: "other"), at: 3)
        #expect(Self.sent(stranger).map(\.status) == [481] && call.phase == .answered)
        let outputs = call.receive(Self.farRequest("BYE", branch: "z9hG4bK-b"), at: 4)
        #expect(Self.events(outputs) == [.hungUp] && call.phase == .ended)
        #expect(Self.sent(outputs).map(\.status) == [200] && Self.sent(outputs).first?.headers["CSeq"] == "5 BYE")
        #expect(Self.sent(call.receive(Self.farRequest("BYE", branch: "z9hG4bK-b"), at: 4.5)).map(\.status) == [200], "the BYE again: the same 200")
    }

    @Test func aReInviteIsAnsweredWithTheCurrentOfferUntilItsAck() {
        var call = Self.answered()
        let outputs = call.receive(Self.farRequest("INVITE", branch: "z9hG4bK-re"), at: 10)
        guard let ok = Self.sent(outputs).first else { Issue.record("a 200"); return }
        #expect(ok.status == 200 && ok.body == Self.invite.body && ok.headers["Content-Type"] == "application/sdp")
        #expect(Self.sent(call.fire(at: 10.5)).map(\.status) == [200], "resent until the ACK")
        _ = call.receive(Self.farRequest("ACK", branch: "z9hG4bK-ra"), at: 10.6)
        #expect(Self.sent(call.fire(at: 11.5)).isEmpty)
        #expect(Self.events(outputs).isEmpty && call.phase == .answered)
    }

    @Test func waihuHangsUpAnAnsweredCallWithByeAndANetworkThatNeverAnswersFails() {
        var call = Self.answered()
        let bye = Self.sent(call.hangUp(at: 20))
        #expect(bye.map(\.method) == ["BYE"] && bye.first?.headers["CSeq"] == "2 BYE" && call.phase == .ending)
        var silent = Self.call()
        _ = silent.start(at: 0)
        var events: [OutboundCall.Event] = []
        while let due = silent.nextDeadline { events += Self.events(silent.fire(at: due)) }
        #expect(events == [.failed(.failed)] && silent.finished)
    }
}
