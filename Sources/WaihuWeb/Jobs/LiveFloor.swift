import Fluent
import Foundation
import Logging
import WaihuApp
import WaihuCore
import WaihuStore

/// One project's dialer in `waihu serve`: the same `Dialer` as `waihu simulate`, driven by the
/// wall clock, with the agents logged into the project as its seats. Calls go out on the simulated
/// telephone network, or on the SIP trunk (`waihu serve --telephony sip`); every call is a real attempt
/// on a real lead, reserved through the contact policy like any other.
struct LiveFloor {
    let projectID: UUID
    let epoch: Date
    var day: LocalDate
    var dialer: Dialer
    var network: any FloorNetwork
    var seats: [UUID] = []
    /// The seats whose agent the network was told about (it keeps their phone's line up).
    var announced: Set<Int> = []
    var seatOf: [UUID: Int] = [:]
    var attempts: [CallID: UUID] = [:]
    /// Answered calls already filed whose recording the network has not handed over yet (a simulated network never does:
    /// the oldest go once there are many).
    var awaitingRecording: [CallID: UUID] = [:]
    var nextOwner = 0
    /// Preview calls asked for on the desk, by seat, until the dialer places them.
    var previewDials: [Int: OpenAttempt] = [:]
    /// Until when this process holds the project's lease.
    var leasedUntil = Date.distantPast
    /// Agents whose desks the steps since the service last looked changed (a call bridged to them, their state
    /// moved by the dialer): their desk bells ring.
    var touched: Set<UUID> = []

    /// `makeNetwork` gives the SIP trunk's floor; without it calls go out on the simulated network of `profile`.
    init(project: ProjectRecord, mode: DialMode, at now: Date, today: AbandonTally, network profile: NetworkProfile,
         makeNetwork: FloorNetworkMaker? = nil, wake: @escaping @Sendable () -> Void = {}) throws {
        projectID = try project.project.requireID()
        epoch = now
        day = LocalTime(now, in: project.zone).date
        dialer = Dialer(mode: mode, settings: PacingSettings())
        dialer.startDay(today)
        network = makeNetwork?(now, wake) ?? SimulatedNetwork(profile: profile, seed: UInt64(max(0, now.timeIntervalSince1970)))
    }

    func seconds(_ date: Date) -> Double { date.timeIntervalSince(epoch) }
    func date(_ seconds: Double) -> Date { epoch.addingTimeInterval(seconds) }

