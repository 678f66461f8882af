import Foundation
import Testing
@testable import WaihuCore

/// Instants written as Shanghai wall-clock times (UTC+8, no daylight saving).
func shanghai(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text + "+08:00")!
}

let shanghaiZone = TimeZone(identifier: "Asia/Shanghai")!

@Suite struct LocalTimeTests {
    @Test func civilDatesAndWeekdaysMatchAnIndependentCalendar() {
        // Days since 1970 and ISO weekdays from Python's datetime: 2026-11-25 → 20782, Wednesday;
        // 2000-02-29 → 11016, Tuesday; 1969-12-31 → -1, Wednesday.
        #expect(LocalTime.days(from: LocalDate("2026-11-25")!) == 20782)
        #expect(LocalTime.days(from: LocalDate("2000-02-29")!) == 11016)
        #expect(LocalTime.civil(fromDays: -1) == LocalDate("1969-12-31"))
        #expect(LocalTime(shanghai("2026-11-25T10:30:15"), in: shanghaiZone).weekday == 3)
        #expect(LocalTime(shanghai("2026-11-25T10:30:15"), in: shanghaiZone).minute == 630)
        // 23:30 on the 30th in UTC is already the 1st in Shanghai.
        let utc = ISO8601DateFormatter().date(from: "2026-11-30T23:30:00Z")!
        #expect(LocalTime(utc, in: shanghaiZone).date == LocalDate("2026-12-01"))
    }

    @Test func monthsAreAddedOnTheWallClock() {
        #expect(shanghai("2026-11-10T10:00:00").addingMonths(3, in: shanghaiZone) == shanghai("2027-02-10T10:00:00"))
        #expect(shanghai("2027-01-31T12:00:00").addingMonths(1, in: shanghaiZone) == shanghai("2027-02-28T12:00:00"))
        #expect(LocalDate("2026-12-15")!.addingMonths(-13) == LocalDate("2025-11-15"))
    }
}

@Suite struct ContactPolicyTests {
    let rules = ContactRules()

    func decide(_ history: ContactHistory, product: String? = nil, at now: Date, rules: ContactRules? = nil) -> PolicyDecision {
        ContactPolicy.decide(history, rules: rules ?? self.rules, product: product, at: now, zone: shanghaiZone)
    }

    @Test func twoConnectedCallsThisMonthReachTheCapAndStartTheCooldown() {
        let history = ContactHistory(calls: [PastCall(at: shanghai("2026-11-03T10:00:00"), connected: true),
                                             PastCall(at: shanghai("2026-11-10T10:00:00"), connected: true)])
        let decision = decide(history, at: shanghai("2026-11-25T10:00:00"))
        #expect(decision.reasons.map(\.rule) == [.monthlyCap, .cooldown])
        #expect(decision.reasons[0].until == shanghai("2026-12-01T00:00:00"))
        // Three months after the second call, the one that reached the cap.
        #expect(decision.reasons[1].until == shanghai("2027-02-10T10:00:00"))
        #expect(decision.nextAllowedAt == shanghai("2027-02-10T10:00:00"))
        #expect(decision.reasons[0].message.zh == "本月已呼叫 2 次，达到每月上限 2 次")
    }

    @Test func unansweredAttemptsDoNotCountUnlessTheRulesSaySo() {
        let history = ContactHistory(calls: [PastCall(at: shanghai("2026-11-03T10:00:00"), connected: false),
                                             PastCall(at: shanghai("2026-11-10T10:00:00"), connected: false)])
        #expect(decide(history, at: shanghai("2026-11-25T10:00:00")).allowed)
        var everyAttempt = rules
        everyAttempt.counting = .attempts
        #expect(decide(history, at: shanghai("2026-11-25T10:00:00"), rules: everyAttempt).reasons.map(\.rule) == [.monthlyCap, .cooldown])
    }

