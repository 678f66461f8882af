/// The present as pacing sees it: who is free, who is busy and for how long, which calls ring.
public struct FloorView: Sendable {
    public var now: Double
    /// Agents ready and waiting for a call.
    public var ready: Int
    /// Agents logged in and not on a break (ready, dialing, talking, after-call work, preparing).
    public var active: Int
    /// Agents ready or talking: VICIdial's count of agents, which leaves out those wrapping up.
    public var readyOrTalking: Int
    /// Seconds each talking agent has been talking.
    public var talkingFor: [Double]
    /// Seconds each agent in after-call work has been at it.
    public var wrappingUpFor: [Double]
    /// Seconds each unreserved ringing call has rung.
    public var ringingFor: [Double]
    /// Calls answered by a person and waiting for an agent.
    public var waiting: Int
    /// Calls not yet ended: ringing, waiting or bridged.
    public var inProgress: Int
    /// Today's abandon accounting for the project.
    public var today: AbandonTally

    public init(now: Double, ready: Int, active: Int, readyOrTalking: Int, talkingFor: [Double], wrappingUpFor: [Double],
                ringingFor: [Double], waiting: Int, inProgress: Int, today: AbandonTally) {
        self.now = now
        self.ready = ready
        self.active = active
        self.readyOrTalking = readyOrTalking
        self.talkingFor = talkingFor
        self.wrappingUpFor = wrappingUpFor
        self.ringingFor = ringingFor
        self.waiting = waiting
        self.inProgress = inProgress
        self.today = today
    }
}
