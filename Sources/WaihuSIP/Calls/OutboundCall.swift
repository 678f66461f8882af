import WaihuCore

/// One call Waihu places — to a customer through the trunk, or to an agent's phone — as a pure state machine on a
/// clock passed in: the INVITE's client transaction, CANCEL before the answer and BYE after it, the dialog, and the
/// far end's requests inside it. It says what to send and what happened to the call; the endpoint does the sending.
///
/// Every message of the call goes to the one next hop it was placed through (the trunk or the phone), as through an
/// outbound proxy; the dialog's Route headers are still written for the hops beyond.
public struct OutboundCall: Sendable {
    public enum Phase: Sendable, Equatable {
        case calling, ringing, answered
        /// CANCEL sent, waiting for the INVITE's 487 (or a 2xx that crossed it, which is ACKed and then ended with BYE).
        case cancelling
        /// BYE sent by Waihu.
        case ending
        case ended
    }

    public enum Event: Sendable, Equatable {
        /// The first 180 or 183.
        case ringing
        /// A 183 or 180 with an SDP answer: the far end's media starts before the answer.
        case earlyMedia(SDPAudio)
        case answered(SDPAudio?)
        case failed(CallFailure)
        /// The far end hung up after answering.
        case hungUp
    }

    public enum Output: Sendable, Equatable {
        case send(SIPMessage)
        case event(Event)
    }

    public private(set) var phase = Phase.calling
    public private(set) var dialog: SIPDialog?
    /// The INVITE now in flight (sent again with credentials after a 401 or 407).
    public private(set) var invite: SIPMessage
    let outcomes: SIPOutcomeTable
    let credentials: SIPCredentials?
    /// The first INVITE's transaction once challenged: kept to ACK its retransmitted 401/407 until Timer D.
    var challengedTransaction: InviteClientTransaction?
    let timers: SIPTimers
    /// Writes a fresh top Via for a new transaction (host, port, a new branch).
    let via: @Sendable () -> String
    var inviteTransaction: InviteClientTransaction
    var cancelTransaction: NonInviteClientTransaction?
    var byeTransaction: NonInviteClientTransaction?
    var answerTransactions: [String: NonInviteServerTransaction] = [:]
    var reinvites: [String: InviteServerTransaction] = [:]
    var ack: SIPMessage?
    var provisional = false
    var cancelWhenProvisional = false
    var sawEarlyMedia = false
    /// When a cancelled call is given up if the INVITE never gets its final answer (64 × T1 after the CANCEL, §9.1).
    var abandonAt: Double?

    public init(invite: SIPMessage, outcomes: SIPOutcomeTable = .defaults, timers: SIPTimers = SIPTimers(),
                credentials: SIPCredentials? = nil, via: @escaping @Sendable () -> String) {
        self.invite = invite
        self.outcomes = outcomes
        self.credentials = credentials
        self.timers = timers
        self.via = via
        inviteTransaction = InviteClientTransaction(invite, timers: timers)
    }

    public var callID: String { invite.callID ?? "" }

    /// True once the call is over and no transaction still has to absorb a retransmission: the endpoint forgets it.
    public var finished: Bool {
        phase == .ended && inviteTransaction.state == .terminated
            && (challengedTransaction?.state ?? .terminated) == .terminated
            && [cancelTransaction?.state, byeTransaction?.state]
            .allSatisfy { $0 == nil || $0 == .terminated } && reinvites.isEmpty && answerTransactions.isEmpty
    }

    public var nextDeadline: Double? {
        ([abandonAt, inviteTransaction.nextDeadline, cancelTransaction?.nextDeadline, byeTransaction?.nextDeadline,
          challengedTransaction?.nextDeadline]
            + answerTransactions.values.map(\.nextDeadline) + reinvites.values.map(\.nextDeadline)).compactMap { $0 }.min()
    }

    public mutating func start(at now: Double) -> [Output] {
        inviteTransaction.start(at: now).flatMap { outputs(of: $0, at: now) }
    }

    /// The dialer hangs up: CANCEL before the answer (once a provisional has come, §9.1), BYE after it.
    public mutating func hangUp(at now: Double) -> [Output] {
        switch phase {
        case .calling where !provisional:
            cancelWhenProvisional = true
            phase = .cancelling
            return []
        case .calling, .ringing:
            phase = .cancelling
            return sendCancel(at: now)
        case .answered:
            return sendBye(at: now)
        case .cancelling, .ending, .ended:
            return []
        }
    }

