import Foundation

/// The failed-login rule: five failures in a row lock the account for 15 minutes.
public struct LoginLockout: Sendable, Equatable {
    public static let maxFailures = 5
    public static let lockDuration: TimeInterval = 15 * 60

    /// Failures since the last success.
    public var failures: Int
    /// Until when the account refuses every login, if locked.
    public var lockedUntil: Date?

    public init(failures: Int, lockedUntil: Date?) {
        self.failures = failures
        self.lockedUntil = lockedUntil
    }

    /// Whether the account refuses logins at this instant.
    public func isLocked(at now: Date) -> Bool {
        guard let lockedUntil else { return false }
        return now < lockedUntil
    }

    /// The state after a wrong password at `now`. A lock that has run out starts a new count.
    public func afterFailure(at now: Date) -> LoginLockout {
        let expired = lockedUntil.map { now >= $0 } ?? false
        let count = (expired ? 0 : failures) + 1
        if count >= Self.maxFailures {
            return LoginLockout(failures: count, lockedUntil: now.addingTimeInterval(Self.lockDuration))
        }
        return LoginLockout(failures: count, lockedUntil: expired ? nil : lockedUntil)
    }

    /// The state after a correct password.
    public func afterSuccess() -> LoginLockout {
        LoginLockout(failures: 0, lockedUntil: nil)
    }

    /// The refusal a locked account answers with.
    public func lockedError(at now: Date) -> DomainError {
        let minutes = Int(((lockedUntil ?? now).timeIntervalSince(now) / 60).rounded(.up))
        return DomainError(.locked, code: "account_locked",
                           zh: "连续 \(Self.maxFailures) 次密码错误，账号已锁定，请 \(minutes) 分钟后再试或联系管理员解锁",
                           en: "The account is locked after \(Self.maxFailures) failed logins; try again in \(minutes) minutes or ask an administrator to unlock it")
    }
}

/// Rules a new password must follow.
public enum PasswordRules {
    public static let minimumLength = 8

    public static func validate(_ password: String) throws(DomainError) {
        guard password.count >= minimumLength else {
            throw .invalidField("password", zh: "密码至少 \(minimumLength) 位",
                                en: "the password needs at least \(minimumLength) characters")
        }
        let hasLetter = password.contains { $0.isLetter }
        let hasDigit = password.contains { $0.isNumber }
        guard hasLetter && hasDigit else {
            throw .invalidField("password", zh: "密码须同时包含字母和数字",
                                en: "the password needs both letters and digits")
        }
    }
}
