import Foundation
import Testing
@testable import WaihuCore

/// The rules of SPEC.md §2 checked one by one with Foundation's `Calendar`, a route independent of
/// the policy's own civil-time arithmetic.
struct ReferencePolicy {
    let rules: ContactRules
    let calendar: Calendar

    init(rules: ContactRules, zone: TimeZone) {
        self.rules = rules
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    func violated(_ history: ContactHistory, product: String?, at now: Date) -> Set<PolicyRule> {
        var rules = Set<PolicyRule>()
        let past = history.calls.filter { $0.at <= now }
        let counted = past.filter { self.rules.counting == .attempts || $0.connected }
        if history.listings.contains(where: { ($0.product == nil || $0.product == product) && ($0.expiresAt == nil || $0.expiresAt! > now) }) {
            rules.insert(.dnc)
        }
        if counted.filter({ calendar.isDate($0.at, equalTo: now, toGranularity: .month) }).count >= self.rules.monthlyCap {
            rules.insert(.monthlyCap)
        }
        let byMonth = Dictionary(grouping: counted) { calendar.dateComponents([.year, .month], from: $0.at) }
        for calls in byMonth.values where calls.count >= self.rules.monthlyCap && self.rules.cooldownMonths > 0 {
            let last = calls.map(\.at).max()!
            if now < calendar.date(byAdding: .month, value: self.rules.cooldownMonths, to: last)! { rules.insert(.cooldown) }
        }
        let yearCount = self.rules.capYear == .calendar
            ? counted.filter { calendar.isDate($0.at, equalTo: now, toGranularity: .year) }.count
            : counted.filter { now.timeIntervalSince($0.at) < 365 * 86_400 }.count
        if yearCount >= self.rules.yearlyCap { rules.insert(.yearlyCap) }
        if let product {
            let offered = past.filter { $0.product == product }
            if self.rules.productIntervalMonths > 0,
               let last = offered.filter({ self.rules.counting == .attempts || $0.connected }).map(\.at).max(),
               now < calendar.date(byAdding: .month, value: self.rules.productIntervalMonths, to: last)! {
                rules.insert(.productInterval)
            }
            if offered.filter(\.refused).count >= self.rules.productRefusalLimit { rules.insert(.productRefused) }
        }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: now)
        let minute = parts.hour! * 60 + parts.minute!
        let day = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        if let holiday = self.rules.schedule.holidays[day] {
            if !holiday.contains(where: { $0.start <= minute && minute < $0.end }) { rules.insert(.holiday) }
        } else {
            // Calendar: 1 = Sunday; the schedule: index 0 = Monday.
            let index = (parts.weekday! + 5) % 7
            if !self.rules.schedule.weekdays[index].contains(where: { $0.start <= minute && minute < $0.end }) {
                rules.insert(.outsideWindow)
            }
        }
        return rules
    }
}

@Suite struct ContactPolicyPropertyTests {
    static let zones = ["Asia/Shanghai", "Asia/Kolkata", "Asia/Urumqi"].map { TimeZone(identifier: $0)! }
    static let products = [nil, "宽带", "5G"]

    func randomRules(_ g: inout SeededRandom) -> ContactRules {
        var rules = ContactRules()
        rules.monthlyCap = Int.random(in: 1...4, using: &g)
        rules.cooldownMonths = Int.random(in: 0...4, using: &g)
        rules.yearlyCap = Int.random(in: 2...12, using: &g)
        rules.capYear = Bool.random(using: &g) ? .calendar : .rolling
        rules.productIntervalMonths = Int.random(in: 0...2, using: &g)
        rules.productRefusalLimit = Int.random(in: 1...3, using: &g)
        rules.counting = Bool.random(using: &g) ? .connected : .attempts
        let start = Int.random(in: 6...10, using: &g) * 60
        var weekdays = Array(repeating: [CallingWindow(start: start, end: start + Int.random(in: 4...12, using: &g) * 60)], count: 7)
        if Bool.random(using: &g) { weekdays[6] = [] }
        rules.schedule = CallingSchedule(weekdays: weekdays,
                                         holidays: [LocalDate("2026-10-01")!: [], LocalDate("2026-10-02")!: [CallingWindow(start: 600, end: 720)]])
        return rules
    }

    func randomHistory(_ g: inout SeededRandom, around now: Date) -> ContactHistory {
        let calls = (0..<Int.random(in: 0...25, using: &g)).map { _ in
            PastCall(at: now.addingTimeInterval(-Double.random(in: 0...(500 * 86_400), using: &g)),
                     connected: Bool.random(using: &g), product: Self.products.randomElement(using: &g)!,
                     refused: Int.random(in: 0..<4, using: &g) == 0)
        }
        var listings: [DoNotCallListing] = []
        if Int.random(in: 0..<6, using: &g) == 0 {
            listings.append(DoNotCallListing(reason: .refusedCalls, product: Self.products.randomElement(using: &g)!,
                                             expiresAt: Bool.random(using: &g) ? nil : now.addingTimeInterval(Double.random(in: -90...200, using: &g) * 86_400)))
        }
        return ContactHistory(calls: calls, listings: listings)
    }

    @Test(arguments: [1, 2, 3, 4])
    func decisionsCiteExactlyTheRulesThatAreViolated(seed: UInt64) {
        var g = SeededRandom(seed: seed)
        for _ in 0..<500 {
            let zone = Self.zones.randomElement(using: &g)!
            let now = Date(timeIntervalSince1970: 1_780_000_000 + Double.random(in: 0...(400 * 86_400), using: &g))
            let rules = randomRules(&g)
            let history = randomHistory(&g, around: now)
            let product = Self.products.randomElement(using: &g)!
            let decision = ContactPolicy.decide(history, rules: rules, product: product, at: now, zone: zone)
            let expected = ReferencePolicy(rules: rules, zone: zone).violated(history, product: product, at: now)
            #expect(Set(decision.reasons.map(\.rule)) == expected, "seed \(seed) at \(now) in \(zone.identifier)")
            #expect(decision.allowed == expected.isEmpty)
            // The instant it names is the first allowed by every rule (to the millisecond: the two
            // routes add months to fractional seconds with different rounding), never before the question.
            let reference = ReferencePolicy(rules: rules, zone: zone)
            if let next = decision.nextAllowedAt {
                #expect(next >= now)
                #expect(reference.violated(history, product: product, at: next.addingTimeInterval(0.001)).isEmpty)
                if next > now { #expect(!reference.violated(history, product: product, at: next.addingTimeInterval(-1)).isEmpty) }
            } else {
                #expect(!decision.allowed)
            }
        }
    }
}