    /// One beat of the floor: agents' states from the store, the network's events that are due,
    /// overdue calls, then pacing; what the dialer asks is carried out against the store.
    mutating func step(_ project: ProjectRecord, at now: Date, closing: Bool, deskTimeout: TimeInterval = DeskPresence.defaultTimeout,
                       on db: any Database) async throws {
        let t = seconds(now)
        // Each action with the instant it happened: a network event is carried out at its own time.
        var actions: [(action: DialerAction, at: Double)] = []
        func record(_ new: [DialerAction], at time: Double) { actions += new.map { ($0, time) } }
        let today = LocalTime(now, in: project.zone).date
        if today != day {
            day = today
            dialer.startDay()
        }
        if closing, !dialer.closed { record(dialer.handle(.close, at: t), at: t) }
        var present = try await AgentStateQueries.present(project: projectID, on: db)
        // A ready agent whose desk stopped answering is not there to take a call: busy, away, until they are back.
        for (index, agent) in present.enumerated()
        where agent.state == .ready && DeskPresence.isAway(seenAt: agent.seenAt, at: now, timeout: deskTimeout) {
            do {
                present[index] = try await AgentStateQueries.change(
                    agent: agent.agentID, to: .busy, reason: BusyReason.away.rawValue, at: now, source: "dialer",
                    check: { current in if current.state != .ready { throw StateMovedOn() } }, on: db)
                touched.insert(agent.agentID)
            } catch is StateMovedOn {
                present[index] = try await AgentStateQueries.current(agent: agent.agentID, on: db)
            }
        }
        for agent in present {
            let seat = seat(for: agent.agentID)
            // The store has the agent on a call this dialer never placed (it started after a restart): that call is
            // gone, so the agent wraps up — records the disposition and is made ready as after any call.
            if [.talking, .dialing].contains(agent.state), dialer.state(of: seat) == .logged_out {
                try await AgentStateQueries.change(agent: agent.agentID, to: .acw, project: projectID, at: now, source: "dialer", on: db)
            }
            for input in Self.follow(agent, seat: seat, dialer: dialer.state(of: seat)) {
                record(dialer.handle(.agent(input), at: t), at: t)
            }
        }
        if dialer.mode == .preview {
            // A call asked for is placed once its agent is free for it (ready, or back from a break).
            for request in try await AttemptQueries.dialRequests(project: projectID, on: db) {
                guard let agent = request.agentID else { continue }
                let seat = seat(for: agent)
                guard [.ready, .prep].contains(dialer.state(of: seat)) else { continue }
                try await AttemptQueries.takeDialRequest(request.id, on: db)
                previewDials[seat] = request
                record(dialer.handle(.agent(.dial(seat)), at: t), at: t)
            }
        }
        // The agent's Hang up: their call ends now, whatever the dial mode.
        for request in try await AttemptQueries.hangUpRequests(project: projectID, on: db) {
            try await AttemptQueries.takeHangUpRequest(request.id, on: db)
            guard let agent = request.agentID else { continue }
            record(dialer.handle(.agent(.hangUp(seat(for: agent))), at: t), at: t)
        }
        // A preview call still ringing whose attempt its agent already ended on the desk (no answer, busy…) stops
        // ringing now: its lead may be offered again at once, and must not be rung twice.
        let ringing = attempts.filter { dialer.answeredAt($0.key) == nil }.map(\.value)
        if dialer.mode == .preview, !ringing.isEmpty {
            for agent in try await AttemptQueries.agentsOfEnded(ringing, on: db) {
                record(dialer.handle(.agent(.hangUp(seat(for: agent))), at: t), at: t)
            }
        }
        let here = Set(present.map(\.agentID))
        for (seat, agent) in seats.enumerated() where !here.contains(agent) && dialer.state(of: seat) != .logged_out {
            record(dialer.handle(.agent(.logOut(seat)), at: t), at: t)
        }
        try await announceSeats(here: here, at: t, on: db)
        while let due = network.nextEventTime, due <= t, let (time, event) = network.popEvent() {
            record(dialer.handle(.telephony(event), at: time), at: time)
        }
        if let deadline = dialer.nextDeadline, deadline <= t { record(dialer.handle(.deadline, at: deadline), at: deadline) }
        record(dialer.handle(.tick, at: t), at: t)
        var index = 0
        while index < actions.count {
            let (action, time) = actions[index]
            record(try await carryOut(action, project, present: present, at: date(time), on: db), at: time)
            switch action {
            case .bridge(_, let seat), .agentState(let seat, _): touched.insert(seats[seat])
            default: break
            }
            index += 1
        }
        for recording in network.takeRecordings() {
            guard let attempt = attempts[recording.call] ?? awaitingRecording.removeValue(forKey: recording.call) else { continue }
            try await RecordingQueries.link(attempt, location: recording.location, seconds: recording.seconds, at: now, on: db)
        }
        if awaitingRecording.count > 1_000 {
            for call in awaitingRecording.keys.sorted().prefix(500) { awaitingRecording[call] = nil }
        }
    }

    /// Tells the network who sits at each seat, so that a network with real phones keeps each logged-in agent's line up
    /// and lets it go at logout.
    mutating func announceSeats(here: Set<UUID>, at t: Double, on db: any Database) async throws {
        for (seat, agent) in seats.enumerated() {
            if here.contains(agent), !announced.contains(seat) {
                let username = try await UserModel.query(on: db).filter(\.$agentID == agent).first()?.username
                network.seat(seat, agent: username, at: t)
                announced.insert(seat)
            } else if !here.contains(agent), announced.contains(seat) {
                network.seat(seat, agent: nil, at: t)
                announced.remove(seat)
            }
        }
    }

    mutating func seat(for agent: UUID) -> Int {
        if let seat = seatOf[agent] { return seat }
        seats.append(agent)
        seatOf[agent] = seats.count - 1
        return seats.count - 1
    }

    /// What the dialer must be told so that its seat follows the agent's state in the store. The
    /// store leads for what agents choose (ready, busy, logging out); the dialer leads for what the
    /// calls do (talking, after-call work). A seat the dialer does not know yet that the store has
    /// on a call or wrapping up (a restart) waits as busy until the agent says ready.
    static func follow(_ agent: AgentStateQueries.Current, seat: Int, dialer: AgentState) -> [AgentAction] {
        let logIn: [AgentAction] = dialer == .logged_out ? [.logIn(seat)] : []
        switch agent.state {
        case .ready:
            return logIn + ([.acw, .busy, .prep].contains(dialer) ? [.ready(seat)] : [])
        case .busy:
            return logIn + (dialer == .busy ? [] : [.busy(seat, reason: agent.reason ?? "other")])
        default:
            let onACall = [.talking, .acw, .dialing].contains(agent.state)
            return onACall && dialer == .logged_out ? logIn + [.busy(seat, reason: "resume")] : logIn
        }
    }
}

/// The agent's state changed between the dialer reading it and acting on it: the dialer leaves it alone.
struct StateMovedOn: Error {}
