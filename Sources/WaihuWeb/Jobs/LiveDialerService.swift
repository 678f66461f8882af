import Fluent
import Foundation
import Logging
import ServiceLifecycle
import WaihuApp
import WaihuCore
import WaihuStore

/// Dials for the projects (SPEC.md §4), every second, through the same dialer as `waihu simulate`: in
/// progressive and predictive mode as pacing decides, in preview mode the calls agents ask for on the
/// desk. Each project is dialled by one `waihu serve` process at a time: the one holding its lease in
/// the store (DESIGN rule 4). A change of dial mode takes effect at the next beat (calls in flight run on). A project
/// that leaves those modes, or starts closing, stops placing calls; its calls in flight run to their end.
struct LiveDialerService: Service {
    var database: @Sendable () -> any Database
    var logger: Logger
    var clock: @Sendable () -> Date
    var holder = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    var interval: Duration = .seconds(1)
    var network = NetworkProfile()
    /// A ready agent whose desk has not polled for this long gets no call (`DeskPresence`).
    var deskTimeout = DeskPresence.defaultTimeout
    /// The SIP trunk's floors; nil for the simulated network.
    var makeNetwork: FloorNetworkMaker?
    /// Rung for the agents whose desks a step changed.
    var deskBells = DeskBells()
    /// Rung by a real network when a call's event arrives: the floors step at once instead of at the next beat, so an
    /// answered customer is bridged within milliseconds (the abandon rule counts 2 s).
    let bell = FloorBell()

    static let dialled: Set<DialMode> = [.preview, .progressive, .predictive]

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            var floors: [UUID: LiveFloor] = [:]
            while !Task.isCancelled {
                do {
                    try await step(&floors)
                } catch {
                    logger.error("dialer step failed: \(error)")
                }
                if makeNetwork == nil { try await Task.sleep(for: interval) } else { await bell.wait(atMost: interval) }
            }
        }
    }

    static let leaseSeconds: TimeInterval = 8

    /// One beat for every project this process dials or should dial.
    func step(_ floors: inout [UUID: LiveFloor]) async throws {
        let db = database(), now = clock()
        let projects = try await ProjectQueries.projects(in: .organisation, on: db)
        for record in projects {
            guard let id = record.project.id else { continue }
            let wanted = Self.dialled.contains(record.project.dialMode) && record.project.status.handsOutLeads
            guard wanted || floors[id] != nil else { continue }
            // Nothing to dial before an agent logs in: no floor, no lease, no write.
            if floors[id] == nil, try await AgentStateQueries.present(project: id, on: db).isEmpty { continue }
            // The lease lasts 8 s and is renewed when under 5 s are left: a dead holder's projects are taken over within
            // 8 s and a beat (a 10 s lease measured 10.7 s under the floor load, killed just after a renewal).
            if floors[id].map({ $0.leasedUntil.timeIntervalSince(now) < 5 }) ?? true {
                let until = now.addingTimeInterval(Self.leaseSeconds)
                guard try await DialerLeaseQueries.claim(project: id, holder: holder, until: until, at: now, on: db) else {
                    floors[id] = nil
                    continue
                }
                floors[id]?.leasedUntil = until
            }
            var floor: LiveFloor
            if var existing = floors[id] {
                // A supervisor's change of dial mode reaches the running floor at its next step.
                if wanted, existing.dialer.mode != record.project.dialMode {
                    existing.dialer.change(mode: record.project.dialMode)
                    logger.info("dial mode changed", metadata: ["project": "\(record.project.code)", "mode": "\(record.project.dialMode.rawValue)"])
                }
                floor = existing
            } else {
                let mode = record.project.dialMode
                let dayStart = LocalTime.startOfDay(now, in: record.zone)
                let today = try await AttemptQueries.abandonTally(project: id, from: dayStart, to: now.addingTimeInterval(1), on: db)
                floor = try LiveFloor(project: record, mode: mode, at: now, today: today, network: network, makeNetwork: makeNetwork,
                                      wake: { [bell] in bell.ring() })
                floor.leasedUntil = now.addingTimeInterval(Self.leaseSeconds)
                logger.info("dialling", metadata: ["project": "\(record.project.code)", "mode": "\(mode.rawValue)"])
            }
            try await floor.step(record, at: now, closing: !wanted, deskTimeout: deskTimeout, on: db)
            if !floor.touched.isEmpty {
                deskBells.ring(floor.touched)
                floor.touched = []
            }
            if !wanted, floor.dialer.callsInProgress == 0 {
                floors[id] = nil
                try await DialerLeaseQueries.release(project: id, holder: holder, on: db)
            } else {
                floors[id] = floor
            }
        }
    }
}

/// A bell the network rings when something happened to a call: the dialer's loop, waiting for its next beat, wakes at
/// once. A ring while no one waits is kept for the next wait.
final class FloorBell: @unchecked Sendable {
    let lock = NSLock()
    var rung = false
    var waiter: (generation: Int, continuation: CheckedContinuation<Void, Never>)?
    var generation = 0

    func ring() {
        let waiting = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            guard let waiter else {
                rung = true
                return nil
            }
            self.waiter = nil
            return waiter.continuation
        }
        waiting?.resume()
    }

    /// Returns after `interval`, or as soon as the bell rings.
    func wait(atMost interval: Duration) async {
        await withCheckedContinuation { continuation in
            let generation = lock.withLock { () -> Int? in
                if rung {
                    rung = false
                    return nil
                }
                self.generation += 1
                waiter = (self.generation, continuation)
                return self.generation
            }
            guard let generation else { return continuation.resume() }
            Task {
                try? await Task.sleep(for: interval)
                let late = self.lock.withLock { () -> CheckedContinuation<Void, Never>? in
                    guard let waiter = self.waiter, waiter.generation == generation else { return nil }
                    self.waiter = nil
                    return waiter.continuation
                }
                late?.resume()
            }
        }
    }
}
