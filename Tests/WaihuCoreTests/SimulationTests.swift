import Testing
@testable import WaihuCore

/// The simulated network and day: what the network draws, and the accounting of a whole day
/// checked against identities that hold whatever the pacing does.
@Suite struct SimulationTests {
    func settings(_ mode: DialMode, agents: Int = 30, hours: Double = 2, answerRate: Double = 0.3, seed: UInt64 = 7) -> SimulationSettings {
        SimulationSettings(mode: mode, agents: agents, hours: hours, answerRate: answerRate, seed: seed)
    }

    @Test func theNetworkAnswersAsItsProfileSays() {
        var profile = NetworkProfile()
        profile.answerRate = 0.3
        var network = SimulatedNetwork(profile: profile, seed: 42)
        let dials = 20_000
        for call in 0 ..< dials {
            network.originate(OriginateRequest(call: CallID(call), number: "13900000000", project: "T", callerID: "1"), at: 0)
        }
        var person = 0, machine = 0, busy = 0, answerTimes: [Double] = []
        while let (time, event) = network.popEvent() {
            switch event {
            case .answered(let call, by: .person):
                person += 1
                answerTimes.append(time)
                network.hangUp(call, cause: .released, at: time)
            case .answered(let call, by: .machine):
                machine += 1
                network.hangUp(call, cause: .machine, at: time)
            case .failed(_, .busy): busy += 1
            default: break
            }
        }
        // 20,000 draws at 0.3: the standard error is 0.0032; 0.02 is over six of them.
        #expect(abs(Double(person) / Double(dials) - 0.3) < 0.02)
        #expect(abs(Double(machine) / Double(dials) - profile.machineRate) < 0.01)
        #expect((0.03 - 0.01 ... 0.06 + 0.01).contains(Double(busy) / Double(dials)))
        #expect(answerTimes.allSatisfy { (2 ... 29).contains($0) })
        // Most answers come between 6 and 22 s of ringing.
        #expect(Double(answerTimes.count { (6 ... 22).contains($0) }) / Double(answerTimes.count) > 0.85)
    }

    @Test func theAnswerRateFollowsTheHourOfTheDay() {
        var profile = NetworkProfile()
        profile.answerRate = 0.3
        profile.answerRateByHour = [10: 0.5, 19: 1.5]
        // The day starts at 09:00: its second hour is 10:00–11:00, its eleventh 19:00–20:00.
        #expect(profile.answerRate(hourOfDay: 0) == 0.3)
        #expect(profile.answerRate(hourOfDay: 1) == 0.15)
        #expect(abs(profile.answerRate(hourOfDay: 10) - 0.45) < 1e-12)
        var network = SimulatedNetwork(profile: profile, seed: 3)
        var answered = [0, 0]
        for call in 0 ..< 20_000 {
            // Half the dials in the first hour, half in the second.
            let time = call < 10_000 ? 100.0 : 3_700.0
            network.originate(OriginateRequest(call: CallID(call), number: "13900000000", project: "T", callerID: "1"), at: time)
        }
        while let (_, event) = network.popEvent() {
            if case .answered(let call, by: .person) = event {
                answered[call.value < 10_000 ? 0 : 1] += 1
                network.hangUp(call, cause: .released, at: 0)
            }
        }
        #expect(abs(Double(answered[0]) / 10_000 - 0.3) < 0.02)
        #expect(abs(Double(answered[1]) / 10_000 - 0.15) < 0.02)
    }

    @Test func theSameSeedGivesTheSameDayAndAnotherSeedAnother() {
        let first = SimulationSummary(DialerSimulation.run(settings(.predictive)))
        let again = SimulationSummary(DialerSimulation.run(settings(.predictive)))
        let other = SimulationSummary(DialerSimulation.run(settings(.predictive, seed: 8)))
        #expect(first == again)
        #expect(first.calls != other.calls)
    }

    @Test func everyDayBalancesItsCallsAndAgentTime() {
        for mode in DialMode.allCases {
            let day = DialerSimulation.run(settings(mode))
            let summary = SimulationSummary(day)
            // Every person who answered was either bridged to an agent or abandoned.
            #expect(summary.answered_human == summary.connected + summary.abandoned, "\(mode)")
            #expect(summary.abandon_rate == Double(summary.abandoned) / Double(summary.answered_human))
            // Every connected attempt has an agent, a talk and after-call work; no other has talk time.
            for attempt in day.attempts {
                #expect(attempt.startedAt <= attempt.endedAt)
                if attempt.talkSeconds > 0 {
                    #expect(attempt.agent != nil && attempt.acwSeconds > 0 && attempt.answeredBy == .person)
                    #expect(DispositionCategory.of(attempt.disposition) != nil)
                } else {
                    #expect(["busy", "no_answer", "vacant", "suspended", "powered_off", "answering_machine", "abandoned"]
                        .contains(attempt.disposition), "\(attempt.disposition)")
                }
            }
            // Each agent's intervals follow one another without gap or overlap, from 0 to logging out.
            for agent in 0 ..< 30 {
                let own = day.intervals.filter { $0.agent == agent }
                #expect(own.first?.startedAt == 0)
                for (a, b) in zip(own, own.dropFirst()) { #expect(abs(a.endedAt - b.startedAt) < 1e-9 && a.state != b.state) }
                #expect((own.last?.endedAt ?? 0) >= 2 * 3_600)
            }
            // Talk time in the talking intervals equals the talk time of the attempts.
            let talking = day.intervals.filter { $0.state == .talking }.reduce(0) { $0 + $1.endedAt - $1.startedAt }
            let talked = day.attempts.reduce(0) { $0 + $1.talkSeconds }
            #expect(abs(talking - talked) < 1e-6, "\(mode)")
        }
    }

    @Test func progressiveNeverAbandonsAndPredictiveKeepsUnderTheCapWithMoreTalk() {
        let progressive = SimulationSummary(DialerSimulation.run(settings(.progressive, agents: 50, hours: 4)))
        let predictive = SimulationSummary(DialerSimulation.run(settings(.predictive, agents: 50, hours: 4)))
        #expect(progressive.abandoned == 0)
        #expect(predictive.abandon_rate.map { $0 <= 0.03 } == true)
        #expect((predictive.occupancy ?? 0) > (progressive.occupancy ?? 1))
    }

    @Test func agentsTakeTheirBreaksAsBusyTime() {
        var withBreaks = settings(.progressive, agents: 5, hours: 8)
        withBreaks.behaviour.breaksPerDay = 2
        withBreaks.behaviour.breakMinutes = 15
        let day = DialerSimulation.run(withBreaks)
        for agent in 0 ..< 5 {
            let breaks = day.intervals.filter { $0.agent == agent && $0.state == .busy }
            #expect(breaks.count == 2)
            #expect(breaks.allSatisfy { $0.reason == "break" && $0.endedAt - $0.startedAt >= 60 })
        }
    }

    @Test func badSettingsAreRefusedWithTheirReason() {
        var settings = SimulationSettings()
        settings.agents = 0
        #expect(throws: DomainError.self) { try settings.validated() }
        settings = SimulationSettings()
        settings.network.answerRate = 0.9
        #expect(throws: DomainError.self) { try settings.validated() }
        #expect(throws: DomainError.self) { try DialMode.parse("turbo") }
    }
}
