/// How the simulated conversations end: the disposition an agent gives a connected call.
public struct ConversationMix: Sendable, Equatable {
    /// Disposition codes (METRICS.md §1.3) with their shares; the shares add up to 1.
    public var shares: [(code: String, share: Double)]

    public init(shares: [(code: String, share: Double)]) {
        self.shares = shares
    }

    /// A marketing day: 8% sales, 15% completed questionnaires, most refuse, some book a callback,
    /// some turn out not to be the target customer.
    public static let marketing = ConversationMix(shares: [
        ("success", 0.08), ("completed", 0.15), ("refused", 0.45), ("broke_off", 0.05), ("dnc_request", 0.01),
        ("callback", 0.12), ("not_target", 0.08), ("wrong_number", 0.03), ("no_such_person", 0.03),
    ])

    public func draw(_ random: inout SeededRandom) -> String {
        var u = random.unit()
        for (code, share) in shares {
            if u < share { return code }
            u -= share
        }
        return shares.last?.code ?? "completed"
    }

    public static func == (a: ConversationMix, b: ConversationMix) -> Bool {
        a.shares.map(\.code) == b.shares.map(\.code) && a.shares.map(\.share) == b.shares.map(\.share)
    }
}
