import Foundation

/// Registration with the trunk (`trunk.register`, RFC 3261 §10): Waihu binds `sip:<username>@<domain>` to its own
/// address, answers the registrar's challenge with the trunk's credentials, renews before the binding lapses, tries
/// again after `registrationRetry` seconds when refused or unanswered, and removes the binding at stop.
extension SIPService {
    func keepRegistered() async {
        guard let username = configuration.trunk.username else { return }
        registrar = TrunkRegistration(username: username, domain: configuration.trunk.domain, contactHost: endpoint.advertised.description,
                                      callID: "\(SIPResponse.token())@\(endpoint.advertised.host)", fromTag: SIPResponse.token())
        while !Task.isCancelled {
            registration = .registering
            registrationAttempts += 1
            let state = await register(expires: TrunkRegistration.askedSeconds)
            guard !Task.isCancelled else { return }
            registration = state
            let wait: Double
            switch state {
            case .registered(let seconds):
                registrations += 1
                wait = TrunkRegistration.renewal(after: seconds)
                logger.info("registered with the trunk", metadata: ["seconds": "\(seconds)", "renewing in": "\(Int(wait)) s"])
            case .refused(let status, let reason):
                wait = registrationRetry
                logger.error("the trunk refused the registration (\(status) \(reason)): check trunk.username and trunk.password; again in \(Int(wait)) s")
            default:
                wait = registrationRetry
                logger.error("the trunk did not answer the registration; again in \(Int(wait)) s")
            }
            try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
        }
    }

    /// One REGISTER (and its answer to a challenge; with more time when the registrar asks for it by 423).
    func register(expires: Int, giveUpAfter seconds: Double? = nil) async -> RegistrationState {
        guard var registrar else { return .notConfigured }
        defer { self.registrar = registrar }
        let via = { [endpoint] in "SIP/2.0/UDP \(endpoint.advertised);branch=\(SIPResponse.token(prefix: "z9hG4bK"));rport" }
        var asked = expires
        var request = registrar.request(expires: asked, via: via())
        guard var answer = await endpoint.send(request, to: trunk, giveUpAfter: seconds) else { return .noAnswer }
        for _ in 0 ..< 3 {
            if answer.status == 423, let minimum = answer.headers["Min-Expires"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
                asked = minimum
                request = registrar.request(expires: asked, via: via())
            } else if answer.status == 401 || answer.status == 407, let user = configuration.trunk.username,
                      let password = configuration.trunk.password,
                      let again = endpoint.authorized(request, after: answer, user: user, password: password),
                      request.headers["Authorization"] == nil, request.headers["Proxy-Authorization"] == nil {
                request = again
                registrar.sent(request)
            } else {
                break
            }
            guard let next = await endpoint.send(request, to: trunk, giveUpAfter: seconds) else { return .noAnswer }
            answer = next
        }
        guard let status = answer.status, (200 ..< 300).contains(status) else {
            return .refused(status: answer.status ?? 0, reason: SIPCheck.reason(answer))
        }
        return expires == 0 ? .unregistered : .registered(seconds: registrar.granted(by: answer, asked: asked))
    }

    /// At stop: the binding removed (Expires: 0), waiting at most 2 s for the registrar.
    func unregister() async {
        guard case .registered = registration else { return }
        registration = await register(expires: 0, giveUpAfter: 2)
        logger.info("unregistered from the trunk", metadata: ["state": "\(registration)"])
    }
}
