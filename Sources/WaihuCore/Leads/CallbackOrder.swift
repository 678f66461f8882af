import Foundation

/// Which due callbacks (预约回拨) an agent is served first, and which pass to other agents: the
/// agent's own due callbacks, earliest first; then, earliest first, the callbacks booked for anyone
/// and the other agents' own callbacks overdue by more than the project's pass time. (Whether a
/// passing callback stays within the holder's site is the store's to check: it needs the sites.)
public enum CallbackOrder {
    /// A lead whose booked callback time has come.
    public struct Due: Sendable, Equatable {
        public var lead: UUID
        /// The agent holding the lead, if an agent does.
        public var holder: UUID?
        public var owner: CallbackOwner?
        public var dueAt: Date

        public init(lead: UUID, holder: UUID?, owner: CallbackOwner?, dueAt: Date) {
            self.lead = lead
            self.holder = holder
            self.owner = owner
            self.dueAt = dueAt
        }
    }

    /// `due` split for `agent` at `now`: the agent's own, then those that pass to them, each earliest first.
    public static func serve(_ due: [Due], to agent: UUID, at now: Date, passAfter: TimeInterval) -> (own: [Due], passing: [Due]) {
        let ready = due.filter { $0.dueAt <= now }.sorted { $0.dueAt < $1.dueAt }
        let own = ready.filter { $0.holder == agent }
        let passing = ready.filter { $0.holder != agent && passes(owner: $0.owner, dueAt: $0.dueAt, at: now, after: passAfter) }
        return (own, passing)
    }

    /// Whether a callback another agent holds may go to any agent of the project: one booked for anyone
    /// at once, one booked for its own agent once overdue by `after`.
    public static func passes(owner: CallbackOwner?, dueAt: Date, at now: Date, after: TimeInterval) -> Bool {
        owner == .anyone || dueAt <= now.addingTimeInterval(-after)
    }
}
