import Foundation
import Testing
@testable import WaihuCore

@Suite struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func after(_ failures: Int, spacing: TimeInterval = 1) -> LoginThrottle {
        var state = LoginThrottle()
        for i in 0..<failures { state = state.afterFailure(at: start.addingTimeInterval(Double(i) * spacing)) }
        return state
    }

    @Test func fourFailuresDoNotMakeAnyoneWait() {
        let state = after(4)
        #expect(state.failures == 4)
        #expect(state.blockedUntil(.addressAndUsername) == nil)
    }

    @Test func eachFailurePastTheFifthDoublesTheWaitUpToFifteenMinutes() {
        // The last failure is at start + (n − 1) s; the wait is 30 s × 2^(n − 5), at most 900 s.
        for (failures, wait) in [(5, 30.0), (6, 60.0), (7, 120.0), (9, 480.0), (10, 900.0), (30, 900.0)] {
            let last = start.addingTimeInterval(Double(failures - 1))
            #expect(after(failures).blockedUntil(.addressAndUsername) == last.addingTimeInterval(wait), "\(failures) failures")
        }
        let state = after(5)
        #expect(state.isBlocked(at: start.addingTimeInterval(4 + 29), .addressAndUsername))
        #expect(!state.isBlocked(at: start.addingTimeInterval(4 + 30), .addressAndUsername))
    }

    @Test func anAddressAloneMayFailFiftyTimes() {
        #expect(after(49).blockedUntil(.address) == nil)
        #expect(after(50).blockedUntil(.address) == start.addingTimeInterval(49 + 30))
    }

    @Test func anHourWithoutFailuresStartsTheCountAgain() {
        let state = after(7).afterFailure(at: start.addingTimeInterval(6 + 3600))
        #expect(state.failures == 1)
        #expect(after(7).afterFailure(at: start.addingTimeInterval(6 + 3599)).failures == 8)
    }

    @Test func theRefusalSaysHowLongToWait() {
        let seconds = LoginThrottle.refusal(until: start.addingTimeInterval(29.2), at: start)
        #expect(seconds.kind == .throttled && seconds.code == "too_many_attempts")
        #expect(seconds.message.en.contains("30 seconds") && seconds.message.zh.contains("30 秒"))
        let minutes = LoginThrottle.refusal(until: start.addingTimeInterval(900), at: start)
        #expect(minutes.message.en.contains("15 minutes") && minutes.message.zh.contains("15 分钟"))
    }

    @Test func passwordRulesExplainRefusals() {
        #expect(throws: DomainError.self) { try PasswordRules.validate("short1") }
        #expect(throws: DomainError.self) { try PasswordRules.validate("lettersonly") }
        #expect(throws: DomainError.self) { try PasswordRules.validate("12345678") }
        #expect(throws: Never.self) { try PasswordRules.validate("abc12345") }
    }
}
