extension DialerSimulation {
    mutating func carryOut(_ action: DialerAction, at now: Double) {
        switch action {
        case .launch(let call, _):
            attemptOf[call] = nextLead
            network.originate(OriginateRequest(call: call, number: Self.number(ofLead: nextLead), project: "SIM",
                                               callerID: "4000000000"), at: now)
            nextLead += 1
        case .bridge(let call, let agent):
            network.bridge(call, toAgent: agent, at: now)
        case .hangUp(let call, let cause):
            network.hangUp(call, cause: cause, at: now)
        case .agentState(let agent, let state):
            let reason = state == .busy ? "break" : nil
            let prepared = agents[agent].state == .prep ? now - agents[agent].since : 0
            record(agent, state, at: now, reason: reason)
            react(agent, state, prepared: prepared, at: now)
        case .callEnded(let summary):
            file(summary)
        }
    }

    /// What a simulated agent does on entering a state.
    mutating func react(_ agent: Int, _ state: AgentState, prepared: Double, at now: Double) {
        switch state {
        case .acw:
            let wrapUp = settings.behaviour.wrapUpMean <= 0 ? 0
                : max(3, random.logNormal(mean: settings.behaviour.wrapUpMean, sigma: settings.behaviour.wrapUpSigma))
            events.push(.wrapUpDone(agent), at: now + wrapUp)
        case .ready where settings.mode == .preview && !closing:
            inbox.append(.agent(.prepare(agent)))
        case .prep:
            agents[agent].preparation += 1
            let prep = max(2, random.logNormal(mean: settings.behaviour.prepMean, sigma: 0.5))
            events.push(.previewDial(agent, prep: agents[agent].preparation), at: now + prep)
        case .dialing:
            agents[agent].preparedFor = prepared
        default:
            break
        }
    }

    /// Writes the attempt of a finished call; a connected one gets its after-call work later.
    mutating func file(_ summary: CallSummary) {
        guard let lead = attemptOf.removeValue(forKey: summary.call) else { return }
        let disposition = summary.outcome.systemDisposition ?? settings.conversations.draw(&random)
        day.attempts.append(SimulatedAttempt(
            call: summary.call.value, lead: lead, agent: summary.agent, startedAt: summary.startedAt,
            answeredAt: summary.answeredAt, answeredBy: summary.answerer, endedAt: summary.endedAt,
            prepSeconds: summary.agent.map { agents[$0].preparedFor } ?? 0, talkSeconds: summary.talkSeconds,
            acwSeconds: 0, disposition: disposition))
        if summary.outcome == .connected, let agent = summary.agent {
            agents[agent].wrappingUp = day.attempts.count - 1
        }
    }

    /// Closes the agent's current interval and opens the next.
    mutating func record(_ agent: Int, _ state: AgentState, at now: Double, reason: String? = nil) {
        let current = agents[agent]
        if current.state != .logged_out, now > current.since {
            day.intervals.append(SimulatedInterval(agent: agent, state: current.state, startedAt: current.since,
                                                   endedAt: now, reason: current.reason))
        }
        agents[agent].state = state
        agents[agent].since = now
        agents[agent].reason = reason
    }

    /// A made-up mobile number for the n-th lead (a real segment, 139).
    static func number(ofLead lead: Int) -> String {
        let digits = String(lead % 100_000_000)
        return "139" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
