import Foundation

/// A sampling plan (抽检): which connected calls of a period inspectors review. Per agent a number of calls, or a
/// share of the agent's connected calls with a floor (default max(5, 1%) per agent — our choice: the seeds give no
/// rate and call one or two recordings a month the problem, RULES SM-01); only calls talked at least `minimumTalk`
/// seconds and, if given, of some results. Seeded and reproducible: the same plan, seed and calls choose the same
/// calls, whatever order they come in; flagged calls (forbidden-phrase hits, complaints) first.
public struct SamplingPlan: Sendable, Equatable {
    public enum Amount: Sendable, Equatable {
        case perAgent(Int)
        case share(Double, minimum: Int)
    }

    public var amount: Amount
    public var minimumTalk: Int
    public var dispositions: Set<String>?
    public var seed: UInt64

    public static let defaultAmount = Amount.share(0.01, minimum: 5)

    public init(amount: Amount = defaultAmount, minimumTalk: Int = 0, dispositions: Set<String>? = nil, seed: UInt64) throws(DomainError) {
        switch amount {
        case .perAgent(let count) where !(1 ... 1_000).contains(count):
            throw DomainError.invalidField("per_agent", zh: "每名坐席抽检数须为 1–1000", en: "calls per agent are 1–1,000")
        case .share(let share, let minimum) where !(share > 0 && share <= 1) || !(0 ... 1_000).contains(minimum):
            throw DomainError.invalidField("share", zh: "抽检比例须大于 0 且不超过 1", en: "the share is above 0 and at most 1")
        default: break
        }
        guard (0 ... 36_000).contains(minimumTalk) else {
            throw DomainError.invalidField("min_talk", zh: "最短通话时长须为 0–36000 秒", en: "the minimum talk is 0–36,000 s")
        }
        self.amount = amount
        self.minimumTalk = minimumTalk
        self.dispositions = dispositions
        self.seed = seed
    }

    /// A call that may be sampled: its agent, its talk time and result, whether something flagged it.
    public struct Candidate: Sendable, Equatable {
        public var attempt: UUID
        public var agent: String
        public var talkSeconds: Int
        public var disposition: String?
        public var flagged: Bool

        public init(attempt: UUID, agent: String, talkSeconds: Int, disposition: String?, flagged: Bool = false) {
            self.attempt = attempt
            self.agent = agent
            self.talkSeconds = talkSeconds
            self.disposition = disposition
            self.flagged = flagged
        }
    }

    /// The calls chosen, agent by agent (in agent order), each agent's flagged first then in the seed's order.
    /// Calls sampled before must be left out by the caller: no attempt is sampled twice.
    public func choose(_ candidates: [Candidate]) -> [Candidate] {
        // Per agent: how many calls connected (the share's base), and the place of each call that passes the filters —
        // flagged first (the top bit clear), then the seed's rank; the id breaks a tie, so the input order never matters.
        var agents: [String: Int] = [:]
        var connected: [Int] = [], places: [[(place: UInt64, index: Int)]] = []
        for (index, call) in candidates.enumerated() where call.talkSeconds > 0 {
            let agent: Int
            if let known = agents[call.agent] {
                agent = known
            } else {
                agent = connected.count
                agents[call.agent] = agent
                connected.append(0)
                places.append([])
            }
            connected[agent] += 1
            guard call.talkSeconds >= minimumTalk, dispositions.map({ set in call.disposition.map(set.contains) ?? false }) ?? true else { continue }
            places[agent].append(((call.flagged ? 0 : 1 << 63) | rank(call.attempt) >> 1, index))
        }
        var chosen: [Candidate] = []
        for (_, agent) in agents.sorted(by: { $0.key < $1.key }) {
            let wanted: Int
            switch amount {
            case .perAgent(let count): wanted = count
            case .share(let share, let minimum): wanted = max(minimum, Int((share * Double(connected[agent])).rounded(.up)))
            }
            let first = Self.smallest(wanted, of: places[agent]) { $0.place != $1.place ? $0.place < $1.place
                : Self.halves(candidates[$0.index].attempt) < Self.halves(candidates[$1.index].attempt) }
            chosen += first.map { candidates[$0.index] }
        }
        return chosen
    }

    /// The `count` first of `items` in the order `less` (a strict total order), in that order: one pass keeping the
    /// best so far, so that a few dozen calls chosen from an agent's thousands cost about a comparison each, not a sort.
    static func smallest<Item>(_ count: Int, of items: [Item], by less: (Item, Item) -> Bool) -> [Item] {
        guard count < items.count else { return items.sorted(by: less) }
        guard count > 0 else { return [] }
        var best: [Item] = []
        best.reserveCapacity(count)
        for item in items {
            if best.count == count {
                guard less(item, best[count - 1]) else { continue }
                best.removeLast()
            }
            var low = 0, high = best.count
            while low < high {
                let middle = (low + high) / 2
                if less(item, best[middle]) { high = middle } else { low = middle + 1 }
            }
            best.insert(item, at: low)
        }
        return best
    }

    static func halves(_ id: UUID) -> (UInt64, UInt64) {
        withUnsafeBytes(of: id.uuid) { bytes in
            var high: UInt64 = 0, low: UInt64 = 0
            for index in 0 ..< 8 { high = high << 8 | UInt64(bytes[index]) }
            for index in 8 ..< 16 { low = low << 8 | UInt64(bytes[index]) }
            return (high, low)
        }
    }

    /// The seed's order of a call: SplitMix64's finaliser over the seed and the two halves of the call's id, the same
    /// on every machine.
    func rank(_ attempt: UUID) -> UInt64 {
        let (high, low) = Self.halves(attempt)
        return Self.mix((Self.mix((seed &+ 0x9E37_79B9_7F4A_7C15) ^ high) &+ 0x9E37_79B9_7F4A_7C15) ^ low)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` of the calls in the seed's order, the same calls for the same seed: a calibration session's, or a
    /// monthly check's.
    public static func pick(_ attempts: [UUID], count: Int, seed: UInt64) -> [UUID] {
        let plan = try! SamplingPlan(amount: .perAgent(1), seed: seed)
        return attempts.map { ($0, plan.rank($0)) }.sorted { ($0.1, $0.0.uuidString) < ($1.1, $1.0.uuidString) }.prefix(max(count, 0)).map(\.0)
    }

    /// The chosen calls spread over the inspectors in turn, so that each gets as many as the next, one more at most.
    public static func assign<Inspector>(_ chosen: [Candidate], to inspectors: [Inspector]) -> [(Candidate, Inspector)] {
        guard !inspectors.isEmpty else { return [] }
        return chosen.enumerated().map { ($0.element, inspectors[$0.offset % inspectors.count]) }
    }
}
