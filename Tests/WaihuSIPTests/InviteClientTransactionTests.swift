import Testing
@testable import WaihuSIP

/// The client INVITE transaction on a virtual clock (RFC 3261 §17.1.1, RFC 6026): the times are worked out from the
/// RFC's timers — T1 = 0.5 s, Timer A doubling from T1, Timer B = 64 × T1 = 32 s, Timer D 32 s over UDP.
@Suite struct InviteClientTransactionTests {
    static let invite = SIPMessage(.request(method: "INVITE", uri: "sip:13800138000@trunk.example.cn"), headers: SIPHeaders([
        ("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1;rport"), ("Max-Forwards", "70"),
        ("From", "<sip:4008001234@192.0.2.10>;tag=abc"), ("To", "<sip:13800138000@trunk.example.cn>"), ("Call-ID", "c1@192.0.2.10"),
        ("CSeq", "7 INVITE"), ("Route", "<sip:edge.example.cn;lr>"),
    ]))

    static func response(_ status: Int, toTag: String = "xyz") -> SIPMessage {
        SIPMessage(.response(status: status, reason: "R"), headers: SIPHeaders([
            ("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1;rport"), ("From", "<sip:4008001234@192.0.2.10>;tag=abc"),
            ("To", "<sip:13800138000@trunk.example.cn>;tag=\(toTag)"), ("Call-ID", "c1@192.0.2.10"), ("CSeq", "7 INVITE"),
        ]))
    }

    @Test func unansweredItIsSentSevenTimesThenTimesOutAt32Seconds() {
        var transaction = InviteClientTransaction(Self.invite)
        var sent: [Double] = [], timedOut: Double?
        if case .send = transaction.start(at: 0).first { sent.append(0) }
        while let due = transaction.nextDeadline {
            for action in transaction.fire(at: due) {
                switch action {
                case .send: sent.append(due)
                case .timedOut: timedOut = due
                case .deliver: Issue.record("nothing to deliver")
                }
            }
        }
        // 0, then Timer A at 0.5, 1, 2, 4, 8 and 16 s after each sending.
        #expect(sent == [0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5])
        #expect(timedOut == 32 && transaction.state == .terminated)
    }

    @Test func aFailureIsAckedEachTimeItComesAndDeliveredOnce() {
        var transaction = InviteClientTransaction(Self.invite)
        _ = transaction.start(at: 0)
        #expect(transaction.receive(Self.response(180), at: 0.7) == [.deliver(Self.response(180))])
        #expect(transaction.state == .proceeding && transaction.nextDeadline == nil, "no retransmission once ringing")
        let busy = Self.response(486)
        let actions = transaction.receive(busy, at: 5)
        guard case .send(let ack) = actions.first else { Issue.record("an ACK first"); return }
        #expect(actions.dropFirst().elementsEqual([.deliver(busy)]))
        #expect(ack.start == .request(method: "ACK", uri: "sip:13800138000@trunk.example.cn"))
        #expect(ack.headers.values("Via") == ["SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-1;rport"])
        #expect(ack.headers["To"] == "<sip:13800138000@trunk.example.cn>;tag=xyz" && ack.headers["CSeq"] == "7 ACK")
        #expect(ack.headers["From"] == Self.invite.headers["From"] && ack.headers["Route"] == "<sip:edge.example.cn;lr>")
        // The trunk sends its 486 again: ACKed again, not delivered twice; Timer D ends the transaction at 5 + 32 s.
        #expect(transaction.receive(busy, at: 5.5) == [.send(ack)])
        #expect(transaction.nextDeadline == 37)
        #expect(transaction.fire(at: 37).isEmpty && transaction.state == .terminated)
    }

    @Test func everyTwoHundredReachesTheDialogToBeAcked() {
        var transaction = InviteClientTransaction(Self.invite)
        _ = transaction.start(at: 0)
        let ok = Self.response(200)
        #expect(transaction.receive(ok, at: 1) == [.deliver(ok)] && transaction.state == .accepted)
        // A retransmitted 200 (its ACK lost) goes to the dialog too, which ACKs it (RFC 6026); a late 180 is dropped.
        #expect(transaction.receive(ok, at: 1.6) == [.deliver(ok)])
        #expect(transaction.receive(Self.response(180), at: 2).isEmpty)
        #expect(transaction.nextDeadline == 33)
        #expect(transaction.fire(at: 33).isEmpty && transaction.state == .terminated)
        #expect(transaction.receive(ok, at: 34).isEmpty)
    }
}
