import Foundation

/// Whether an agent's desk is there: a desk asks for its state every second; one that has not asked for
/// `timeout` seconds (the tab closed or put away, the network gone) is away, and a ready agent whose desk
/// is away is not given calls — the dialer makes them busy, `away`, until they come back and press R.
public enum DeskPresence {
    /// Our default: ten missed polls. `waihu serve --desk-timeout-seconds` sets another.
    public static let defaultTimeout: TimeInterval = 10

    /// `seenAt` nil: a desk that never polled (an API client that does not), taken as present.
    public static func isAway(seenAt: Date?, at now: Date, timeout: TimeInterval = defaultTimeout) -> Bool {
        guard let seenAt else { return false }
        return now.timeIntervalSince(seenAt) > timeout
    }
}
