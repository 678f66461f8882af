import Foundation

/// The failed-login rule. Failures are counted per address and username together, and per address
/// alone — never per account, so nobody can lock another person out by typing wrong passwords
/// from elsewhere, and an unknown username is answered exactly like a known one. Past the free
/// failures each further one makes the wait longer: 30 s, 1 min, 2 min … at most 15 min. A count
/// is forgotten after an hour without failures; a success clears the address-and-username count.
public struct LoginThrottle: Sendable, Equatable {
    /// How many failures a key may have before logins through it are made to wait.
    public struct Rule: Sendable, Equatable {
        public var freeFailures: Int

        /// One address and one username: a person mistyping their password.
        public static let addressAndUsername = Rule(freeFailures: 5)
        /// One address, any usernames: a whole call center may sign in from one address, so the
        /// allowance is large; it stops one machine trying many usernames.
        public static let address = Rule(freeFailures: 50)
    }

    public static let firstDelay: TimeInterval = 30
    public static let maxDelay: TimeInterval = 15 * 60
    /// After this long without a failure, the count starts again.
    public static let quiet: TimeInterval = 3600

    public var failures: Int
    public var lastFailure: Date?

    public init(failures: Int = 0, lastFailure: Date? = nil) {
        self.failures = failures
        self.lastFailure = lastFailure
    }

    /// Until when logins through this key must wait, if they must.
    public func blockedUntil(_ rule: Rule) -> Date? {
        guard failures >= rule.freeFailures, let lastFailure else { return nil }
        let steps = min(failures - rule.freeFailures, 10)
        return lastFailure.addingTimeInterval(min(Self.maxDelay, Self.firstDelay * pow(2, Double(steps))))
    }

    public func isBlocked(at now: Date, _ rule: Rule) -> Bool {
        blockedUntil(rule).map { now < $0 } ?? false
    }

    /// The count after a wrong password (or an unknown username) at `now`.
    public func afterFailure(at now: Date) -> LoginThrottle {
        let forgotten = lastFailure.map { now.timeIntervalSince($0) >= Self.quiet } ?? true
        return LoginThrottle(failures: (forgotten ? 0 : failures) + 1, lastFailure: now)
    }

    /// The refusal while blocked: how long to wait, the same words for every username.
    public static func refusal(until: Date, at now: Date) -> DomainError {
        let seconds = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
        let wait = seconds < 120 ? (zh: "\(seconds) 秒", en: "\(seconds) seconds")
                                 : (zh: "\((seconds + 59) / 60) 分钟", en: "\((seconds + 59) / 60) minutes")
        return DomainError(.throttled, code: "too_many_attempts",
                           zh: "登录失败次数过多，请 \(wait.zh)后再试，或联系管理员",
                           en: "Too many failed logins; try again in \(wait.en), or ask an administrator")
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
