import Foundation
import WaihuCore

/// One project's floor on the SIP trunk: the `Telephony` its dialer drives, like the simulated network. Commands go
/// to the shared `SIPService` in the order the dialer gave them; what happens to the calls comes back here as events
/// on the floor's clock (seconds since `epoch`), and `wake` is called at once so that an answered call is bridged
/// without waiting for the next beat.
public final class SIPTelephony: FloorNetwork, @unchecked Sendable {
    enum Command: Sendable {
        case originate(OriginateRequest)
        case bridge(CallID, agent: String?)
        case hangUp(CallID, HangUpCause)
        case login(String)
        case logout(String)
    }

    let service: SIPService
    let epoch: Date
    let lock = NSLock()
    var events: [(time: Double, event: TelephonyEvent)] = []
    var recordings: [FinishedRecording] = []
    var seats: [Int: String] = [:]
    let commands: AsyncStream<Command>.Continuation
    var worker: Task<Void, Never>?
    public let wake: @Sendable () -> Void

    public init(service: SIPService, epoch: Date, wake: @escaping @Sendable () -> Void = {}) {
        self.service = service
        self.epoch = epoch
        self.wake = wake
        let (stream, continuation) = AsyncStream.makeStream(of: Command.self)
        commands = continuation
        let floor = WeakFloor(self)
        worker = Task { [service] in
            for await command in stream { await service.carryOut(command, for: floor) }
        }
    }

    deinit {
        commands.finish()
    }

    public func originate(_ request: OriginateRequest, at time: Double) {
        commands.yield(.originate(request))
    }

    public func bridge(_ call: CallID, toAgent agent: Int, at time: Double) {
        commands.yield(.bridge(call, agent: lock.withLock { seats[agent] }))
    }

    public func hangUp(_ call: CallID, cause: HangUpCause, at time: Double) {
        commands.yield(.hangUp(call, cause))
    }

    public func seat(_ seat: Int, agent username: String?, at time: Double) {
        let previous = lock.withLock {
            let previous = seats[seat]
            seats[seat] = username
            return previous
        }
        if let previous, previous != username { commands.yield(.logout(previous)) }
        if let username, username != previous { commands.yield(.login(username)) }
    }

    public var nextEventTime: Double? { lock.withLock { events.first?.time } }

    public func popEvent() -> (time: Double, event: TelephonyEvent)? {
        lock.withLock { events.isEmpty ? nil : events.removeFirst() }
    }

    /// The recordings finished since the last call.
    public func takeRecordings() -> [FinishedRecording] {
        lock.withLock {
            defer { recordings = [] }
            return recordings
        }
    }

    /// The recordings finished so far, left in place.
    public func pendingRecordings() -> [FinishedRecording] { lock.withLock { recordings } }

    func deliver(_ event: TelephonyEvent, at date: Date) {
        let time = date.timeIntervalSince(epoch)
        lock.withLock {
            // Events are kept in time order; one stamped before the last (a clock step) goes in its place.
            let index = events.lastIndex { $0.time <= time }.map { $0 + 1 } ?? 0
            events.insert((time, event), at: index)
        }
        wake()
    }

    func finished(_ recording: FinishedRecording) {
        lock.withLock { recordings.append(recording) }
    }
}

/// The service's reference to a floor: a floor the dialer has let go is not kept alive by its calls.
struct WeakFloor: @unchecked Sendable {
    weak var floor: SIPTelephony?

    init(_ floor: SIPTelephony) {
        self.floor = floor
    }
}
