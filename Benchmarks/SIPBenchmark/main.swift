import Foundation
import NIOPosix
import WaihuCore
import WaihuSIP

// Issue 20's figures: the bridge latency (the customer's 200 OK to the relay connecting the agent) with 100 calls in
// flight, and how many bridged calls with media two cores carry, with the relay's CPU per call.
//
//   swift run -c release SIPBenchmark [calls-in-flight …]      (default: 100 200)
//
// It starts its own peers on 127.0.0.1: SIPp as the customers' network (scripts/sip/customers.xml: numbers starting
// with 1 ring 1 s, answer and stream a 1 kHz tone until Waihu's BYE) and SIPp as every agent's phone, answering at
// once and echoing the media it gets (so each bridged call carries four 50-packet/s streams through the relay). The
// "dialer" here bridges each answered call to a free agent as soon as the floor is woken, like `waihu serve`'s floor
// without its database step.

let sizes = CommandLine.arguments.dropFirst().compactMap(Int.init)
let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/sip").standardized
let work = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-sip-benchmark")
try? FileManager.default.removeItem(at: work)
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)

/// An 8 kHz A-law WAV of a 1 kHz sine for SIPp's rtp_stream.
func tone() -> Data {
    let count = 16000
    let samples = (0 ..< count).map { G711.aLaw(Int16(8000 * sin(2 * Double.pi * 1000 * Double($0) / 8000))) }
    func le(_ value: Int, _ bytes: Int) -> [UInt8] { (0 ..< bytes).map { UInt8(value >> (8 * $0) & 0xFF) } }
    return Data(Array("RIFF".utf8) + le(36 + count, 4) + Array("WAVEfmt ".utf8) + le(16, 4) + le(6, 2) + le(1, 2) + le(8000, 4)
                + le(8000, 4) + le(1, 2) + le(8, 2) + Array("data".utf8) + le(count, 4) + samples)
}

try tone().write(to: work.appendingPathComponent("tone.wav"))
let agentScenario = try String(contentsOf: scripts.appendingPathComponent("agent.xml"), encoding: .utf8)
    .replacingOccurrences(of: "[agent_rtp]", with: "[media_port]")
try agentScenario.write(to: work.appendingPathComponent("agent-echo.xml"), atomically: true, encoding: .utf8)

func start(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sipp")
    process.arguments = arguments + ["-nostdin", "-nd", "-max_socket", "4096"]
    process.currentDirectoryURL = work
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}

func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }

/// One run: `calls` customers answered and bridged, held for `hold` seconds with media, then hung up.
func run(calls: Int, hold: Double, round: Int) async throws {
    let base = 15060 + 100 * round
    let customers = try start(["-sf", scripts.appendingPathComponent("customers.xml").path, "-i", "127.0.0.1", "-p", "\(base)",
                               "-mi", "127.0.0.1", "-mp", "\(base + 2)", "-cp", "\(base + 6)"])
    let phones = try start(["-sf", work.appendingPathComponent("agent-echo.xml").path, "-i", "127.0.0.1", "-p", "\(base + 10)",
                            "-mi", "127.0.0.1", "-mp", "\(base + 12)", "-cp", "\(base + 16)", "-rtp_echo"])
    defer {
        kill(customers.processIdentifier, SIGKILL)
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

for (round, calls) in (sizes.isEmpty ? [100, 200] : sizes).enumerated() {
    try await run(calls: calls, hold: 10, round: round)
}
