import Testing
import WaihuCore

@Suite struct CallFitTests {
    @Test func theStandardResultsFitTheCallsTheyDescribe() throws {
        let set = DispositionSet.standard
        func fit(_ code: String) throws -> CallFit { try set.require(code).fit }
        // Said by hand from what each result means.
        #expect(try fit("no_answer") == .unanswered && fit("busy") == .unanswered && fit("powered_off") == .unanswered)
        #expect(try fit("success") == .answered && fit("refused") == .answered && fit("dnc_request") == .answered)
        #expect(try !fit("no_answer").allows(answered: true) && fit("no_answer").allows(answered: false))
        #expect(try !fit("success").allows(answered: false) && fit("success").allows(answered: true))
    }

    @Test func aProjectsOwnCodeFitsByItsCategory() {
        #expect(CallFit.of(code: "upgrade_agreed", category: .success) == .answered)
        #expect(CallFit.of(code: "line_dead", category: .unreachable) == .either)
        #expect(CallFit.either.allows(answered: true) && CallFit.either.allows(answered: false))
    }
}