    @Test func aProductRefusedThreeTimesIsNeverOfferedAgain() {
        let history = ContactHistory(calls: [
            PastCall(at: shanghai("2026-06-01T10:00:00"), connected: true, product: "宽带", refused: true),
            PastCall(at: shanghai("2026-08-01T10:00:00"), connected: true, product: "宽带", refused: true),
            PastCall(at: shanghai("2026-10-01T10:00:00"), connected: true, product: "宽带", refused: true),
        ])
        let decision = decide(history, product: "宽带", at: shanghai("2026-11-25T10:00:00"))
        #expect(decision.reasons.map(\.rule) == [.productRefused])
        #expect(decision.reasons[0].until == nil)
        #expect(decision.nextAllowedAt == nil)
        // Another product may still be offered.
        #expect(decide(history, product: "5G", at: shanghai("2026-11-25T10:00:00")).allowed)
    }

    @Test func theSameProductWaitsAMonth() {
        let history = ContactHistory(calls: [PastCall(at: shanghai("2026-11-10T10:00:00"), connected: true, product: "宽带")])
        let decision = decide(history, product: "宽带", at: shanghai("2026-11-25T10:00:00"))
        #expect(decision.reasons.map(\.rule) == [.productInterval])
        #expect(decision.nextAllowedAt == shanghai("2026-12-10T10:00:00"))
    }

    @Test func at22OClockTheCallWaitsForNineTheNextMorning() {
        let decision = decide(ContactHistory(), at: shanghai("2026-11-25T22:00:00"))
        #expect(decision.reasons.map(\.rule) == [.outsideWindow])
        #expect(decision.nextAllowedAt == shanghai("2026-11-26T09:00:00"))
        #expect(decision.reasons[0].message.en == "Outside the calling hours (09:00-21:00, customer's local time)")
        #expect(decide(ContactHistory(), at: shanghai("2026-11-25T20:59:59")).allowed)
        #expect(!decide(ContactHistory(), at: shanghai("2026-11-25T21:00:00")).allowed)
    }

    @Test func holidaysHaveTheirOwnWindowsOrNone() {
        var holidayRules = rules
        holidayRules.schedule = CallingSchedule(holidays: [LocalDate("2026-10-01")!: [], LocalDate("2026-10-02")!: [CallingWindow(start: 600, end: 960)]])
        let closed = decide(ContactHistory(), at: shanghai("2026-10-01T10:00:00"), rules: holidayRules)
        #expect(closed.reasons.map(\.rule) == [.holiday])
        #expect(closed.nextAllowedAt == shanghai("2026-10-02T10:00:00"))
        #expect(decide(ContactHistory(), at: shanghai("2026-10-02T15:59:00"), rules: holidayRules).allowed)
    }

    @Test func listingsRefuseUntilTheyExpireOrForGood() {
        let complaint = ContactHistory(listings: [DoNotCallListing(reason: .complaint)])
        let forGood = decide(complaint, at: shanghai("2026-11-25T10:00:00"))
        #expect(forGood.reasons.map(\.rule) == [.dnc])
        #expect(forGood.nextAllowedAt == nil)
        let refusal = ContactHistory(listings: [DoNotCallListing(reason: .refusedCalls, expiresAt: shanghai("2027-05-25T10:00:00"))])
        #expect(decide(refusal, at: shanghai("2026-11-25T10:00:00")).nextAllowedAt == shanghai("2027-05-25T10:00:00"))
        // A listing for one product only refuses that product.
        let oneProduct = ContactHistory(listings: [DoNotCallListing(reason: .refusedCalls, product: "宽带")])
        #expect(decide(oneProduct, product: "5G", at: shanghai("2026-11-25T10:00:00")).allowed)
        #expect(!decide(oneProduct, product: "宽带", at: shanghai("2026-11-25T10:00:00")).allowed)
    }