    /// The CANCEL of §9.1: the INVITE's Request-URI, Call-ID, From, To, Route and top Via (same branch), CSeq number.
    mutating func sendCancel(at now: Double) -> [Output] {
        guard case .request(_, let uri) = invite.start else { return [] }
        var headers = SIPHeaders()
        if let top = invite.headers["Via"] { headers.add("Via", top) }
        headers.add("Max-Forwards", "70")
        for name in ["From", "To", "Call-ID"] { if let value = invite.headers[name] { headers.add(name, value) } }
        headers.add("CSeq", "\(invite.cseq?.number ?? 1) CANCEL")
        for route in invite.headers.values("Route") { headers.add("Route", route) }
        var transaction = NonInviteClientTransaction(SIPMessage(.request(method: "CANCEL", uri: uri), headers: headers), timers: timers)
        let actions = transaction.start(at: now)
        cancelTransaction = transaction
        abandonAt = now + timers.timeout
        return actions.compactMap { if case .send(let message) = $0 { .send(message) } else { nil } }
    }

    mutating func sendBye(at now: Double) -> [Output] {
        guard var dialog else { return [] }
        phase = .ending
        var transaction = NonInviteClientTransaction(dialog.request("BYE", via: via()), timers: timers)
        self.dialog = dialog
        let actions = transaction.start(at: now)
        byeTransaction = transaction
        return actions.compactMap { if case .send(let message) = $0 { .send(message) } else { nil } }
    }

    public mutating func fire(at now: Double) -> [Output] {
        if let end = abandonAt, now >= end {
            abandonAt = nil
            if inviteTransaction.state == .calling || inviteTransaction.state == .proceeding {
                inviteTransaction.abandon()
                if phase == .cancelling { phase = .ended }
            }
        }
        var out = inviteTransaction.fire(at: now).flatMap { outputs(of: $0, at: now) }
        _ = challengedTransaction?.fire(at: now)
        for action in cancelTransaction?.fire(at: now) ?? [] { if case .send(let message) = action { out.append(.send(message)) } }
        for action in byeTransaction?.fire(at: now) ?? [] {
            switch action {
            case .send(let message): out.append(.send(message))
            case .timedOut: phase = .ended
            case .deliver: break
            }
        }
        for (branch, var transaction) in answerTransactions {
            transaction.fire(at: now)
            answerTransactions[branch] = transaction.state == .terminated ? nil : transaction
        }
        for (branch, var transaction) in reinvites {
            for action in transaction.fire(at: now) { if case .send(let message) = action { out.append(.send(message)) } }
            reinvites[branch] = transaction.state == .terminated ? nil : transaction
        }
        return out
    }

    /// A message of this call (its Call-ID): a response to one of its transactions, or the far end's request.
    public mutating func receive(_ message: SIPMessage, at now: Double) -> [Output] {
        guard message.status != nil else { return request(message, at: now) }
        switch message.cseq?.method {
        case "INVITE" where message.branch == invite.branch:
            return inviteTransaction.receive(message, at: now).flatMap { outputs(of: $0, at: now) }
        case "INVITE" where challengedTransaction != nil && message.branch == challengedTransaction?.request.branch:
            // The challenge again: ACKed again, nothing more.
            return (challengedTransaction?.receive(message, at: now) ?? []).compactMap { if case .send(let ack) = $0 { .send(ack) } else { nil } }
        case "CANCEL":
            _ = cancelTransaction?.receive(message, at: now)
            return []
        case "BYE":
            for action in byeTransaction?.receive(message, at: now) ?? [] {
                if case .deliver(let response) = action, (response.status ?? 0) >= 200 { phase = .ended }
            }
            return []
        default:
            return []
        }
    }

    mutating func outputs(of action: InviteClientTransaction.Action, at now: Double) -> [Output] {
        switch action {
        case .send(let message):
            return [.send(message)]
        case .timedOut:
            let wasCancelling = phase == .cancelling
            phase = .ended
            return wasCancelling ? [] : [.event(.failed(.failed))]
        case .deliver(let response):
            return delivered(response, at: now)
        }
    }

