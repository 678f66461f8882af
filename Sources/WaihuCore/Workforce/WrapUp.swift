import Foundation

/// The wrap-up limit (后处理时限): after-call work ends by itself when the project's limit has passed since
/// the agent went into it, and the agent is ready again — but never while the call's disposition is still
/// to be recorded, since a ready agent is handed the next call.
public enum WrapUp {
    public static let defaultSeconds = 120
    public static let allowedSeconds = 5 ... 3600

    /// The instant the agent becomes ready, or nil while the after-call work goes on: the limit's end, or
    /// when the disposition was recorded if that came later.
    public static func readyAt(state: AgentState, since: Date?, limitSeconds: Int, dispositionPending: Bool,
                               dispositionRecordedAt: Date?, now: Date) -> Date? {
        guard state == .acw, let since, !dispositionPending else { return nil }
        let end = max(since.addingTimeInterval(Double(limitSeconds)), dispositionRecordedAt ?? since)
        return end <= now ? end : nil
    }
}
