import Testing
@testable import WaihuCore

/// A supervisor switching a running project's dial mode: a predictive floor put on preview places no call by itself
/// from the next tick, while the calls already ringing are still answered and bridged; switched back, it paces again.
@Suite struct DialerModeChangeTests {
    func launches(_ actions: [DialerAction]) -> [CallID] {
        actions.compactMap { if case .launch(let call, _) = $0 { call } else { nil } }
    }

    @Test func previewStopsThePacingButNotTheCallsInFlight() {
        var dialer = Dialer(mode: .predictive, agents: 3, settings: PacingSettings())
        for agent in 0 ..< 3 { _ = dialer.handle(.agent(.logIn(agent)), at: 0) }
        let placed = launches(dialer.handle(.tick, at: 1))
        #expect(!placed.isEmpty, "three ready agents: the predictive dialer places calls")

        dialer.change(mode: .preview)
        #expect(dialer.mode == .preview)
        #expect(launches(dialer.handle(.tick, at: 2)).isEmpty, "preview places nothing by itself")
        #expect(launches(dialer.handle(.tick, at: 3)).isEmpty)
        let first = placed[0]
        let answered = dialer.handle(.telephony(.answered(first, by: .person)), at: 4)
        #expect(answered.contains { if case .bridge(first, _) = $0 { true } else { false } }, "the call in flight still reaches an agent")
        #expect(dialer.callsInProgress == placed.count)

        // Every call ends (the agent hangs up, the others go unanswered); back on predictive, with all three ready
        // again, the first tick places calls as the first one did.
        _ = dialer.handle(.agent(.hangUp(dialer.state(of: 0) == .talking ? 0 : 1)), at: 10)
        for call in placed.dropFirst() { _ = dialer.handle(.telephony(.failed(call, .no_answer)), at: 11) }
        for agent in 0 ..< 3 { _ = dialer.handle(.agent(.ready(agent)), at: 12) }
        #expect(dialer.callsInProgress == 0)
        #expect(launches(dialer.handle(.tick, at: 13)).isEmpty, "still preview")
        dialer.change(mode: .predictive)
        #expect(launches(dialer.handle(.tick, at: 14)).count == placed.count, "predictive paces again, afresh")
    }
}
