import Foundation
import Logging
import NIOCore

/// Waihu's SIP user agent on one UDP socket: it builds requests, runs their client transactions on the 20 ms beat of
/// its own clock, matches responses by branch (RFC 3261 §17.1.3), answers OPTIONS and refuses what it does not
/// handle. A datagram that is not SIP is logged and dropped; nothing a peer sends can stop the endpoint.
public actor SIPEndpoint {
    /// The host and port written in Via and Contact: what peers send to.
    public nonisolated let advertised: SIPHostPort
    let socket: UDPSocket
    let logger: Logger
    let timers: SIPTimers
    /// The wall clock (DESIGN rule 2), for the events' dates; the transactions run on the monotonic `now`.
    let clock: @Sendable () -> Date
    let started = ContinuousClock.now
    var clients: [String: ClientEntry] = [:]
    var servers: [String: (transaction: NonInviteServerTransaction, source: SocketAddress)] = [:]
    var calls: [String: (call: OutboundCall, destination: SocketAddress)] = [:]
    var beat: Task<Void, Never>?
    var reader: Task<Void, Never>?
    /// What happens to the calls this endpoint placed, in the order it happened.
    public nonisolated let events: AsyncStream<CallEvent>
    let eventSink: AsyncStream<CallEvent>.Continuation

    public struct CallEvent: Sendable, Equatable {
        public let callID: String
        public let event: OutboundCall.Event
        /// Seconds on the endpoint's clock.
        public let at: Double
        /// When the message that made it arrived (or the timer fired), on the wall clock the endpoint was given.
        public let date: Date
    }

    struct ClientEntry {
        var transaction: NonInviteClientTransaction
        let destination: SocketAddress
        let giveUpAt: Double?
        let answer: CheckedContinuation<SIPMessage?, Never>
    }

    init(advertised: SIPHostPort, socket: UDPSocket, logger: Logger, timers: SIPTimers, clock: @escaping @Sendable () -> Date) {
        self.clock = clock
        self.advertised = advertised
        self.socket = socket
        self.logger = logger
        self.timers = timers
        (events, eventSink) = AsyncStream.makeStream(of: CallEvent.self)
    }

    /// Binds `listen` and starts reading. `advertisedHost` is the address peers reach (the media address).
    public static func start(listen: SIPHostPort, advertisedHost: String, on group: any EventLoopGroup, clock: @escaping @Sendable () -> Date,
                             logger: Logger = Logger(label: "waihu.sip"), timers: SIPTimers = SIPTimers()) async throws -> SIPEndpoint {
        let (datagrams, continuation) = AsyncStream.makeStream(of: ([UInt8], SocketAddress).self)
        let socket = try await UDPSocket.bind(host: listen.host, port: listen.port, on: group) { continuation.yield(($0, $1)) }
        let endpoint = SIPEndpoint(advertised: SIPHostPort(host: advertisedHost, port: socket.localPort), socket: socket,
                                   logger: logger, timers: timers, clock: clock)
        await endpoint.run(datagrams)
        return endpoint
    }

    func run(_ datagrams: AsyncStream<([UInt8], SocketAddress)>) {
        reader = Task { [weak self] in
            for await (bytes, source) in datagrams { await self?.received(bytes, from: source) }
        }
        beat = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(20))
                await self?.tick()
            }
        }
    }

    public func stop() async {
        beat?.cancel()
        reader?.cancel()
        for entry in clients.values { entry.answer.resume(returning: nil) }
        clients = [:]
        calls = [:]
        eventSink.finish()
        await socket.close()
    }

    var now: Double {
        let elapsed = started.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    /// A new request outside any dialog: fresh Call-ID, tags and branch.
    public nonisolated func request(_ method: String, uri: String, to: String? = nil) -> SIPMessage {
        let host = advertised.description
        return SIPMessage(.request(method: method, uri: uri), headers: SIPHeaders([
            ("Via", "SIP/2.0/UDP \(host);branch=\(Self.token(prefix: "z9hG4bK"));rport"), ("Max-Forwards", "70"),
            ("From", "<sip:waihu@\(host)>;tag=\(Self.token())"), ("To", "<\(to ?? uri)>"), ("Call-ID", "\(Self.token())@\(advertised.host)"),
            ("CSeq", "1 \(method)"), ("Contact", "<sip:waihu@\(host)>"), ("User-Agent", "Waihu"),
        ]))
    }

    nonisolated static func token(prefix: String = "") -> String { SIPResponse.token(prefix: prefix) }

    /// Sends a non-INVITE request and waits for its final answer: nil when none came within Timer F or `giveUpAfter`.
    public func send(_ message: SIPMessage, to destination: SocketAddress, giveUpAfter: Double? = nil) async -> SIPMessage? {
        guard let branch = message.branch else { return nil }
        return await withCheckedContinuation { answer in
            var transaction = NonInviteClientTransaction(message, timers: timers)
            let start = now
            let actions = transaction.start(at: start)
            clients[branch] = ClientEntry(transaction: transaction, destination: destination,
                                          giveUpAt: giveUpAfter.map { start + $0 }, answer: answer)
            perform(actions, branch: branch)
        }
    }

    /// The request again with the digest answer to its 401 or 407; nil when the response is no challenge to answer.
    public nonisolated func authorized(_ message: SIPMessage, after response: SIPMessage, user: String, password: String) -> SIPMessage? {
        message.authorized(after: response, SIPCredentials(user: user, password: password),
                           via: "SIP/2.0/UDP \(advertised);branch=\(Self.token(prefix: "z9hG4bK"));rport", cnonce: Self.token())
    }

    /// An INVITE from `callerID` to `uri` offering `sdp`.
    public nonisolated func invite(_ uri: String, callerID: String, sdp: SDPAudio) -> SIPMessage {
        var message = request("INVITE", uri: uri)
        message.headers.set("From", "<sip:\(callerID)@\(advertised.host)>;tag=\(Self.token())")
        message.headers.add("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE")
        message.headers.add("Content-Type", "application/sdp")
        message.body = Array(sdp.text().utf8)
        return message
    }

    /// Places a call: its events come on `events` under the INVITE's Call-ID.
    public func place(_ invite: SIPMessage, to destination: SocketAddress, outcomes: SIPOutcomeTable = .defaults,
                      credentials: SIPCredentials? = nil) {
        guard let callID = invite.callID else { return }
        let host = advertised.description
        var call = OutboundCall(invite: invite, outcomes: outcomes, timers: timers, credentials: credentials) {
            "SIP/2.0/UDP \(host);branch=\(SIPResponse.token(prefix: "z9hG4bK"));rport"
        }
        let outputs = call.start(at: now)
        calls[callID] = (call, destination)
        carry(outputs, of: callID)
    }

    /// Hangs a call up: CANCEL before the answer, BYE after it.
    public func hangUp(_ callID: String) {
        guard var entry = calls[callID] else { return }
        let outputs = entry.call.hangUp(at: now)
        calls[callID] = entry
        carry(outputs, of: callID)
    }

    /// Calls not yet ended, and calls still remembered to absorb late retransmissions.
    public var liveCalls: Int { calls.values.filter { $0.call.phase != .ended }.count }
    public var rememberedCalls: Int { calls.count }
    /// Each remembered call's phase, by Call-ID (for the log and the tests' messages).
    public var phases: [String: OutboundCall.Phase] { calls.mapValues(\.call.phase) }

    func carry(_ outputs: [OutboundCall.Output], of callID: String) {
        guard let destination = calls[callID]?.destination else { return }
        let time = now
        for output in outputs {
            switch output {
            case .send(let message): socket.send(message.serialized(), to: destination)
            case .event(let event): eventSink.yield(CallEvent(callID: callID, event: event, at: time, date: clock()))
            }
        }
    }

    func perform(_ actions: [NonInviteClientTransaction.Action], branch: String) {
        guard let entry = clients[branch] else { return }
        for action in actions {
            switch action {
            case .send(let message): socket.send(message.serialized(), to: entry.destination)
            case .deliver(let response) where (response.status ?? 0) >= 200: finish(branch, with: response)
            case .deliver: break
            case .timedOut: finish(branch, with: nil)
            }
        }
    }

    func finish(_ branch: String, with response: SIPMessage?) {
        guard let entry = clients.removeValue(forKey: branch) else { return }
        entry.answer.resume(returning: response)
    }

    func tick() {
        let time = now
        for (branch, entry) in clients {
            if let end = entry.giveUpAt, time >= end {
                finish(branch, with: nil)
                continue
            }
            guard let due = entry.transaction.nextDeadline, time >= due else { continue }
            var transaction = entry.transaction
            let actions = transaction.fire(at: time)
            clients[branch]?.transaction = transaction
            perform(actions, branch: branch)
        }
        for (callID, entry) in calls {
            guard let due = entry.call.nextDeadline, time >= due else {
                if entry.call.finished { calls[callID] = nil }
                continue
            }
            var call = entry.call
            let outputs = call.fire(at: time)
            calls[callID]?.call = call
            carry(outputs, of: callID)
            if call.finished { calls[callID] = nil }
        }
        for (branch, entry) in servers {
            var transaction = entry.transaction
            transaction.fire(at: time)
            if transaction.state == .terminated { servers[branch] = nil } else { servers[branch]?.transaction = transaction }
        }
    }

    func received(_ bytes: [UInt8], from source: SocketAddress) {
        let message: SIPMessage
        do {
            message = try SIPMessage.parse(bytes)
        } catch {
            if bytes.contains(where: { $0 != 0x0D && $0 != 0x0A }) {
                logger.warning("sip: dropped a datagram from \(source) that is not SIP: \(error)")
            }
            return
        }
        if let callID = message.callID, var entry = calls[callID] {
            let outputs = entry.call.receive(message, at: now)
            calls[callID] = entry
            carry(outputs, of: callID)
            return
        }
        if message.status != nil {
            guard let branch = message.branch, var entry = clients[branch], message.cseq?.method == entry.transaction.request.method else {
                logger.debug("sip: a response from \(source) matches no transaction of ours")
                return
            }
            let actions = entry.transaction.receive(message, at: now)
            clients[branch] = entry
            perform(actions, branch: branch)
        } else {
            answer(message, from: source)
        }
    }

    /// Requests from peers. Only OPTIONS is answered 200 for now; a request for a dialog Waihu does not hold gets 481
    /// (RFC 3261 §12.2.2), anything else 501. An ACK is never answered.
    func answer(_ request: SIPMessage, from source: SocketAddress) {
        guard let method = request.method, method != "ACK", let branch = request.branch else { return }
        if let known = servers[branch] {
            if let again = known.transaction.retransmission() { socket.send(again.serialized(), to: known.source) }
            return
        }
        let response: SIPMessage
        switch method {
        case "OPTIONS":
            var ok = Self.response(200, "OK", to: request, from: source)
            ok.headers.add("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE")
            ok.headers.add("Accept", "application/sdp")
            response = ok
        case "BYE", "CANCEL", "UPDATE", "INFO":
            response = Self.response(481, "Call/Transaction Does Not Exist", to: request, from: source)
        default:
            response = Self.response(501, "Not Implemented", to: request, from: source)
        }
        var transaction = NonInviteServerTransaction(request, timers: timers)
        if let reply = transaction.respond(response, at: now) { socket.send(reply.serialized(), to: source) }
        servers[branch] = (transaction, source)
    }

    /// A response to `request` as `SIPResponse.make` writes it, its top Via marked with where the request came from.
    nonisolated static func response(_ status: Int, _ reason: String, to request: SIPMessage, from source: SocketAddress) -> SIPMessage {
        var response = SIPResponse.make(status, reason, to: request)
        let vias = response.headers.values("Via")
        response.headers.remove("Via")
        for (index, via) in vias.enumerated() { response.headers.add("Via", index == 0 ? received(via, from: source) : via) }
        return response
    }

    /// The top Via with `received` and a filled `rport` (RFC 3581 §4) so the answer goes back where the request came from.
    nonisolated static func received(_ via: String, from source: SocketAddress) -> String {
        guard let ip = source.ipAddress, let port = source.port else { return via }
        var parts = via.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        if let index = parts.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "rport" }) {
            parts[index] = "rport=\(port)"
        }
        parts.append("received=\(ip)")
        return parts.joined(separator: ";")
    }
}
