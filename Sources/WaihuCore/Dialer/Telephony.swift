import Foundation

/// A call placed by the dialer, numbered within the dialer's day.
public struct CallID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: Int
    public init(_ value: Int) { self.value = value }
    public static func < (a: CallID, b: CallID) -> Bool { a.value < b.value }
    public var description: String { "call-\(value)" }
}

/// Who picked up a call.
public enum Answerer: String, Sendable, Codable {
    case person
    case machine
}

/// Why a call did not reach anyone.
public enum CallFailure: String, Sendable, Codable, CaseIterable {
    case busy
    /// Declared by the dialer after its ring timeout (never before 15 s of ringing).
    case no_answer
    /// 空号.
    case vacant
    /// 停机.
    case suspended
    /// 关机.
    case powered_off
    /// The network could not place the call (congestion, trunk failure).
    case failed

    /// The disposition code of METRICS.md §1.3 an attempt that ended this way gets.
    public var disposition: String { self == .failed ? "no_answer" : rawValue }
}

/// Why the dialer hangs a call up.
public enum HangUpCause: String, Sendable, Codable {
    /// Rang for the ring timeout without an answer.
    case noAnswer
    /// Answered by a person and not bridged within the bridge limit: the recorded message is
    /// played and the call released (an abandoned call).
    case abandoned
    /// Answered by a machine (answering-machine detection).
    case machine
    /// The dialer stopped (shutdown) while the call was up.
    case released
    /// The agent hung up (挂断).
    case agent
}

/// What the dialer asks of the network to place a call.
public struct OriginateRequest: Sendable, Equatable {
    public var call: CallID
    public var number: String
    public var project: String
    public var callerID: String

    public init(call: CallID, number: String, project: String, callerID: String) {
        self.call = call
        self.number = number
        self.project = project
        self.callerID = callerID
    }
}

/// What the telephone network reports about a call.
public enum TelephonyEvent: Sendable, Equatable {
    case ringing(CallID)
    case answered(CallID, by: Answerer)
    case failed(CallID, CallFailure)
    /// The far end hung up (after talking, or while waiting for an agent).
    case hungUp(CallID)

    public var call: CallID {
        switch self {
        case .ringing(let call), .answered(let call, _), .failed(let call, _), .hungUp(let call): call
        }
    }
}

/// The telephone network as the dialer sees it: place a call, bridge an answered call to an agent,
/// hang up. The network answers with `TelephonyEvent`s, delivered to the dialer by its host.
///
/// One implementation ships: `SimulatedNetwork`, on a virtual clock. A PBX adapter (SIP,
/// Asterisk AMI) implements the same three requests and feeds the same events; the dialer does
/// not change. Times are seconds on the host's clock.
public protocol Telephony {
    mutating func originate(_ request: OriginateRequest, at time: Double)
    /// Connects an answered call to an agent's line.
    mutating func bridge(_ call: CallID, toAgent agent: Int, at time: Double)
    mutating func hangUp(_ call: CallID, cause: HangUpCause, at time: Double)
}

/// A network a live floor drives (`waihu serve`): the events come back in time order, and the floor says which agent
/// sits at each seat so that a network with real phones can keep each logged-in agent's line up.
public protocol FloorNetwork: Telephony {
    /// When the next event happened (seconds on the floor's clock), if one is waiting.
    var nextEventTime: Double? { mutating get }
    mutating func popEvent() -> (time: Double, event: TelephonyEvent)?
    /// The seat's agent logged in (their username) or out (nil).
    mutating func seat(_ seat: Int, agent username: String?, at time: Double)
    /// The calls' recordings written since the last time, for the floor to link to their attempts.
    mutating func takeRecordings() -> [FinishedRecording]
}

extension FloorNetwork {
    public mutating func seat(_ seat: Int, agent username: String?, at time: Double) {}
    public mutating func takeRecordings() -> [FinishedRecording] { [] }
}

/// A call's recording the network wrote: where, and how long.
public struct FinishedRecording: Sendable, Equatable {
    public let call: CallID
    public let location: String
    public let seconds: Int

    public init(call: CallID, location: String, seconds: Int) {
        self.call = call
        self.location = location
        self.seconds = seconds
    }
}

/// Makes a floor's network: given the floor's epoch (its clock's zero) and a bell to ring when an event arrives, so
/// that the floor steps at once rather than at its next beat.
public typealias FloorNetworkMaker = @Sendable (_ epoch: Date, _ wake: @escaping @Sendable () -> Void) -> any FloorNetwork

/// An agent's phone line as a network with real phones keeps it (the SIP trunk): `up`, `calling`, `down` (with why),
/// `idle` (not logged into a project, so not called) or `not_configured` (no phone address for this agent). The desk shows it next to the agent's state.
public struct PhoneLine: Codable, Sendable, Equatable {
    public var status: String
    public var reason: String?

    public init(status: String, reason: String? = nil) {
        self.status = status
        self.reason = reason
    }
}

/// The phone line of an agent by login, when the network has phones.
public typealias PhoneLines = @Sendable (_ username: String) async -> PhoneLine?
