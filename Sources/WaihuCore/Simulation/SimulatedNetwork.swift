/// The simulated telephone network, on a virtual clock and a seeded random source. On each dial
/// it draws what happens — a person or a machine answers after some ringing, busy, vacant,
/// suspended, powered off, a network failure, or ringing until the dialer gives up — and keeps
/// the resulting events in time order for its host to deliver. A bridged person talks for a
/// log-normal time; an answered person left in silence hangs up when their patience runs out.
public struct SimulatedNetwork: FloorNetwork, Sendable {
    public let profile: NetworkProfile
    private var random: SeededRandom
    private var events = EventQueue<(call: CallID, token: Int, event: TelephonyEvent)>()
    /// The current token of every call still up; an event whose token differs is stale.
    private var live: [CallID: Int] = [:]
    private var busyByHour: [Int: Double] = [:]

    public init(profile: NetworkProfile, seed: UInt64) {
        self.profile = profile
        random = SeededRandom(seed: seed)
    }

    public var nextEventTime: Double? {
        mutating get {
            dropStale()
            return events.nextTime
        }
    }

    /// The next event that still applies, in time order.
    public mutating func popEvent() -> (time: Double, event: TelephonyEvent)? {
        dropStale()
        guard let (time, entry) = events.pop() else { return nil }
        switch entry.event {
        case .failed, .hungUp: live[entry.call] = nil
        case .ringing, .answered: break
        }
        return (time, entry.event)
    }

    public mutating func originate(_ request: OriginateRequest, at time: Double) {
        live[request.call] = 0
        let hour = max(0, Int(time / 3_600))
        let person = profile.answerRate(hourOfDay: hour)
        let busy = busyRate(hour: hour)
        let others = [(CallFailure.vacant, profile.vacantRate), (.suspended, profile.suspendedRate), (.powered_off, profile.poweredOffRate),
                      (.failed, profile.failedRate), (.busy, busy)]
        // The rest of the draw is shared by the other outcomes, scaled down when they would not fit.
        let scale = min(1, (1 - person) / (others.reduce(profile.machineRate) { $0 + $1.1 } + 1e-12))
        var u = random.unit()
        if u < person {
            schedule(request.call, .answered(request.call, by: .person), at: time + answerDelay())
            return
        }
        u -= person
        if u < profile.machineRate * scale {
            schedule(request.call, .answered(request.call, by: .machine), at: time + answerDelay())
            return
        }
        u -= profile.machineRate * scale
        for (failure, share) in others {
            if u < share * scale {
                let delay = failure == .busy ? random.uniform(2 ... 5) : random.uniform(1 ... 4)
                schedule(request.call, .failed(request.call, failure), at: time + delay)
                return
            }
            u -= share * scale
        }
        // Nobody answers: it rings until the dialer declares no answer.
    }

    public mutating func bridge(_ call: CallID, toAgent agent: Int, at time: Double) {
        guard let token = live[call] else { return }
        live[call] = token + 1
        let talk = max(5, random.logNormal(mean: profile.talkMean, sigma: profile.talkSigma))
        events.push((call, token + 1, .hungUp(call)), at: time + talk)
    }

    public mutating func hangUp(_ call: CallID, cause: HangUpCause, at time: Double) {
        live[call] = nil
    }

    private mutating func schedule(_ call: CallID, _ event: TelephonyEvent, at time: Double) {
        events.push((call, 0, event), at: time)
        if case .answered(_, by: .person) = event {
            // Left unbridged, the person hangs up when their patience runs out.
            let patience = random.logNormal(median: profile.patienceMedian, sigma: profile.patienceSigma)
            events.push((call, 0, .hungUp(call)), at: time + patience)
        }
    }

    private mutating func answerDelay() -> Double {
        min(max(random.logNormal(median: profile.answerMedian, sigma: profile.answerSigma), 2), 29)
    }

    private mutating func busyRate(hour: Int) -> Double {
        if let rate = busyByHour[hour] { return rate }
        let rate = random.uniform(profile.busyRange)
        busyByHour[hour] = rate
        return rate
    }

    private mutating func dropStale() {
        while let entry = events.next, live[entry.call] != entry.token {
            _ = events.pop()
        }
    }
}
