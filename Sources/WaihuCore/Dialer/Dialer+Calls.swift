extension Dialer {
    /// Declares no answer on calls that rang for the ring timeout, and abandons answered calls
    /// that waited the bridge limit for an agent.
    mutating func expire(at now: Double, _ actions: inout [DialerAction]) {
        let epsilon = 1e-9
        while let id = ringingOrder.first {
            guard let call = calls[id], call.phase == .ringing else { ringingOrder.removeFirst(); continue }
            guard now - call.startedAt >= settings.ringTimeout - epsilon else { break }
            ringingOrder.removeFirst()
            statistics.recordDial(resolvedAfter: now - call.startedAt, person: false)
            actions.append(.hangUp(id, .noAnswer))
            end(id, .failure(.no_answer), at: now, &actions)
        }
        while let id = waitingOrder.first {
            guard let call = calls[id], call.phase == .waiting, let answeredAt = call.answeredAt else {
                waitingOrder.removeFirst()
                continue
            }
            guard now - answeredAt >= settings.bridgeLimit - epsilon else { break }
            waitingOrder.removeFirst()
            actions.append(.hangUp(id, .abandoned))
            today.abandoned += 1
            end(id, .abandoned, at: now, &actions)
        }
    }

    mutating func handle(_ event: TelephonyEvent, at now: Double, _ actions: inout [DialerAction]) {
        guard var call = calls[event.call] else { return }
        switch event {
        case .ringing:
            break
        case .answered(_, by: .machine):
            guard call.phase == .ringing else { return }
            statistics.recordDial(resolvedAfter: now - call.startedAt, person: false)
            call.answeredAt = now
            call.answerer = .machine
            calls[call.id] = call
            actions.append(.hangUp(call.id, .machine))
            end(call.id, .machine, at: now, &actions)
        case .answered(_, by: .person):
            guard call.phase == .ringing else { return }
            statistics.recordDial(resolvedAfter: now - call.startedAt, person: true)
            today.answeredByPerson += 1
            call.answeredAt = now
            call.answerer = .person
            if call.reservedFor == nil { ringingUnreserved -= 1 }
            call.phase = .waiting
            waiting += 1
            calls[call.id] = call
            if let agent = call.reservedFor ?? nextReadyAgent() {
                bridge(call.id, to: agent, at: now, &actions)
            } else {
                waitingOrder.append(call.id)
            }
        case .failed(_, let failure):
            guard call.phase == .ringing else { return }
            statistics.recordDial(resolvedAfter: now - call.startedAt, person: false)
            end(call.id, .failure(failure), at: now, &actions)
        case .hungUp:
            switch call.phase {
            case .bridged:
                statistics.recordTalk(seconds: now - (call.bridgedAt ?? now))
                end(call.id, .connected, at: now, &actions)
            case .waiting:
                // The person gave up before an agent came: abandoned all the same.
                today.abandoned += 1
                end(call.id, .abandoned, at: now, &actions)
            case .ringing:
                statistics.recordDial(resolvedAfter: now - call.startedAt, person: false)
                end(call.id, .failure(.failed), at: now, &actions)
            }
        }
    }

    /// Connects a waiting call to an agent.
    mutating func bridge(_ id: CallID, to agent: Int, at now: Double, _ actions: inout [DialerAction]) {
        guard var call = calls[id], call.phase == .waiting else { return }
        call.phase = .bridged
        call.bridgedAt = now
        call.agent = agent
        calls[id] = call
        waiting -= 1
        seats[agent].call = id
        actions.append(.bridge(id, agent: agent))
        setState(agent, .talking, at: now, &actions)
    }

    /// The call is over: report it; its agent (if any) goes to after-call work, a reserved agent
    /// whose call did not connect is ready again.
    mutating func end(_ id: CallID, _ outcome: CallOutcome, at now: Double, _ actions: inout [DialerAction]) {
        guard let call = calls[id] else { return }
        forget(id)
        actions.append(.callEnded(CallSummary(
            call: id, startedAt: call.startedAt, answeredAt: call.answeredAt, answerer: call.answerer,
            bridgedAt: call.bridgedAt, endedAt: now, agent: call.agent ?? call.reservedFor, outcome: outcome)))
        if let agent = call.agent {
            seats[agent].call = nil
            setState(agent, .acw, at: now, &actions)
        } else if let agent = call.reservedFor, seats[agent].state == .dialing {
            setState(agent, .ready, at: now, &actions)
        }
    }
}
