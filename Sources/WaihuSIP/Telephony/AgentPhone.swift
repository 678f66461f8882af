import Foundation

/// An agent's phone as Waihu keeps it while the agent is logged in (research note §4.1 item 7): one standing call to
/// the phone (which answers by itself), silence on it while idle, customers switched onto it in the relay.
public struct AgentPhone: Sendable {
    public enum Status: String, Sendable, Codable {
        /// No SIP address configured for this agent.
        case notConfigured = "not_configured"
        /// Configured, and not called: the agent is not logged into a project.
        case idle
        case calling
        /// The standing call is up: customers can be bridged.
        case up
        /// The phone did not answer, refused, or the call dropped: Waihu calls it again.
        case down
    }

    public let username: String
    public let uri: String
    public var status = Status.calling
    /// The standing call's SIP Call-ID and media leg, while there is one.
    public var callID: String?
    public var leg: MediaLegID?
    /// Why it is down, for the desk and the log.
    public var reason: String?
    public var retryAt: Date?

    public init(username: String, uri: String) {
        self.username = username
        self.uri = uri
    }
}

/// What the desk and the wallboard show of an agent's phone.
public struct AgentPhoneState: Sendable, Equatable, Codable {
    public var status: AgentPhone.Status
    public var reason: String?

    public init(status: AgentPhone.Status, reason: String? = nil) {
        self.status = status
        self.reason = reason
    }
}
