import Foundation

/// The contact policy (呼叫频次与禁止呼叫): one pure decision for one customer at one instant.
/// "Customer" is the normalised number (and the customer id, where given) across every project,
/// site and vendor of the organisation; the caller gathers its history.
public enum ContactPolicy {
    /// Whether the customer may be called at `now` (in the customer's local time `zone`) about
    /// `product`, with every rule that refuses it and the first instant the call becomes allowed.
    public static func decide(_ history: ContactHistory, rules: ContactRules, product: String?, at now: Date,
                              zone: TimeZone) -> PolicyDecision {
        let reasons = refusals(history, rules: rules, product: product, at: now, zone: zone)
        return PolicyDecision(at: now, reasons: reasons,
                              nextAllowedAt: reasons.isEmpty ? now : nextAllowed(after: reasons, history, rules, product, zone))
    }

    /// Moves forward to the latest `until` of the refusals until every rule allows: rules only
    /// relax with time, since the history holds no call after the instant asked about.
    static func nextAllowed(after first: [PolicyReason], _ history: ContactHistory, _ rules: ContactRules,
                            _ product: String?, _ zone: TimeZone) -> Date? {
        var reasons = first
        var instant = Date.distantPast
        for _ in 0..<32 {
            var latest = instant
            for reason in reasons {
                guard let until = reason.until else { return nil }
                latest = max(latest, until)
            }
            guard latest > instant else { return nil }
            instant = latest
            reasons = refusals(history, rules: rules, product: product, at: instant, zone: zone)
            if reasons.isEmpty { return instant }
        }
        return nil
    }

    /// Every rule that refuses the call at `now`, in the order of `PolicyRule`.
    public static func refusals(_ history: ContactHistory, rules: ContactRules, product: String?, at now: Date,
                                zone: TimeZone) -> [PolicyReason] {
        var reasons: [PolicyReason] = []
        if let listing = listingReason(history.listings, product: product, at: now, zone: zone) { reasons.append(listing) }
        let counted = history.calls.filter { $0.at <= now && (rules.counting == .attempts || $0.connected) }
        let local = LocalTime(now, in: zone)
        reasons += capReasons(counted, rules: rules, local: local, at: now, zone: zone)
        if let product {
            reasons += productReasons(history.calls.filter { $0.at <= now && $0.product == product }, counted: counted,
                                      rules: rules, product: product, at: now, zone: zone)
        }
        if let window = windowReason(rules.schedule, local: local, at: now, zone: zone) { reasons.append(window) }
        return reasons
    }

    static func listingReason(_ listings: [DoNotCallListing], product: String?, at now: Date, zone: TimeZone) -> PolicyReason? {
        let active = listings.filter { ($0.product == nil || $0.product == product) && ($0.expiresAt.map { $0 > now } ?? true) }
        guard let first = active.first else { return nil }
        let permanent = active.contains { $0.expiresAt == nil }
        let until = permanent ? nil : active.compactMap(\.expiresAt).max()
        let reason = first.reason.name
        let end = until.map { LocalizedText(zh: "，至 \(PolicyText.stamp($0, zone)) 解除", en: " until \(PolicyText.stamp($0, zone))") }
            ?? LocalizedText(zh: "", en: "")
        return PolicyReason(.dnc, LocalizedText(zh: "号码在禁止呼叫名单中（\(reason.zh)）\(end.zh)",
                                                en: "The number is on the do-not-call list (\(reason.en.lowercased()))\(end.en)"),
                            until: until)
    }

