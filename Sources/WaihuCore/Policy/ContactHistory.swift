import Foundation

/// One earlier call to the customer, made through Waihu or imported from another telephone system.
public struct PastCall: Sendable, Equatable {
    public var at: Date
    /// Talk time above zero (METRICS.md §1.3).
    public var connected: Bool
    /// The product the call offered, if any.
    public var product: String?
    /// The customer refused the product on this call (a `refused` category disposition).
    public var refused: Bool

    public init(at: Date, connected: Bool, product: String? = nil, refused: Bool = false) {
        self.at = at
        self.connected = connected
        self.product = product
        self.refused = refused
    }
}

/// A do-not-call list entry as the policy needs it.
public struct DoNotCallListing: Sendable, Equatable {
    public var reason: DoNotCallReason
    /// Nil: every product.
    public var product: String?
    /// Nil: permanent.
    public var expiresAt: Date?

    public init(reason: DoNotCallReason, product: String? = nil, expiresAt: Date? = nil) {
        self.reason = reason
        self.product = product
        self.expiresAt = expiresAt
    }
}

/// Everything known about one customer (its normalised number, across every project, site and
/// vendor of the organisation): earlier calls, oldest first, and do-not-call listings.
public struct ContactHistory: Sendable, Equatable {
    public var calls: [PastCall]
    public var listings: [DoNotCallListing]

    public init(calls: [PastCall] = [], listings: [DoNotCallListing] = []) {
        self.calls = calls.sorted { $0.at < $1.at }
        self.listings = listings
    }
}
