import Fluent
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore

extension LiveFloor {
    /// Carries out one of the dialer's actions; returns what the dialer said on being told the outcome.
    mutating func carryOut(_ action: DialerAction, _ project: ProjectRecord, present: [AgentStateQueries.Current],
                           at now: Date, on db: any Database) async throws -> [DialerAction] {
        switch action {
        case .launch(let call, let seat?):
            // Preview: the agent's own lead, already reserved and checked at the dial.
            guard let request = previewDials.removeValue(forKey: seat) else { return dialer.handle(.launchFailed(call), at: seconds(now)) }
            attempts[call] = request.id
            network.originate(OriginateRequest(call: call, number: request.phone, project: project.project.code,
                                               callerID: project.project.code), at: seconds(now))
        case .launch(let call, nil):
            guard let reservation = try await reserveLead(project, present: present, at: now, on: db) else {
                return dialer.handle(.launchFailed(call), at: seconds(now))
            }
            // Until a call is bridged no agent has it (METRICS.md §1.2: empty when no agent took the call).
            try await AttemptQueries.assign(reservation.attemptID, agent: nil, answeredAt: nil, on: db)
            attempts[call] = reservation.attemptID
            network.originate(OriginateRequest(call: call, number: reservation.phone, project: project.project.code,
                                               callerID: project.project.code), at: seconds(now))
        case .bridge(let call, let seat):
            network.bridge(call, toAgent: seat, at: seconds(now))
            if let attempt = attempts[call] {
                try await AttemptQueries.assign(attempt, agent: seats[seat],
                                                answeredAt: dialer.answeredAt(call).map(date) ?? now, on: db)
            }
        case .hangUp(let call, let cause):
            network.hangUp(call, cause: cause, at: seconds(now))
        case .agentState(let seat, let state) where [.talking, .acw].contains(state) || (state == .dialing && dialer.mode == .preview):
            try await AgentStateQueries.change(agent: seats[seat], to: state, project: projectID, at: now, source: "dialer", on: db)
        case .agentState(let seat, .ready):
            // A preview dial the network did not connect: the agent is ready again. Otherwise ready comes from the agent.
            let current = try await AgentStateQueries.current(agent: seats[seat], on: db)
            if current.state == .dialing {
                try await AgentStateQueries.change(agent: seats[seat], to: .ready, project: projectID, at: now, source: "dialer", on: db)
            }
        case .agentState:
            break  // busy and logging out come from the agents themselves, through the store
        case .callEnded(let summary):
            try await file(summary, at: now, on: db)
        }
        return []
    }

    /// A lead of one of the agents present, taken in turn, through the contact policy.
    mutating func reserveLead(_ project: ProjectRecord, present: [AgentStateQueries.Current], at now: Date,
                              on db: any Database) async throws -> Reservation? {
        guard !present.isEmpty else { return nil }
        let rules = try await PolicyQueries.rules(project: projectID, on: db)
        // No customer data to a vendor's agents without its qualification, contract and NDA (issue 18 item 3).
        let barred = try await VendorService.barred(present.map(\.agentID), on: LocalDate(now, in: project.zone), db: db)
        for _ in present.indices {
            let owner = present[nextOwner % present.count].agentID
            nextOwner += 1
            guard !barred.contains(owner) else { continue }
            if case .reserved(let reservation) = try await LeadReservationQueries.reserve(ReservationRequest(
                agent: owner, project: projectID, at: now, rules: rules, zone: project.zone,
                testCall: project.project.status.makesTestCalls,
                callbackPass: Double(project.project.callbackPassMinutes) * 60), on: db) {
                return reservation
            }
        }
        return nil
    }

    /// A call that reached an agent waits for the agent's disposition; any other ends its attempt now
    /// with the disposition the network gave it, and its lead follows that disposition's retry rule.
    mutating func file(_ summary: CallSummary, at now: Date, on db: any Database) async throws {
        guard let attempt = attempts.removeValue(forKey: summary.call) else { return }
        // The network's recording of a bridged call comes once its media is closed, after this.
        if summary.answeredAt != nil { awaitingRecording[summary.call] = attempt }
        let answeredAt = summary.answeredAt.map(date)
        guard let code = summary.outcome.systemDisposition else {
            try await AttemptQueries.recordCallEnd(attempt, endedAt: date(summary.endedAt),
                                                   talkSeconds: Int(summary.talkSeconds.rounded()), on: db)
            return
        }
        // A preview call the agent already ended on the desk keeps the agent's disposition.
        guard try await AttemptQueries.open(attempt, on: db) != nil else { return }
        let rule = try await DispositionQueries.inForce(project: projectID, on: db).require(code)
        _ = try await AttemptQueries.finish(attempt, AttemptEnd(
            disposition: rule, answeredAt: summary.answerer == .person ? answeredAt : nil, endedAt: date(summary.endedAt),
            talkSeconds: 0, acwSeconds: 0), listedBy: "dialer", on: db)
    }
}
