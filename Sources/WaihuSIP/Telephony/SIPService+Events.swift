import Foundation
import NIOCore
import WaihuCore

extension SIPService {
    /// What the trunk or a phone said about a call.
    func handle(_ event: SIPEndpoint.CallEvent) async {
        if let customer = customers[event.callID] {
            await handle(event.event, customer: customer, id: event.callID, at: event.date)
        } else if let username = phones.first(where: { $0.value.callID == event.callID })?.key {
            await handle(event.event, phone: username)
        }
    }

    func handle(_ event: OutboundCall.Event, customer: CustomerCall, id: String, at date: Date) async {
        let floor = customer.floor.floor
        switch event {
        case .ringing:
            floor?.deliver(.ringing(customer.call), at: clock())
        case .earlyMedia(let sdp):
            if let remote = MediaRemote.from(sdp, codecs: configuration.codecs) { try? await relay.setRemote(customer.leg, remote) }
        case .answered(let sdp):
            guard let sdp, let remote = MediaRemote.from(sdp, codecs: configuration.codecs) else {
                logger.error("sip: \(customer.call) was answered without a codec Waihu speaks (\(configuration.codecs.map(\.rawValue))): hung up")
                await endpoint.hangUp(id)
                await release(id)
                floor?.deliver(.failed(customer.call, .failed), at: clock())
                return
            }
            try? await relay.setRemote(customer.leg, remote)
            customers[id]?.answered = date
            floor?.deliver(.answered(customer.call, by: .person), at: date)
        case .failed(let failure):
            await release(id)
            if !customer.ending { floor?.deliver(.failed(customer.call, failure), at: clock()) }
        case .hungUp:
            await release(id)
            if !customer.ending { floor?.deliver(.hungUp(customer.call), at: clock()) }
        }
    }

    func handle(_ event: OutboundCall.Event, phone username: String) async {
        switch event {
        case .ringing, .earlyMedia:
            return
        case .answered(let sdp):
            guard let leg = phones[username]?.leg, let sdp, let remote = MediaRemote.from(sdp, codecs: configuration.codecs) else {
                await phoneDown(username, reason: "no common codec (PCMA/PCMU) / 没有共同的编码", hangUp: true)
                return
            }
            try? await relay.setRemote(leg, remote)
            phones[username]?.status = .up
            phones[username]?.reason = nil
            logger.info("sip: \(username)'s phone is up")
        case .failed(let failure):
            await phoneDown(username, reason: "\(failure.rawValue)", hangUp: false)
        case .hungUp:
            await phoneDown(username, reason: "the phone hung up / 话机挂断", hangUp: false)
        }
    }

    /// A leg without RTP for the relay's timeout: a customer's call ends as hung up, an agent's phone is called again.
    func handle(_ event: MediaEvent) async {
        guard case .timedOut(let leg) = event else { return }
        if let (id, customer) = customers.first(where: { $0.value.leg == leg }), customer.answered != nil {
            logger.warning("sip: no media from the customer of \(customer.call): hung up")
            customers[id]?.ending = true
            await endpoint.hangUp(id)
            await release(id)
            customer.floor.floor?.deliver(.hungUp(customer.call), at: clock())
        } else if let username = phones.first(where: { $0.value.leg == leg && $0.value.status == .up })?.key {
            await phoneDown(username, reason: "no media from the phone / 话机无媒体", hangUp: true)
        }
    }

    func logIn(_ username: String) async {
        guard phones[username] == nil else { return }
        guard let uri = configuration.agents[username] else {
            logger.warning("sip: \(username) logged in with no SIP address in the configuration: no call can reach them")
            return
        }
        phones[username] = AgentPhone(username: username, uri: uri)
        await dial(username)
    }

    func logOut(_ username: String) async {
        guard let phone = phones.removeValue(forKey: username) else { return }
        if let id = phone.callID { await endpoint.hangUp(id) }
        if let leg = phone.leg { await relay.close(leg) }
    }

    func dial(_ username: String) async {
        guard let phone = phones[username], let address = SIPURI.hostPort(of: phone.uri) else { return }
        do {
            let destination = try address.socketAddress()
            let leg = try await relay.open(idleSilence: true)
            let invite = endpoint.invite(phone.uri, callerID: "waihu", sdp: offer(port: leg.port))
            phones[username]?.callID = invite.callID
            phones[username]?.leg = leg.leg
            phones[username]?.status = .calling
            await endpoint.place(invite, to: destination)
        } catch {
            await phoneDown(username, reason: "\(error)", hangUp: false)
        }
    }

    func phoneDown(_ username: String, reason: String, hangUp: Bool) async {
        guard let phone = phones[username] else { return }
        if hangUp, let id = phone.callID { await endpoint.hangUp(id) }
        if let leg = phone.leg { await relay.close(leg) }
        logger.warning("sip: \(username)'s phone is down (\(reason)); calling it again in \(Int(redial)) s")
        phones[username]?.status = .down
        phones[username]?.reason = reason
        phones[username]?.callID = nil
        phones[username]?.leg = nil
        phones[username]?.retryAt = clock().addingTimeInterval(redial)
    }

    func redialDownPhones() async {
        let now = clock()
        for (username, phone) in phones where phone.status == .down && (phone.retryAt ?? now) <= now { await dial(username) }
    }
}
