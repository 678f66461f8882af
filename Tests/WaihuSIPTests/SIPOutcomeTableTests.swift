import Testing
import WaihuCore
@testable import WaihuSIP

/// The outcome table against the research note's §4.2 rows, the precedence the table documents, and a trunk's own rules.
@Suite struct SIPOutcomeTableTests {
    static func refusal(_ status: Int, reason: String? = nil) -> SIPMessage {
        var headers = SIPHeaders([("CSeq", "1 INVITE")])
        if let reason { headers.add("Reason", reason) }
        return SIPMessage(.response(status: status, reason: "R"), headers: headers)
    }

    @Test func theResearchNotesRowsAreTheDefaults() {
        let table = SIPOutcomeTable.defaults
        let rows: [(Int, String?, CallFailure)] = [
            (486, "Q.850;cause=17;text=\"User busy\"", .busy), (486, nil, .busy), (600, nil, .busy), (404, "Q.850;cause=1", .vacant),
            (604, nil, .vacant), (410, nil, .vacant), (484, nil, .vacant), (480, "Q.850;cause=20", .powered_off), (480, nil, .no_answer),
            (408, nil, .no_answer), (480, "Q.850;cause=18", .no_answer), (503, "Q.850;cause=34", .failed), (500, nil, .failed),
            (403, nil, .failed), (488, nil, .failed), (302, nil, .failed),
        ]
        for (status, reason, expected) in rows {
            #expect(table.failure(of: Self.refusal(status, reason: reason)) == expected, "\(status) \(reason ?? "")")
        }
        #expect(table.failure(of: Self.refusal(180)) == nil && table.failure(of: Self.refusal(200)) == nil, "not refusals")
    }

    @Test func theCauseWinsOverTheStatusButNotOverA5xx() {
        let table = SIPOutcomeTable.defaults
        #expect(table.failure(status: 404, cause: 17) == .busy, "cause 17 is busy whatever the status")
        #expect(table.failure(status: 503, cause: 17) == .failed, "every 5xx is a failure unless a rule names status and cause")
        #expect(table.failure(status: 603, cause: nil) == .failed, "unknown: failed")
    }

    @Test func theQ850CauseIsFoundAmongOtherReasons() {
        let message = Self.refusal(480, reason: "SIP;cause=480;text=\"x, y\", Q.850 ; cause = 20")
        #expect(SIPOutcomeTable.q850Cause(in: message) == 20)
        #expect(SIPOutcomeTable.q850Cause(in: Self.refusal(480, reason: "SIP;cause=480")) == nil)
    }

    @Test func aTrunksOwnRulesOverrideTheDefaults() throws {
        let table = try SIPOutcomeTable.defaults.overridden(by: ["403": .suspended, "cause=21": .suspended, "503;cause=17": .busy])
        #expect(table.failure(status: 403, cause: nil) == .suspended)
        #expect(table.failure(status: 480, cause: 21) == .suspended)
        #expect(table.failure(status: 503, cause: 17) == .busy, "an exact rule beats the 5xx default")
        #expect(table.failure(status: 486, cause: nil) == .busy, "the other defaults stay")
    }

    @Test func aRuleKeyThatCannotBeReadIsNamed() {
        for bad in ["", "busy", "200", "cause=0", "cause=17;486", "480;480", "cause=x", "99"] {
            #expect(throws: SIPOutcomeTable.BadKey(key: bad)) { try SIPOutcomeTable.defaults.overridden(by: [bad: .busy]) }
        }
    }
}
