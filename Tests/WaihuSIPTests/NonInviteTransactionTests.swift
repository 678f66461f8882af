import Testing
@testable import WaihuSIP

/// The non-INVITE client and the server transactions on a virtual clock. Expected times are worked from RFC 3261's
/// timers with T1 = 0.5 s, T2 = 4 s, T4 = 5 s: E doubles from T1 to T2, F/H/J/L = 64 × T1 = 32 s, K = I = T4.
@Suite struct NonInviteTransactionTests {
    static let bye = SIPMessage(.request(method: "BYE", uri: "sip:1001@192.0.2.20"), headers: SIPHeaders([
        ("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-2"), ("CSeq", "8 BYE"), ("Call-ID", "c1"),
    ]))

    static func response(_ status: Int, method: String = "BYE") -> SIPMessage {
        SIPMessage(.response(status: status, reason: "R"), headers: SIPHeaders([("CSeq", "8 \(method)")]))
    }

    /// Runs every timer to the end, noting when something was sent and when the transaction gave up.
    static func drain(_ deadline: () -> Double?, _ fire: (Double) -> (sent: Int, timedOut: Bool)) -> (sent: [Double], timedOut: Double?) {
        var sent: [Double] = [], timedOut: Double?
        while let due = deadline() {
            let result = fire(due)
            sent += Array(repeating: due, count: result.sent)
            if result.timedOut { timedOut = due }
        }
        return (sent, timedOut)
    }

    @Test func anUnansweredByeIsResentUpToEveryT2ThenTimesOut() {
        var transaction = NonInviteClientTransaction(Self.bye)
        #expect(transaction.start(at: 0) == [.send(Self.bye)])
        let run = Self.drain({ transaction.nextDeadline }) { now in
            let actions = transaction.fire(at: now)
            return (actions.filter { if case .send = $0 { true } else { false } }.count, actions.contains(.timedOut))
        }
        // 0.5, +1, +2, then every 4 s while under 32.
        #expect(run.sent == [0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5])
        #expect(run.timedOut == 32 && transaction.state == .terminated)
    }

    @Test func aProvisionalSlowsTheResendsToT2AndTheFinalIsDeliveredOnce() {
        var transaction = NonInviteClientTransaction(Self.bye)
        _ = transaction.start(at: 0)
        #expect(transaction.fire(at: 0.5) == [.send(Self.bye)])
        #expect(transaction.receive(Self.response(100), at: 0.7) == [.deliver(Self.response(100))])
        #expect(transaction.state == .proceeding && transaction.nextDeadline == 1.5)
        #expect(transaction.fire(at: 1.5) == [.send(Self.bye)])
        #expect(transaction.nextDeadline == 5.5, "every T2 from Proceeding")
        #expect(transaction.receive(Self.response(200), at: 2) == [.deliver(Self.response(200))])
        #expect(transaction.receive(Self.response(200), at: 2.1).isEmpty, "a retransmitted 200 is absorbed")
        #expect(transaction.state == .completed && transaction.nextDeadline == 7, "Timer K = T4")
        #expect(transaction.fire(at: 7).isEmpty && transaction.state == .terminated)
    }

    static let invite = SIPMessage(.request(method: "INVITE", uri: "sip:waihu@192.0.2.10"), headers: SIPHeaders([
        ("Via", "SIP/2.0/UDP 192.0.2.20:5080;branch=z9hG4bK-a"), ("CSeq", "1 INVITE"), ("Call-ID", "agent-1"),
    ]))
    static let ack = SIPMessage(.request(method: "ACK", uri: "sip:waihu@192.0.2.10"), headers: SIPHeaders([("CSeq", "1 ACK")]))

    @Test func aRefusalIsResentUntilAckedThenKeptForT4() {
        var transaction = InviteServerTransaction(Self.invite)
        let busy = Self.response(486, method: "INVITE")
        #expect(transaction.respond(busy, at: 0) == [.send(busy)])
        #expect(transaction.fire(at: 0.5) == [.send(busy)] && transaction.nextDeadline == 1.5)
        #expect(transaction.receive(Self.invite, at: 1) == [.send(busy)], "the INVITE again gets the answer again")
        #expect(transaction.receive(Self.ack, at: 1.2).isEmpty && transaction.state == .confirmed)
        #expect(transaction.nextDeadline == 6.2, "Timer I = T4, no more resends")
        #expect(transaction.fire(at: 6.2).isEmpty && transaction.state == .terminated)
    }

    @Test func anUnackedRefusalTimesOutAtTimerH() {
        var transaction = InviteServerTransaction(Self.invite)
        _ = transaction.respond(Self.response(603, method: "INVITE"), at: 0)
        let run = Self.drain({ transaction.nextDeadline }) { now in
            let actions = transaction.fire(at: now)
            return (actions.filter { if case .send = $0 { true } else { false } }.count, actions.contains(.timedOut))
        }
        #expect(run.sent == [0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5])
        #expect(run.timedOut == 32)
    }

    @Test func aTwoHundredIsResentUntilItsAckWhichIsDeliveredOnce() {
        var transaction = InviteServerTransaction(Self.invite)
        let ok = Self.response(200, method: "INVITE")
        #expect(transaction.respond(Self.response(180, method: "INVITE"), at: 0) == [.send(Self.response(180, method: "INVITE"))])
        #expect(transaction.nextDeadline == nil, "a provisional is not resent on a timer")
        #expect(transaction.respond(ok, at: 1) == [.send(ok)] && transaction.state == .accepted)
        #expect(transaction.fire(at: 1.5) == [.send(ok)])
        #expect(transaction.receive(Self.invite, at: 1.6).isEmpty, "RFC 6026: the INVITE again is absorbed")
        #expect(transaction.receive(Self.ack, at: 1.8) == [.deliver(Self.ack)])
        #expect(transaction.receive(Self.ack, at: 1.9).isEmpty)
        #expect(transaction.nextDeadline == 33, "Timer L from the 2xx")
        #expect(transaction.fire(at: 33).isEmpty && transaction.state == .terminated)
    }

    @Test func aTwoHundredNeverAckedEndsTheCall() {
        var transaction = InviteServerTransaction(Self.invite)
        _ = transaction.respond(Self.response(200, method: "INVITE"), at: 0)
        var sends = 0, timedOut = false
        while let due = transaction.nextDeadline {
            for action in transaction.fire(at: due) {
                if case .send = action { sends += 1 }
                if action == .timedOut { timedOut = true }
            }
        }
        #expect(sends == 10 && timedOut)
    }

    @Test func aNonInviteServerAnswersRetransmissionsAndForgetsAfterTimerJ() {
        var transaction = NonInviteServerTransaction(Self.bye)
        #expect(transaction.retransmission() == nil, "nothing to resend while trying")
        #expect(transaction.respond(Self.response(200), at: 3) == Self.response(200))
        #expect(transaction.respond(Self.response(500), at: 3.1) == nil, "answered once")
        #expect(transaction.retransmission() == Self.response(200))
        #expect(transaction.nextDeadline == 35)
        transaction.fire(at: 35)
        #expect(transaction.state == .terminated)
    }
}
