import Testing
@testable import WaihuSIP

/// Digest answers held to the published example of RFC 2617 §3.5 (its response value is the RFC's, not Waihu's).
@Suite struct DigestAuthorizationTests {
    @Test func theRFCsExampleGivesTheRFCsResponse() throws {
        let challenge = try DigestChallenge.parse(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
        #expect(challenge.qop == "auth" && challenge.algorithm == "MD5" && !challenge.stale)
        let answer = challenge.authorization(user: "Mufasa", password: "Circle Of Life", method: "GET", uri: "/dir/index.html", nc: 1, cnonce: "0a4f113b")
        #expect(answer.contains("response=\"6629fae49393a05397450978507c4ef1\""))
        #expect(answer.contains("nc=00000001") && answer.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""))
    }

    @Test func withoutQopTheShortFormIsUsed() throws {
        let challenge = try DigestChallenge.parse("Digest realm=\"trunk.example.cn\", nonce=\"abc\", algorithm=MD5, stale=TRUE")
        #expect(challenge.qop == nil && challenge.stale)
        // MD5(MD5("u:trunk.example.cn:p") ":abc:" MD5("INVITE:sip:1@trunk.example.cn")), from the definitions:
        let ha1 = DigestChallenge.md5("u:trunk.example.cn:p"), ha2 = DigestChallenge.md5("INVITE:sip:1@trunk.example.cn")
        let answer = challenge.authorization(user: "u", password: "p", method: "INVITE", uri: "sip:1@trunk.example.cn", cnonce: "x")
        #expect(answer.contains("response=\"\(DigestChallenge.md5("\(ha1):abc:\(ha2)"))\"") && !answer.contains("qop"))
        // MD5 of the empty text, as every MD5 gives it.
        #expect(DigestChallenge.md5("") == "d41d8cd98f00b204e9800998ecf8427e")
    }

    @Test func challengesWaihuCannotAnswerAreRefused() {
        #expect(throws: DigestChallenge.ParseError.notDigest) { try DigestChallenge.parse("Basic realm=\"x\"") }
        #expect(throws: DigestChallenge.ParseError.missing("nonce")) { try DigestChallenge.parse("Digest realm=\"x\"") }
        #expect(throws: DigestChallenge.ParseError.unsupportedAlgorithm("SHA-256")) {
            try DigestChallenge.parse("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-256")
        }
    }
}
