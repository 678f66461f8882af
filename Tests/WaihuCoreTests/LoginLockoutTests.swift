import Foundation
import Testing
@testable import WaihuCore

@Suite struct LoginLockoutTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func fourFailuresDoNotLock() {
        var state = LoginLockout(failures: 0, lockedUntil: nil)
        for i in 0..<4 { state = state.afterFailure(at: start.addingTimeInterval(Double(i))) }
        #expect(state.failures == 4)
        #expect(!state.isLocked(at: start.addingTimeInterval(4)))
    }

    @Test func fifthFailureLocksForFifteenMinutes() {
        var state = LoginLockout(failures: 0, lockedUntil: nil)
        for _ in 0..<5 { state = state.afterFailure(at: start) }
        #expect(state.isLocked(at: start))
        #expect(state.isLocked(at: start.addingTimeInterval(14 * 60 + 59)))
        #expect(!state.isLocked(at: start.addingTimeInterval(15 * 60)))
    }

    @Test func failureAfterExpiredLockStartsANewCount() {
        let locked = LoginLockout(failures: 5, lockedUntil: start)
        let next = locked.afterFailure(at: start.addingTimeInterval(1))
        #expect(next.failures == 1)
        #expect(next.lockedUntil == nil)
    }

    @Test func successClearsTheCount() {
        let state = LoginLockout(failures: 3, lockedUntil: nil).afterSuccess()
        #expect(state == LoginLockout(failures: 0, lockedUntil: nil))
    }

    @Test func lockedErrorNamesTheMinutesLeft() {
        let state = LoginLockout(failures: 5, lockedUntil: start.addingTimeInterval(10 * 60))
        let error = state.lockedError(at: start)
        #expect(error.kind == .locked)
        #expect(error.message.en.contains("10 minutes"))
        #expect(error.message.zh.contains("10 分钟"))
    }

    @Test func passwordRulesExplainRefusals() {
        #expect(throws: DomainError.self) { try PasswordRules.validate("short1") }
        #expect(throws: DomainError.self) { try PasswordRules.validate("lettersonly") }
        #expect(throws: DomainError.self) { try PasswordRules.validate("12345678") }
        #expect(throws: Never.self) { try PasswordRules.validate("abc12345") }
    }
}