    mutating func delivered(_ response: SIPMessage, at now: Double) -> [Output] {
        let status = response.status ?? 0
        let sdp = response.body.isEmpty ? nil : try? SDPAudio.parse(String(decoding: response.body, as: UTF8.self))
        switch status {
        case 100:
            return []
        case 101 ..< 200:
            var out: [Output] = []
            if !provisional {
                provisional = true
                if cancelWhenProvisional { out += sendCancel(at: now) }
            }
            if phase == .calling {
                phase = .ringing
                out.append(.event(.ringing))
            }
            if let sdp, !sawEarlyMedia, phase == .ringing {
                sawEarlyMedia = true
                out.append(.event(.earlyMedia(sdp)))
            }
            return out
        case 200 ..< 300:
            if dialog == nil { dialog = SIPDialog(invite: invite, answer: response) }
            guard let dialog else { return [] }
            // Every 2xx is ACKed, retransmissions too, with the same ACK (§13.2.2.4).
            let ack = self.ack ?? dialog.ack(via: via())
            self.ack = ack
            switch phase {
            case .calling, .ringing:
                phase = .answered
                return [.send(ack), .event(.answered(sdp))]
            case .cancelling:
                // The answer crossed Waihu's CANCEL: take the call and end it at once, with no event (the dialer has hung up).
                return [.send(ack)] + sendBye(at: now)
            default:
                return [.send(ack)]
            }
        case let challenge where (challenge == 401 || challenge == 407) && phase != .cancelling && challengedTransaction == nil
            && credentials != nil:
            // The trunk asks who Waihu is: the INVITE again, once, with the digest answer (RFC 3261 §22.2).
            guard let credentials, let again = invite.authorized(after: response, credentials, via: via(), cnonce: SIPResponse.token()) else {
                phase = .ended
                return [.event(.failed(.failed))]
            }
            challengedTransaction = inviteTransaction
            invite = again
            inviteTransaction = InviteClientTransaction(again, timers: timers)
            provisional = false
            return inviteTransaction.start(at: now).flatMap { outputs(of: $0, at: now) }
        default:
            let wasCancelling = phase == .cancelling
            phase = .ended
            // The 487 that follows Waihu's CANCEL is no news for the dialer, which hung up.
            if wasCancelling { return [] }
            return [.event(.failed(outcomes.failure(of: response) ?? .failed))]
        }
    }

    /// The far end's requests inside the call: BYE ends it, a re-INVITE or UPDATE gets Waihu's current SDP, OPTIONS 200;
    /// an ACK goes to the re-INVITE it answers; anything else 501. A request for another dialog gets 481.
    mutating func request(_ request: SIPMessage, at now: Double) -> [Output] {
        guard let method = request.method, let branch = request.branch else { return [] }
        if method == "ACK" {
            if var transaction = reinvites.first(where: { $0.value.request.cseq?.number == request.cseq?.number })?.value,
               let key = transaction.request.branch {
                _ = transaction.receive(request, at: now)
                reinvites[key] = transaction
            }
            return []
        }
        if method == "INVITE" {
            if var known = reinvites[branch] {
                let out = known.receive(request, at: now)
                reinvites[branch] = known
                return out.compactMap { if case .send(let message) = $0 { .send(message) } else { nil } }
            }
            guard dialog != nil, request.toTag != nil, [.answered, .ending].contains(phase) else {
                return [.send(SIPResponse.make(481, "Call/Transaction Does Not Exist", to: request))]
            }
            var transaction = InviteServerTransaction(request, timers: timers)
            var ok = SIPResponse.make(200, "OK", to: request)
            if let contact = invite.headers["Contact"] { ok.headers.add("Contact", contact) }
            ok.headers.add("Content-Type", "application/sdp")
            ok.body = invite.body
            let out = transaction.respond(ok, at: now)
            reinvites[branch] = transaction
            return out.compactMap { if case .send(let message) = $0 { .send(message) } else { nil } }
        }
        if let known = answerTransactions[branch] { return known.retransmission().map { [.send($0)] } ?? [] }
        let inDialog = dialog != nil && request.toTag != nil && request.fromTag == dialog.flatMap({ SIPParameters.value("tag", in: $0.remote) })
        var out: [Output] = []
        var response: SIPMessage
        switch (method, inDialog) {
        case ("BYE", true):
            response = SIPResponse.make(200, "OK", to: request)
            if phase == .answered { out.append(.event(.hungUp)) }
            phase = .ended
        case ("UPDATE", true):
            response = SIPResponse.make(200, "OK", to: request)
            response.headers.add("Content-Type", "application/sdp")
            response.body = invite.body
        case ("OPTIONS", _):
            response = SIPResponse.make(200, "OK", to: request)
        case (_, false):
            response = SIPResponse.make(481, "Call/Transaction Does Not Exist", to: request)
        default:
            response = SIPResponse.make(501, "Not Implemented", to: request)
        }
        var transaction = NonInviteServerTransaction(request, timers: timers)
        if let sent = transaction.respond(response, at: now) { out.insert(.send(sent), at: 0) }
        answerTransactions[branch] = transaction
        return out
    }
}