    @Test func aRollingYearFreesACallExactly365DaysAfterTheOldestOneThatMatters() {
        var rolling = rules
        rolling.capYear = .rolling
        rolling.yearlyCap = 3
        rolling.monthlyCap = 10
        let calls = ["2026-01-05", "2026-03-05", "2026-06-05", "2026-09-05"].map {
            PastCall(at: shanghai("\($0)T10:00:00"), connected: true)
        }
        // Four calls in the window, cap three: two must leave it; the second leaves 365 days after 2026-03-05 10:00.
        let decision = decide(ContactHistory(calls: calls), at: shanghai("2026-11-25T10:00:00"), rules: rolling)
        #expect(decision.reasons.map(\.rule) == [.yearlyCap])
        #expect(decision.reasons[0].until == shanghai("2027-03-05T10:00:00"))
    }

    @Test func everyViolatedRuleIsReportedAtOnce() {
        let history = ContactHistory(
            calls: [PastCall(at: shanghai("2026-11-03T10:00:00"), connected: true, product: "宽带", refused: true),
                    PastCall(at: shanghai("2026-11-10T10:00:00"), connected: true, product: "宽带", refused: true),
                    PastCall(at: shanghai("2026-11-12T10:00:00"), connected: true, product: "宽带", refused: true)],
            listings: [DoNotCallListing(reason: .harassment)])
        let decision = decide(history, product: "宽带", at: shanghai("2026-11-25T23:00:00"))
        #expect(decision.reasons.map(\.rule) == [.dnc, .monthlyCap, .cooldown, .productInterval, .productRefused, .outsideWindow])
    }
}

@Suite struct DialabilityTests {
    @Test func everyLeadIsDialableOrHeldBackUnderEachOfItsReasons() {
        let now = shanghai("2026-11-25T10:00:00")
        let twice = ContactHistory(calls: [PastCall(at: shanghai("2026-11-03T10:00:00"), connected: true),
                                           PastCall(at: shanghai("2026-11-10T10:00:00"), connected: true)])
        let listed = ContactHistory(listings: [DoNotCallListing(reason: .complaint)])
        let leads = [
            Dialability.Lead(status: .allocated, history: ContactHistory()),
            Dialability.Lead(status: .allocated, history: twice),
            Dialability.Lead(status: .allocated, history: listed),
            Dialability.Lead(status: .reserved, history: ContactHistory()),
            Dialability.Lead(status: .pool, history: listed),
            Dialability.Lead(status: .finished, history: ContactHistory()),
            Dialability.Lead(status: .rejected, history: ContactHistory()),
        ]
        let report = Dialability.explain(leads, rules: ContactRules(), at: now, zone: shanghaiZone)
        #expect(report.leads == 7)
        #expect(report.dialable == 1)
        #expect(report.refused_by_rules == 2)
        #expect(report.held_back == ["monthly_cap": 1, "cooldown": 1, "dnc": 1, "reserved": 1, "not_allocated": 1,
                                     "finished": 1, "rejected": 1])
    }

    @Test func retryDelaysCallbacksAndUsedUpAttemptsAreTheirOwnReasons() {
        let now = shanghai("2026-11-25T10:00:00")
        let later = shanghai("2026-11-25T10:30:00")
        let earlier = shanghai("2026-11-25T09:30:00")
        let listed = ContactHistory(listings: [DoNotCallListing(reason: .complaint)])
        let leads = [
            Dialability.Lead(status: .allocated, history: ContactHistory(), nextAttemptAt: later, deferral: .retry),
            Dialability.Lead(status: .allocated, history: ContactHistory(), nextAttemptAt: earlier, deferral: .retry),  // delay over
            Dialability.Lead(status: .allocated, history: ContactHistory(), nextAttemptAt: later, deferral: .callback),
            Dialability.Lead(status: .allocated, history: listed, nextAttemptAt: later, deferral: .policy),  // the rules say why
            Dialability.Lead(status: .finished, history: ContactHistory(), exhausted: true),
            Dialability.Lead(status: .finished, history: ContactHistory()),
        ]
        let report = Dialability.explain(leads, rules: ContactRules(), at: now, zone: shanghaiZone)
        #expect(report.dialable == 1)
        #expect(report.refused_by_rules == 1)
        #expect(report.held_back == ["retry_delay": 1, "callback_booked": 1, "dnc": 1, "max_attempts": 1, "finished": 1])
    }
}
