import Foundation
import Testing
@testable import WaihuCore

/// Erlang C against published worked examples, and Erlang A against its Erlang C limit and a seeded
/// simulation of the same queue (an independent route).
@Suite struct StaffingTests {
    /// Call Centre Helper's worked example: 100 calls in 30 minutes, 180 s handle time, 80 % within 20 s:
    /// 14 agents, 88.8 % answered within 20 s, ASA 7.8 s; with 11 agents 68.21 % of callers wait.
    @Test func erlangCReproducesThePublishedExample() throws {
        let request = StaffingRequest(calls: 100, intervalMinutes: 30, ahtSeconds: 180, targetServiceLevel: 0.8, withinSeconds: 20)
        let result = try Staffing.erlang(request)
        #expect(result.agents == 14 && result.offeredLoad == 10)
        #expect(abs(result.serviceLevel - 0.888) < 0.0005 && abs(result.asaSeconds - 7.8) < 0.05 && abs(result.occupancy - 10.0 / 14) < 1e-9)
        var eleven = request
        eleven.agents = 11
        #expect(abs(try Staffing.erlang(eleven).waitProbability - 0.6821) < 0.00005)
        // The textbook walk-through: 360 calls per half hour of 4 minutes on 55 agents: 48 Erlangs, 87.3 % occupancy.
        let textbook = try Staffing.erlang(StaffingRequest(calls: 360, intervalMinutes: 30, ahtSeconds: 240, targetServiceLevel: 0.8,
                                                           withinSeconds: 15, agents: 55))
        #expect(textbook.offeredLoad == 48 && abs(textbook.occupancy - 0.8727) < 0.0001)
        #expect(abs(textbook.waitProbability - Self.erlangCByFactorials(load: 48, agents: 55)) < 1e-9)
    }

    @Test func shrinkageAndOccupancyRaiseTheHeadcount() throws {
        let base = StaffingRequest(calls: 100, intervalMinutes: 30, ahtSeconds: 180, targetServiceLevel: 0.8, withinSeconds: 20, shrinkage: 0.3)
        #expect(try Staffing.erlang(base).scheduled == 20)  // ⌈14 ÷ 0.7⌉
        var capped = base
        capped.maxOccupancy = 0.6
        #expect(try Staffing.erlang(capped).agents == 17)   // 10 ÷ 17 = 0.588 ≤ 0.6 < 10 ÷ 16
    }

    @Test func erlangAWithEndlessPatienceIsErlangC() throws {
        var request = StaffingRequest(calls: 100, intervalMinutes: 30, ahtSeconds: 180, targetServiceLevel: 0.8, withinSeconds: 20, agents: 14)
        let c = try Staffing.erlang(request)
        // A day's patience (the longest taken) against three-minute calls: hardly anyone hangs up.
        request.patienceSeconds = 86_400
        let a = try Staffing.erlang(request)
        #expect(abs(a.waitProbability - c.waitProbability) < 1e-3 && abs(a.serviceLevel - c.serviceLevel) < 1e-3)
        #expect(abs(a.asaSeconds - c.asaSeconds) < 0.5 && a.abandonProbability! < 1e-3)
    }

    @Test func erlangAAgreesWithASimulationOfTheQueue() throws {
        // 12 Erlangs on 12 agents: Erlang C has no steady state; callers with 60 s patience keep it finite.
        let request = StaffingRequest(calls: 240, intervalMinutes: 30, ahtSeconds: 90, targetServiceLevel: 0.8, withinSeconds: 20,
                                      patienceSeconds: 60, agents: 12)
        let model = try Staffing.erlang(request)
        let simulated = Self.simulate(arrivalRate: request.arrivalRate, aht: 90, patience: 60, agents: 12, within: 20, callers: 150_000)
        #expect(abs(model.waitProbability - simulated.waited) < 0.01)
        #expect(abs(model.abandonProbability! - simulated.abandoned) < 0.01)
        #expect(abs(model.serviceLevel - simulated.answeredWithin) < 0.01)
        #expect(abs(model.asaSeconds - simulated.meanWait) < 0.6)
    }

    /// pyworkforce's published Erlang A example (its user guide, "Erlang A (abandonment)"): 100 calls in 30 minutes, 3-minute
    /// handle time, 5-minute mean patience, 80 % within 20 s, occupancy at most 85 %, shrinkage 30 %: 13 raw positions, 19
    /// scheduled, service level 0.858…, occupancy 0.750…, abandonment 0.025…, waiting 0.226…, ASA 0.125… minutes.
    @Test func erlangAReproducesThePublishedExample() throws {
        let result = try Staffing.erlang(StaffingRequest(calls: 100, intervalMinutes: 30, ahtSeconds: 180, targetServiceLevel: 0.8, withinSeconds: 20,
                                                         maxOccupancy: 0.85, shrinkage: 0.3, patienceSeconds: 300))
        #expect(result.model == "erlang_a" && result.agents == 13 && result.scheduled == 19)
        #expect(abs(result.serviceLevel - 0.858) < 0.001 && abs(result.occupancy - 0.750) < 0.001)
        #expect(abs(result.abandonProbability! - 0.025) < 0.001 && abs(result.waitProbability - 0.226) < 0.001)
        #expect(abs(result.asaSeconds / 60 - 0.125) < 0.001)
    }

