import Foundation
import Logging
import NIOCore
import WaihuCore

/// Waihu on the SIP trunk, shared by every project's floor in one `waihu serve`: the endpoint that signals, the relay
/// that carries the media, the customers' calls by SIP Call-ID, and each logged-in agent's standing call.
public actor SIPService {
    public let configuration: SIPConfiguration
    let endpoint: SIPEndpoint
    let relay: LocalMediaRelay
    let trunk: SocketAddress
    let logger: Logger
    let abandonMessage: [Int16]
    var customers: [String: CustomerCall] = [:]
    var phones: [String: AgentPhone] = [:]
    var tasks: [Task<Void, Never>] = []
    /// Seconds before a phone that is down is called again.
    let redial: Double
    /// The wall clock (DESIGN rule 2: time is given, not read): the floors' events are stamped with it.
    let clock: @Sendable () -> Date
    /// The last bridges' latencies: from the customer's 200 OK arriving to the relay connecting the agent (seconds).
    public private(set) var bridgeLatencies: [Double] = []
    /// Waihu's registration with the trunk, how many REGISTERs it sent (renewals and tries again included) and how
    /// many the registrar accepted.
    public internal(set) var registration: RegistrationState = .notConfigured
    public internal(set) var registrationAttempts = 0
    public internal(set) var registrations = 0
    var registrar: TrunkRegistration?
    /// Seconds before a refused or unanswered REGISTER is sent again.
    let registrationRetry: Double

    struct CustomerCall {
        let floor: WeakFloor
        let call: CallID
        let leg: MediaLegID
        var answered: Date?
        var agent: String?
        var recording: String?
        var bridged: Date?
        var ending = false
    }

    init(configuration: SIPConfiguration, endpoint: SIPEndpoint, relay: LocalMediaRelay, trunk: SocketAddress, logger: Logger,
         abandonMessage: [Int16], redial: Double, registrationRetry: Double, clock: @escaping @Sendable () -> Date) {
        self.registrationRetry = registrationRetry
        self.clock = clock
        self.configuration = configuration
        self.endpoint = endpoint
        self.relay = relay
        self.trunk = trunk
        self.logger = logger
        self.abandonMessage = abandonMessage
        self.redial = redial
    }

    /// Binds the SIP port and starts the relay. A missing abandon message plays one second of silence.
    public static func start(_ configuration: SIPConfiguration, on group: any EventLoopGroup, clock: @escaping @Sendable () -> Date,
                             logger: Logger = Logger(label: "waihu.sip"), timers: SIPTimers = SIPTimers(), rtpTimeout: Double = 30,
                             redial: Double = 5, registrationRetry: Double = 30) async throws -> SIPService {
        let endpoint: SIPEndpoint
        do {
            endpoint = try await SIPEndpoint.start(listen: configuration.listen, advertisedHost: configuration.mediaAddress, on: group,
                                                   clock: clock, logger: logger, timers: timers)
        } catch {
            throw SIPConfiguration.field("listen", zh: "无法在 \(configuration.listen) 接收 SIP（端口被占用或地址不属于本机）：\(error)",
                                         en: "cannot take SIP on \(configuration.listen) (the port is in use or the address is not this machine's): \(error)")
        }
        let relay = LocalMediaRelay(host: configuration.listen.host, ports: configuration.rtpPorts, on: group, rtpTimeout: rtpTimeout,
                                    logger: logger)
        await relay.start()
        var message = Array(repeating: Int16(0), count: 8000)
        if let path = configuration.abandonMessage, let bytes = FileManager.default.contents(atPath: path) {
            message = try WAVFile.monoSamples(Array(bytes))
        }
        let service = SIPService(configuration: configuration, endpoint: endpoint, relay: relay,
                                 trunk: try configuration.trunk.address.socketAddress(), logger: logger, abandonMessage: message, redial: redial,
                                 registrationRetry: registrationRetry, clock: clock)
        await service.listen()
        return service
    }

    func listen() {
        let calls = endpoint.events, media = relay.events
        tasks.append(Task { [weak self] in
            for await event in calls { await self?.handle(event) }
        })
        tasks.append(Task { [weak self] in
            for await event in media { await self?.handle(event) }
        })
        tasks.append(Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                await self?.redialDownPhones()
            }
        })
        if configuration.trunk.register { tasks.append(Task { [weak self] in await self?.keepRegistered() }) }
    }

    public func stop() async {
        for task in tasks { task.cancel() }
        await unregister()
        await endpoint.stop()
        await relay.stop()
    }

    /// How the agent's phone is, for the desk and the wallboard.
    public func phone(_ username: String) -> AgentPhoneState {
        guard let phone = phones[username] else {
            return AgentPhoneState(status: configuration.agents[username] == nil ? .notConfigured : .idle, reason: nil)
        }
        return AgentPhoneState(status: phone.status, reason: phone.reason)
    }

    public var relayedPackets: Int { get async { await relay.relayedPackets } }

    /// Calls not ended and media legs open (a leak shows here).
    public var load: (calls: Int, legs: Int) {
        get async { (await endpoint.liveCalls, await relay.openLegs) }
    }

    func carryOut(_ command: SIPTelephony.Command, for floor: WeakFloor) async {
        switch command {
        case .originate(let request): await originate(request, for: floor)
        case .bridge(let call, let agent): await bridge(call, to: agent, for: floor)
        case .hangUp(let call, let cause): await hangUp(call, cause: cause, for: floor)
        case .login(let username): await logIn(username)
        case .logout(let username): await logOut(username)
        }
    }

    func sipCallID(of call: CallID, for floor: WeakFloor) -> String? {
        customers.first { $0.value.call == call && $0.value.floor.floor === floor.floor }?.key
    }

    /// The SDP Waihu offers on a leg: its codecs in order, and telephone-events as 101.
    func offer(port: Int) -> SDPAudio {
        SDPAudio(sessionID: .random(in: 1 ... 1 << 40), version: 1, address: configuration.mediaAddress, port: port,
                 formats: configuration.codecs.map { (Int($0.payloadType), "\($0.rawValue)/8000") } + [(101, "telephone-event/8000")])
    }

    func originate(_ request: OriginateRequest, for floor: WeakFloor) async {
        let leg: (leg: MediaLegID, port: Int)
        do {
            leg = try await relay.open(idleSilence: false)
        } catch {
            logger.error("sip: no media port for call \(request.call) to \(request.number): \(error)")
            floor.floor?.deliver(.failed(request.call, .failed), at: clock())
            return
        }
        let callerID = configuration.projectCallerIDs[request.project] ?? configuration.callerID
        let invite = endpoint.invite("sip:\(request.number)@\(configuration.trunk.domain)", callerID: callerID, sdp: offer(port: leg.port))
        guard let id = invite.callID else { return }
        customers[id] = CustomerCall(floor: floor, call: request.call, leg: leg.leg)
        let trunk = configuration.trunk
        await endpoint.place(invite, to: self.trunk, outcomes: trunk.outcomes,
                             credentials: trunk.username.flatMap { user in trunk.password.map { SIPCredentials(user: user, password: $0) } })
    }

    func bridge(_ call: CallID, to agent: String?, for floor: WeakFloor) async {
        guard let id = sipCallID(of: call, for: floor), var customer = customers[id] else { return }
        guard let agent, let phone = phones[agent], phone.status == .up, let agentLeg = phone.leg else {
            logger.warning("sip: \(call) was bridged to \(agent ?? "a seat with no agent") whose phone is not up; the customer hears silence")
            return
        }
        let path = configuration.recordings.map { "\($0)/\(Self.recordingName(id))" }
        do {
            try await relay.bridge(customer: customer.leg, agent: agentLeg, recording: path)
        } catch {
            logger.error("sip: \(call) could not be bridged to \(agent): \(error)")
            return
        }
        customer.agent = agent
        customer.recording = path
        customer.bridged = clock()
        customers[id] = customer
        if let answered = customer.answered, let bridged = customer.bridged {
            if bridgeLatencies.count >= 10_000 { bridgeLatencies.removeFirst(5_000) }
            bridgeLatencies.append(bridged.timeIntervalSince(answered))
        }
    }

    static func recordingName(_ callID: String) -> String {
        let safe = callID.map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(safe) + ".wav"
    }

    func hangUp(_ call: CallID, cause: HangUpCause, for floor: WeakFloor) async {
        guard let id = sipCallID(of: call, for: floor), var customer = customers[id], !customer.ending else { return }
        customer.ending = true
        customers[id] = customer
        guard cause == .abandoned, customer.answered != nil else {
            await endpoint.hangUp(id)
            await release(id)
            return
        }
        // The abandoned call hears the message, then BYE (SPEC §4), while the floor's next commands go on.
        let leg = customer.leg, message = abandonMessage
        Task {
            try? await relay.play(message, into: leg)
            await endpoint.hangUp(id)
            await release(id)
        }
    }

    /// The customer's call is over for Waihu: the bridge's recording written and handed to the floor, the leg closed.
    func release(_ id: String) async {
        guard let customer = customers.removeValue(forKey: id) else { return }
        await relay.unbridge(customer: customer.leg)
        await relay.close(customer.leg)
        if let path = customer.recording, let bridged = customer.bridged {
            customer.floor.floor?.finished(FinishedRecording(call: customer.call, location: path,
                                                            seconds: max(0, Int(clock().timeIntervalSince(bridged).rounded()))))
        }
    }
}
