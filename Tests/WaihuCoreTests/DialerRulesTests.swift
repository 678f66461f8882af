import Testing
@testable import WaihuCore

/// The dialer's rules on single calls: the 2-second bridge limit, the 15-second ring, what counts
/// as abandoned.
@Suite struct DialerRulesTests {
    /// A dialer in preview mode (it places nothing on its own) with `agents` logged in at 0.
    func dialer(agents: Int = 1, ringTimeout: Double = 15) -> Dialer {
        var settings = PacingSettings()
        settings.ringTimeout = ringTimeout
        var dialer = Dialer(mode: .preview, agents: agents, settings: settings)
        for agent in 0 ..< agents { _ = dialer.handle(.agent(.logIn(agent)), at: 0) }
        return dialer
    }

    func ended(_ actions: [DialerAction]) -> [CallSummary] {
        actions.compactMap { if case .callEnded(let summary) = $0 { summary } else { nil } }
    }

    func hungUp(_ actions: [DialerAction]) -> [HangUpCause] {
        actions.compactMap { if case .hangUp(_, let cause) = $0 { cause } else { nil } }
    }

    @Test func noAnswerIsDeclaredAtTheRingTimeoutAndNotASecondBefore() throws {
        var dialer = dialer()
        let launch = dialer.handle(.agent(.dial(0)), at: 10)
        #expect(launch.contains(.launch(CallID(0), reservedFor: 0)))
        #expect(dialer.state(of: 0) == .dialing)
        #expect(dialer.nextDeadline == 25)
        #expect(hungUp(dialer.handle(.deadline, at: 24.9)).isEmpty)
        let actions = dialer.handle(.deadline, at: 25)
        #expect(hungUp(actions) == [.noAnswer])
        #expect(ended(actions).map(\.outcome) == [.failure(.no_answer)])
        #expect(dialer.state(of: 0) == .ready)
    }

    @Test func aRingTimeoutUnder15SecondsIsRefused() {
        var settings = PacingSettings()
        settings.ringTimeout = 14
        #expect(throws: DomainError.self) { try settings.validated() }
        settings.ringTimeout = 15
        #expect(throws: Never.self) { try settings.validated() }
    }

    @Test func anAnsweredCallNoAgentTakesWithin2SecondsIsAbandoned() throws {
        var dialer = dialer()
        _ = dialer.handle(.agent(.dial(0)), at: 0)  // the only agent is now dialling
        // A second, unreserved call (as pacing would place it) is answered while nobody is ready.
        let placed = dialer.place(at: 0, reservedFor: nil)
        _ = dialer.handle(.telephony(.answered(placed, by: .person)), at: 8)
        #expect(dialer.today == AbandonTally(answeredByPerson: 1, abandoned: 0))
        #expect(dialer.nextDeadline == 10)
        #expect(hungUp(dialer.handle(.deadline, at: 9.99)).isEmpty)
        let actions = dialer.handle(.deadline, at: 10)
        #expect(hungUp(actions) == [.abandoned])
        #expect(ended(actions).map(\.outcome) == [.abandoned])
        #expect(dialer.today == AbandonTally(answeredByPerson: 1, abandoned: 1))
    }

    @Test func anAgentFreeWithin2SecondsTakesTheWaitingCall() throws {
        var dialer = dialer()
        _ = dialer.handle(.agent(.busy(0, reason: "meeting")), at: 0)
        let call = dialer.place(at: 0, reservedFor: nil)
        _ = dialer.handle(.telephony(.answered(call, by: .person)), at: 8)
        let actions = dialer.handle(.agent(.ready(0)), at: 9.5)
        #expect(actions.contains(.bridge(call, agent: 0)))
        #expect(dialer.state(of: 0) == .talking)
        #expect(hungUp(dialer.handle(.deadline, at: 10)).isEmpty)
        let end = dialer.handle(.telephony(.hungUp(call)), at: 69.5)
        #expect(ended(end).map(\.outcome) == [.connected])
        #expect(ended(end).first?.talkSeconds == 60)
        #expect(dialer.state(of: 0) == .acw)
        #expect(dialer.today == AbandonTally(answeredByPerson: 1, abandoned: 0))
    }

    @Test func aPersonWhoHangsUpBeforeAnAgentComesIsAbandonedAndAMachineIsNotCounted() throws {
        var dialer = dialer()
        _ = dialer.handle(.agent(.busy(0, reason: "break")), at: 0)
        let person = dialer.place(at: 0, reservedFor: nil)
        let machine = dialer.place(at: 0, reservedFor: nil)
        _ = dialer.handle(.telephony(.answered(person, by: .person)), at: 5)
        #expect(ended(dialer.handle(.telephony(.hungUp(person)), at: 6)).map(\.outcome) == [.abandoned])
        let machineActions = dialer.handle(.telephony(.answered(machine, by: .machine)), at: 7)
        #expect(hungUp(machineActions) == [.machine])
        #expect(ended(machineActions).map(\.outcome.systemDisposition) == ["answering_machine"])
        // Machines are left out of both sides of the rate.
        #expect(dialer.today == AbandonTally(answeredByPerson: 1, abandoned: 1))
        #expect(dialer.today.rate == 1)
    }

    @Test func anAnsweredCallGoesToTheAgentReadyLongest() throws {
        var dialer = dialer(agents: 3)
        _ = dialer.handle(.agent(.busy(0, reason: "meal")), at: 1)
        _ = dialer.handle(.agent(.ready(0)), at: 2)  // agent 0 is ready again, after 1 and 2
        let call = dialer.place(at: 3, reservedFor: nil)
        let actions = dialer.handle(.telephony(.answered(call, by: .person)), at: 10)
        #expect(actions.contains(.bridge(call, agent: 1)))
    }

    @Test func anAgentOnACallCannotGoBusyOrLogOut() throws {
        var dialer = dialer()
        let call = dialer.place(at: 0, reservedFor: nil)
        _ = dialer.handle(.telephony(.answered(call, by: .person)), at: 3)
        #expect(dialer.state(of: 0) == .talking)
        #expect(dialer.handle(.agent(.busy(0, reason: "break")), at: 4).isEmpty)
        #expect(dialer.handle(.agent(.logOut(0)), at: 4).isEmpty)
        #expect(dialer.state(of: 0) == .talking)
    }

    @Test func theAbandonRateIsNullWithoutAnswersAndThe30DayFigureAddsCallsUp() throws {
        #expect(AbandonTally().rate == nil)
        let day = { (d: Int) in LocalDate(year: 2026, month: 11, day: d)! }
        let days: [LocalDate: AbandonTally] = [
            LocalDate(year: 2026, month: 10, day: 30)!: AbandonTally(answeredByPerson: 1_000, abandoned: 500),  // 31 days back
            LocalDate(year: 2026, month: 10, day: 31)!: AbandonTally(answeredByPerson: 100, abandoned: 1),
            day(15): AbandonTally(answeredByPerson: 300, abandoned: 9),
            day(29): AbandonTally(answeredByPerson: 50, abandoned: 0),
        ]
        let trailing = AbandonTally.trailing30(days, endingOn: day(29))
        #expect(trailing == AbandonTally(answeredByPerson: 450, abandoned: 10))
        #expect(trailing.rate == 10.0 / 450.0)
    }
}
