import Testing
@testable import WaihuCore

/// The agent's Hang up (挂断): their connected call ends connected and after-call work follows; their own
/// preview call still ringing ends unanswered and they are ready again; someone else's call is left alone.
@Suite struct DialerHangUpTests {
    func dialer(agents: Int) -> Dialer {
        var dialer = Dialer(mode: .preview, agents: agents, settings: PacingSettings())
        for agent in 0 ..< agents { _ = dialer.handle(.agent(.logIn(agent)), at: 0) }
        return dialer
    }

    func summaries(_ actions: [DialerAction]) -> [CallSummary] {
        actions.compactMap { if case .callEnded(let summary) = $0 { summary } else { nil } }
    }

    @Test func aConnectedCallEndsConnectedAtTheAgentsWord() {
        var dialer = dialer(agents: 2)
        let call = dialer.place(at: 0, reservedFor: nil)
        _ = dialer.handle(.telephony(.answered(call, by: .person)), at: 5)
        #expect(dialer.state(of: 0) == .talking, "agent 0, ready longest, takes it")
        #expect(dialer.handle(.agent(.hangUp(1)), at: 20).isEmpty, "agent 1 has no call to hang up")
        let actions = dialer.handle(.agent(.hangUp(0)), at: 65)
        #expect(actions.contains(.hangUp(call, .agent)))
        let ended = summaries(actions)
        #expect(ended.map(\.outcome) == [.connected] && ended.first?.endedAt == 65 && ended.first?.bridgedAt == 5)
        #expect(dialer.state(of: 0) == .acw)
        #expect(dialer.handle(.telephony(.hungUp(call)), at: 66).isEmpty, "the network's later hang-up changes nothing")
    }

    @Test func aRingingPreviewCallEndsUnanswered() {
        var dialer = dialer(agents: 1)
        let launched = dialer.handle(.agent(.dial(0)), at: 10)
        #expect(launched.contains(.launch(CallID(0), reservedFor: 0)))
        let actions = dialer.handle(.agent(.hangUp(0)), at: 14)
        #expect(actions.contains(.hangUp(CallID(0), .agent)))
        #expect(summaries(actions).map(\.outcome) == [.failure(.no_answer)])
        #expect(dialer.state(of: 0) == .ready)
        #expect(dialer.nextDeadline == nil, "no ring timeout left behind")
    }
}