    /// Outbound seats by hand: 12,000 leads × 2.5 attempts = 30,000 calls; a seat makes 40 × 7 × 10 = 2,800 in ten 7-hour days:
    /// ⌈10.71⌉ = 11 seats, ⌈11 ÷ 0.7⌉ = 16 scheduled. 300 orders at 0.3 × 0.35 × 0.2 = 0.021 orders a call: 14,285.7 calls,
    /// ⌈5.10⌉ = 6 seats, ⌈6 ÷ 0.7⌉ = 9 scheduled; exactly 2,800 calls take exactly one seat.
    @Test func outboundSeatsFollowTheListOrTheTarget() throws {
        let list = try OutboundStaffing.listDriven(leads: 12_000, attemptsPerLead: 2.5, callsPerSeatHour: 40, hoursPerDay: 7, days: 10, shrinkage: 0.3)
        #expect(list.calls == 30_000 && list.seats == 11 && list.scheduled == 16)
        let target = try OutboundStaffing.targetDriven(orders: 300, callsPerSeatHour: 40, hoursPerDay: 7, days: 10, connectRate: 0.3,
                                                       effectiveConversationRate: 0.35, closeRate: 0.2, shrinkage: 0.3)
        #expect(abs(target.calls - 300 / 0.021) < 1e-6 && target.seats == 6 && target.scheduled == 9)
        #expect(try OutboundStaffing.listDriven(leads: 1_120, attemptsPerLead: 2.5, callsPerSeatHour: 40, hoursPerDay: 7, days: 10, shrinkage: 0).seats == 1)
        #expect(throws: DomainError.self) { try OutboundStaffing.listDriven(leads: -1, attemptsPerLead: 2, callsPerSeatHour: 40, hoursPerDay: 7, days: 10, shrinkage: 0) }
        #expect(throws: DomainError.self) { try OutboundStaffing.listDriven(leads: 10, attemptsPerLead: 2, callsPerSeatHour: 0, hoursPerDay: 7, days: 10, shrinkage: 0) }
        #expect(throws: DomainError.self) { try OutboundStaffing.listDriven(leads: 10, attemptsPerLead: 2, callsPerSeatHour: 40, hoursPerDay: 7, days: 10, shrinkage: 1) }
        #expect(throws: DomainError.self) {
            try OutboundStaffing.targetDriven(orders: 10, callsPerSeatHour: 40, hoursPerDay: 7, days: 10, connectRate: 0, effectiveConversationRate: 0.3,
                                              closeRate: 0.2, shrinkage: 0)
        }
    }

    @Test func inputsThatMakeNoQueueAreRefused() {
        let ok = StaffingRequest(calls: 100, intervalMinutes: 30, ahtSeconds: 180, targetServiceLevel: 0.8, withinSeconds: 20)
        var overloaded = ok
        overloaded.agents = 10  // 10 Erlangs on 10 agents
        #expect(throws: DomainError.self) { try Staffing.erlang(overloaded) }
        var negative = ok
        negative.ahtSeconds = -5
        #expect(throws: DomainError.self) { try Staffing.erlang(negative) }
        var within = ok
        within.withinSeconds = -1
        #expect(throws: DomainError.self) { try Staffing.erlang(within) }
        var target = ok
        target.targetServiceLevel = 80
        #expect(throws: DomainError.self) { try Staffing.erlang(target) }
        // Figures beyond any queue are refused before anything is computed (a fuzzer found them crashing the server).
        for broken in [StaffingRequest(calls: 2.8e16, intervalMinutes: 30, ahtSeconds: 180, targetServiceLevel: 0.8, withinSeconds: 20),
                       StaffingRequest(calls: 100, intervalMinutes: 30, ahtSeconds: 1e-178, targetServiceLevel: 0.8, withinSeconds: 20),
                       StaffingRequest(calls: 100, intervalMinutes: 30, ahtSeconds: 180, targetServiceLevel: 0.8, withinSeconds: 1e300),
                       StaffingRequest(calls: 100, intervalMinutes: 30, ahtSeconds: 180, targetServiceLevel: 0.8, withinSeconds: 20, agents: 1_000_000),
                       StaffingRequest(calls: .nan, intervalMinutes: 30, ahtSeconds: 180, targetServiceLevel: 0.8, withinSeconds: 20)] {
            #expect(throws: DomainError.self) { try Staffing.erlang(broken) }
        }
    }

    /// Erlang C straight from its definition with factorials (the textbook's route, not the B recursion).
    static func erlangCByFactorials(load a: Double, agents n: Int) -> Double {
        var term = 1.0, sum = 0.0
        for k in 0 ..< n {
            sum += term
            term *= a / Double(k + 1)
        }
        let top = term * Double(n) / (Double(n) - a)
        return top / (sum + top)
    }

    /// A first-come-first-served queue with `agents` servers and callers who leave after an exponential patience.
    static func simulate(arrivalRate: Double, aht: Double, patience: Double, agents: Int, within: Double, callers: Int)
        -> (waited: Double, abandoned: Double, answeredWithin: Double, meanWait: Double) {
        var random = SeededRandom(seed: 19)
        func exponential(_ mean: Double) -> Double { -mean * log(1 - Double.random(in: 0 ..< 1, using: &random)) }
        var free = [Double](repeating: 0, count: agents)  // when each agent is next free
        var clock = 0.0, waited = 0, abandoned = 0, within20 = 0, totalWait = 0.0
        for _ in 0 ..< callers {
            clock += exponential(1 / arrivalRate)
            let patienceOf = exponential(patience)
            // FIFO with reneging: the earliest free agent serves this caller unless the caller gives up first.
            let index = free.indices.min { free[$0] < free[$1] }!
            let start = max(clock, free[index])
            let wait = start - clock
            if wait > 0 { waited += 1 }
            if wait > patienceOf {
                abandoned += 1
                totalWait += patienceOf
                continue
            }
            totalWait += wait
            if wait <= within { within20 += 1 }
            free[index] = start + exponential(aht)
        }
        let n = Double(callers)
        return (Double(waited) / n, Double(abandoned) / n, Double(within20) / n, totalWait / n)
    }
}
