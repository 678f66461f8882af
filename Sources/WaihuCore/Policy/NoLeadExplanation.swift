import Foundation

/// What the desk says when no lead can be taken: a sentence an agent can act on, from the refusals of the
/// leads looked at (rule → how many) and the calling hours of the day, instead of `{"outside_window":30}`.
public enum NoLeadExplanation {
    /// `windows`: today's calling hours; `opensAt`: the next opening as local `HH:mm`, when the hours refused.
    public static func explain(refusals: [PolicyRule: Int], examined: Int, windows: [CallingWindow],
                               opensAt: String?) -> LocalizedText {
        guard examined > 0, !refusals.isEmpty else {
            return LocalizedText(zh: "您名下暂无可拨打的客户：已分配给您的客户都已拨完，或在等待约定的回拨、重拨时间。请稍后再试，或请班长分配数据",
                                 en: "You have no lead to call now: the leads allocated to you are done or waiting for their callback or retry time. Try again later, or ask your supervisor for more leads")
        }
        let hours = windows.isEmpty ? "—" : windows.map(\.description).joined(separator: "、")
        let parts = refusals.sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }.map { rule, count -> LocalizedText in
            switch rule {
            case .outsideWindow:
                let when = opensAt.map { LocalizedText(zh: "将于 \($0) 后可拨", en: "can be called from \($0)") }
                    ?? LocalizedText(zh: "要到呼叫时段内才可拨", en: "can be called within the calling hours")
                return LocalizedText(zh: "当前不在呼叫时段（\(hours)），您名下 \(count) 个客户\(when.zh)",
                                     en: "It is outside the calling hours (\(hours)): \(count) of your leads \(when.en)")
            case .holiday:
                return LocalizedText(zh: "今天是节假日，不外呼：\(count) 个客户今天不可拨", en: "Today is a holiday with no calls: \(count) leads wait")
            case .dnc:
                return LocalizedText(zh: "\(count) 个客户在禁止呼叫名单上，已跳过", en: "\(count) leads are on the do-not-call list and were skipped")
            default:
                return LocalizedText(zh: "\(count) 个客户受“\(rule.name.zh)”限制，暂不可拨",
                                     en: "\(count) leads are held back by the \(rule.name.en) for now")
            }
        }
        return LocalizedText(zh: "暂无可拨打的客户：" + parts.map(\.zh).joined(separator: "；"),
                             en: "No lead to call now: " + parts.map(\.en).joined(separator: "; "))
    }

    /// The sentence for the agent's next take refused at `now`, with the day's calling hours of `schedule`.
    public static func explain(refusals: [PolicyRule: Int], examined: Int, schedule: CallingSchedule,
                               at now: Date, in zone: TimeZone) -> LocalizedText {
        let local = LocalTime(now, in: zone)
        let today = schedule.windows(on: local.date, weekday: local.weekday).windows
        var opensAt: String?
        if refusals[.outsideWindow] != nil, let next = schedule.nextOpening(atOrAfter: now, in: zone) {
            let opening = LocalTime(next, in: zone)
            let time = String(opening.description.suffix(5))
            opensAt = opening.date == local.date ? time : "\(opening.date) \(time)"
        }
        return explain(refusals: refusals, examined: examined, windows: today, opensAt: opensAt)
    }
}
