import Foundation
import NIOPosix
import WaihuCore
import WaihuSIP

/// One run: `calls` customers answered and bridged, held for `hold` seconds with media, then hung up.
func bridgeRun(calls: Int, hold: Double, round: Int) async throws {
    let base = 15060 + 100 * round
    let network = try customers(port: base)
    let phones = try start(["-sf", work.appendingPathComponent("agent-echo.xml").path, "-i", "127.0.0.1", "-p", "\(base + 10)",
                            "-mi", "127.0.0.1", "-mp", "\(base + 12)", "-cp", "\(base + 16)", "-rtp_echo"])
    defer {
        kill(network.processIdentifier, SIGKILL)
        kill(phones.processIdentifier, SIGKILL)
    }
    try await Task.sleep(for: .milliseconds(500))
    let agents = Dictionary(uniqueKeysWithValues: (0 ..< calls).map { ("b\($0)", "sip:b\($0)@127.0.0.1:\(base + 10)") })
    let file: [String: Any] = ["listen": "127.0.0.1:0", "mediaAddress": "127.0.0.1", "rtpPorts": "20000-\(20000 + 4 * calls + 100)",
                               "trunk": ["address": "127.0.0.1:\(base)"], "callerID": "4008001234", "agents": agents]
    let configuration = try SIPConfiguration.parse(JSONSerialization.data(withJSONObject: file))
    let service = try await SIPService.start(configuration, on: MultiThreadedEventLoopGroup.singleton, clock: { Date() }, rtpTimeout: 60)
    let (bells, bell) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    let floor = SIPTelephony(service: service, epoch: Date(), wake: { bell.yield() })
    for seat in 0 ..< calls { floor.seat(seat, agent: "b\(seat)", at: 0) }
    let upBy = Date().addingTimeInterval(30)
    while Date() < upBy {
        var up = 0
        for seat in 0 ..< calls where await service.phone("b\(seat)").status == .up { up += 1 }
        if up == calls { break }
        try await Task.sleep(for: .milliseconds(100))
    }
    // The dialer: each answered call to the next free seat, at once.
    let reacting = Task { () -> (answered: Int, failed: Int) in
        var free = Array(0 ..< calls), answered = 0, failed = 0
        for await _ in bells {
            while let (_, event) = floor.popEvent() {
                switch event {
                case .answered(let call, _):
                    answered += 1
                    floor.bridge(call, toAgent: free.removeFirst(), at: 0)
                case .failed: failed += 1
                default: break
                }
            }
            if answered + failed == calls { break }
        }
        return (answered, failed)
    }
    // 20 calls a second, as a predictive floor of this size would place them.
    for index in 0 ..< calls {
        floor.originate(OriginateRequest(call: CallID(index), number: "1\(String(format: "%06d", index))", project: "B", callerID: "B"), at: 0)
        try await Task.sleep(for: .milliseconds(50))
    }
    let (answered, failed) = await reacting.value
    try await Task.sleep(for: .seconds(1))
    let cpu0 = cpuSeconds(), wall0 = Date(), packets0 = await service.relayedPackets
    try await Task.sleep(for: .seconds(hold))
    let cpu = cpuSeconds() - cpu0, wall = Date().timeIntervalSince(wall0), packets = await service.relayedPackets - packets0
    let latencies = await service.bridgeLatencies
    let load = await service.load
    print("\(calls) calls: \(answered) answered, \(failed) failed; \(latencies.count) bridged; legs open \(load.legs)")
    print("  bridge latency (200 OK → relay connected): p50 \(ms(percentile(latencies, 0.5))), p99 \(ms(percentile(latencies, 0.99))), "
          + "max \(ms(latencies.max() ?? .nan))")
    print(String(format: "  with %d calls bridged, %.0f packets/s relayed (%.0f a call; 100 expected: the tone one way, the echo back)",
                 latencies.count, Double(packets) / wall, Double(packets) / wall / Double(max(1, latencies.count))))
    print(String(format: "  Waihu used %.2f cores (user + system): %.2f%% of a core a call", cpu / wall, 100 * cpu / wall / Double(max(1, latencies.count))))
    for index in 0 ..< calls { floor.hangUp(CallID(index), cause: .agent, at: 0) }
    for seat in 0 ..< calls { floor.seat(seat, agent: nil, at: 0) }
    let closedBy = Date().addingTimeInterval(15)
    while Date() < closedBy, await service.load.legs > 0 { try await Task.sleep(for: .milliseconds(100)) }
    let after = await service.load
    print("  after hanging up: \(after.calls) calls, \(after.legs) media legs open")
    await service.stop()
}

