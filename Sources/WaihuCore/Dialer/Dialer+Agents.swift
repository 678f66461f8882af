extension Dialer {
    mutating func handle(_ action: AgentAction, at now: Double, _ actions: inout [DialerAction]) {
        switch action {
        case .logIn(let agent):
            while seats.count <= agent { seats.append(Seat()) }
            if seats[agent].state == .logged_out { setState(agent, .ready, at: now, &actions) }
        case .ready(let agent):
            if canLeave(agent) { setState(agent, .ready, at: now, &actions) }
        case .busy(let agent, _):
            if canLeave(agent) { setState(agent, .busy, at: now, &actions) }
        case .prepare(let agent):
            if [.ready, .acw].contains(state(of: agent)) { setState(agent, .prep, at: now, &actions) }
        case .dial(let agent):
            guard !closed, [.ready, .prep].contains(state(of: agent)) else { return }
            let call = place(at: now, reservedFor: agent)
            seats[agent].call = call
            setState(agent, .dialing, at: now, &actions)
            actions.append(.launch(call, reservedFor: agent))
        case .hangUp(let agent):
            hangUp(agent, at: now, &actions)
        case .logOut(let agent):
            if canLeave(agent) { setState(agent, .logged_out, at: now, &actions) }
        }
    }

    /// The agent's own call ends at their word: bridged to them, it ends connected (after-call work follows);
    /// still ringing on their preview dial, it ends unanswered (they are ready again). Any other call is not theirs.
    mutating func hangUp(_ agent: Int, at now: Double, _ actions: inout [DialerAction]) {
        guard agent < seats.count, let id = seats[agent].call, let call = calls[id] else { return }
        switch call.phase {
        case .bridged where call.agent == agent:
            actions.append(.hangUp(id, .agent))
            statistics.recordTalk(seconds: now - (call.bridgedAt ?? now))
            end(id, .connected, at: now, &actions)
        case .ringing where call.reservedFor == agent:
            actions.append(.hangUp(id, .agent))
            statistics.recordDial(resolvedAfter: now - call.startedAt, person: false)
            end(id, .failure(.no_answer), at: now, &actions)
        default:
            return
        }
    }

    /// An agent logged in and on no call may change state at will; one dialling or talking waits
    /// for the call to end.
    func canLeave(_ agent: Int) -> Bool {
        let current = state(of: agent)
        return current != .logged_out && AgentStateMachine.isFree(current)
    }

    mutating func setState(_ agent: Int, _ state: AgentState, at now: Double, _ actions: inout [DialerAction]) {
        let before = seats[agent]
        guard before.state != state else { return }
        if before.state == .acw { statistics.recordWrapUp(seconds: now - before.since) }
        seats[agent].state = state
        seats[agent].since = now
        actions.append(.agentState(agent, state))
        guard state == .ready else { return }
        if let call = oldestWaitingCall() {
            bridge(call, to: agent, at: now, &actions)
        } else {
            seats[agent].generation += 1
            readyQueue.append((agent, seats[agent].generation))
        }
    }

    /// The agent who has been ready longest, taken off the ready queue.
    mutating func nextReadyAgent() -> Int? {
        while let entry = readyQueue.first {
            readyQueue.removeFirst()
            let seat = seats[entry.agent]
            if seat.state == .ready, seat.generation == entry.generation, seat.call == nil { return entry.agent }
        }
        return nil
    }

    mutating func oldestWaitingCall() -> CallID? {
        while let id = waitingOrder.first {
            waitingOrder.removeFirst()
            if calls[id]?.phase == .waiting { return id }
        }
        return nil
    }
}