    static func capReasons(_ counted: [PastCall], rules: ContactRules, local: LocalTime, at now: Date,
                           zone: TimeZone) -> [PolicyReason] {
        var reasons: [PolicyReason] = []
        let monthStart = LocalTime.instant(local.date.firstOfMonth, in: zone)
        let thisMonth = counted.filter { $0.at >= monthStart }.count
        if thisMonth >= rules.monthlyCap {
            reasons.append(PolicyReason(.monthlyCap, LocalizedText(
                zh: "本月已呼叫 \(thisMonth) 次，达到每月上限 \(rules.monthlyCap) 次",
                en: "Called \(thisMonth) times this month; the monthly cap is \(rules.monthlyCap)"),
                until: LocalTime.instant(local.date.firstOfMonth.addingMonths(1), in: zone)))
        }
        if let until = cooldownEnd(counted, rules: rules, zone: zone), now < until {
            reasons.append(PolicyReason(.cooldown, LocalizedText(
                zh: "某月呼叫达到上限 \(rules.monthlyCap) 次后 \(rules.cooldownMonths) 个月内不得再呼叫（至 \(PolicyText.stamp(until, zone))）",
                en: "After the monthly cap of \(rules.monthlyCap) was reached, no call for \(rules.cooldownMonths) months (until \(PolicyText.stamp(until, zone)))"),
                until: until))
        }
        let yearly: (count: Int, until: Date)
        switch rules.capYear {
        case .calendar:
            let start = LocalTime.instant(LocalDate(uncheckedYear: local.date.year, month: 1, day: 1), in: zone)
            yearly = (counted.filter { $0.at >= start }.count,
                      LocalTime.instant(LocalDate(uncheckedYear: local.date.year + 1, month: 1, day: 1), in: zone))
        case .rolling:
            let window = counted.filter { $0.at > now.addingTimeInterval(-365 * 86_400) }
            let drop = window.count - rules.yearlyCap
            yearly = (window.count, drop >= 0 ? window[drop].at.addingTimeInterval(365 * 86_400) : now)
        }
        if yearly.count >= rules.yearlyCap {
            let span = rules.capYear == .calendar ? (zh: "今年", en: "this year") : (zh: "近 365 天", en: "in the last 365 days")
            reasons.append(PolicyReason(.yearlyCap, LocalizedText(
                zh: "\(span.zh)已呼叫 \(yearly.count) 次，达到每年上限 \(rules.yearlyCap) 次",
                en: "Called \(yearly.count) times \(span.en); the yearly cap is \(rules.yearlyCap)"), until: yearly.until))
        }
        return reasons
    }

    /// The end of the latest cool-down: for each calendar month in which the counted calls reached
    /// the cap, the last of them plus the cool-down months.
    static func cooldownEnd(_ counted: [PastCall], rules: ContactRules, zone: TimeZone) -> Date? {
        guard rules.cooldownMonths > 0, counted.count >= rules.monthlyCap else { return nil }
        var end: Date?
        var month: (year: Int, month: Int)?
        var inMonth = 0
        for call in counted {
            let date = LocalTime(call.at, in: zone).date
            if month.map({ $0 != (date.year, date.month) }) ?? true {
                month = (date.year, date.month)
                inMonth = 0
            }
            inMonth += 1
            if inMonth >= rules.monthlyCap { end = call.at.addingMonths(rules.cooldownMonths, in: zone) }
        }
        return end
    }

    static func productReasons(_ productCalls: [PastCall], counted: [PastCall], rules: ContactRules, product: String,
                               at now: Date, zone: TimeZone) -> [PolicyReason] {
        var reasons: [PolicyReason] = []
        let countedProduct = productCalls.filter { rules.counting == .attempts || $0.connected }
        if rules.productIntervalMonths > 0, let last = countedProduct.last {
            let until = last.at.addingMonths(rules.productIntervalMonths, in: zone)
            if now < until {
                reasons.append(PolicyReason(.productInterval, LocalizedText(
                    zh: "同一产品（\(product)）\(rules.productIntervalMonths) 个月内只能推荐一次：上次 \(PolicyText.stamp(last.at, zone))",
                    en: "The same product (\(product)) once every \(rules.productIntervalMonths) month(s): last offered \(PolicyText.stamp(last.at, zone))"),
                    until: until))
            }
        }
        let refusals = productCalls.filter(\.refused).count
        if refusals >= rules.productRefusalLimit {
            reasons.append(PolicyReason(.productRefused, LocalizedText(
                zh: "客户已 \(refusals) 次拒绝该产品（\(product)），不再推荐",
                en: "The customer refused this product (\(product)) \(refusals) times; it is never offered again"), until: nil))
        }
        return reasons
    }

    static func windowReason(_ schedule: CallingSchedule, local: LocalTime, at now: Date, zone: TimeZone) -> PolicyReason? {
        let today = schedule.windows(on: local.date, weekday: local.weekday)
        guard !today.windows.contains(where: { $0.contains(local.minute) }) else { return nil }
        let until = schedule.nextOpening(atOrAfter: now, in: zone)
        let hours = PolicyText.windows(today.windows)
        if today.holiday {
            return PolicyReason(.holiday, today.windows.isEmpty
                ? LocalizedText(zh: "节假日不外呼", en: "No calls on this holiday")
                : LocalizedText(zh: "节假日只在 \(hours) 外呼", en: "On this holiday calls only \(hours)"), until: until)
        }
        return PolicyReason(.outsideWindow, today.windows.isEmpty
            ? LocalizedText(zh: "今天不外呼", en: "No calls on this weekday")
            : LocalizedText(zh: "当前不在允许外呼的时段（客户当地时间 \(hours)）", en: "Outside the calling hours (\(hours), customer's local time)"),
            until: until)
    }
}
