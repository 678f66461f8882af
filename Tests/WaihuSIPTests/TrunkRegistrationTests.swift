import Testing
@testable import WaihuSIP

/// The REGISTER requests of one binding and the reading of the registrar's answer (RFC 3261 §10.2).
@Suite struct TrunkRegistrationTests {
    func registrar() -> TrunkRegistration {
        TrunkRegistration(username: "waihu", domain: "trunk.example.cn", contactHost: "203.0.113.5:5060", callID: "c1@203.0.113.5",
                          fromTag: "t1")
    }

    @Test func everyRequestOfTheBindingKeepsItsCallIDAndCountsTheCSeqOn() throws {
        var registration = registrar()
        let first = registration.request(expires: 3600, via: "SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bKa")
        #expect(first.start == .request(method: "REGISTER", uri: "sip:trunk.example.cn"))
        #expect(first.headers["To"] == "<sip:waihu@trunk.example.cn>" && first.headers["From"] == "<sip:waihu@trunk.example.cn>;tag=t1")
        #expect(first.headers["Contact"] == "<sip:waihu@203.0.113.5:5060>" && first.headers["Expires"] == "3600")
        #expect(first.cseq?.number == 1)
        // Sent again with credentials at CSeq 2: the renewal is 3, with the same Call-ID and From tag.
        var challenged = first
        challenged.headers.set("CSeq", "2 REGISTER")
        registration.sent(challenged)
        let renewal = registration.request(expires: 3600, via: "SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bKb")
        #expect(renewal.cseq?.number == 3 && renewal.callID == "c1@203.0.113.5" && renewal.headers["From"] == first.headers["From"])
        let removal = registration.request(expires: 0, via: "SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bKc")
        #expect(removal.headers["Expires"] == "0" && removal.cseq?.number == 4)
    }

    @Test func theBindingLastsWhatTheRegistrarGrantedToWaihusOwnContact() throws {
        let registration = registrar()
        func answer(_ headers: [(String, String)]) -> SIPMessage { SIPMessage(.response(status: 200, reason: "OK"), headers: SIPHeaders(headers)) }
        // The registrar lists every binding of the address of record: Waihu's own contact's expires counts.
        let listed = answer([("Contact", "<sip:waihu@198.51.100.7:5060>;expires=90"), ("Contact", "<sip:waihu@203.0.113.5:5060>;expires=600"),
                             ("Expires", "1800")])
        #expect(registration.granted(by: listed, asked: 3600) == 600)
        #expect(registration.granted(by: answer([("Expires", "1800")]), asked: 3600) == 1800)
        #expect(registration.granted(by: answer([]), asked: 3600) == 3600)
    }

    @Test func aBindingIsRenewedBeforeItLapses() {
        // Half the binding at most a minute ahead: 3600 s → at 3540 s; 600 → 540; 90 → 45; 2 → 1.
        #expect(TrunkRegistration.renewal(after: 3600) == 3540)
        #expect(TrunkRegistration.renewal(after: 600) == 540)
        #expect(TrunkRegistration.renewal(after: 90) == 45)
        #expect(TrunkRegistration.renewal(after: 2) == 1)
    }
}
