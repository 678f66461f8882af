import Foundation
import NIOPosix
import WaihuCore
import WaihuSIP

/// Calls set up through Kamailio: `callsPerSecond` new calls a second for `seconds`, each to a customer of
/// customers.xml who rings 1 s and answers; each answered call is hung up at once (its BYE follows the proxy's route
/// set). It prints how many calls a second were set up (answered), the INVITE → 200 time and Waihu's CPU.
func setupRun(callsPerSecond rate: Int, seconds: Int, round: Int) async throws {
    let base = 16060 + 100 * round
    let network = try customers(port: base)
    let proxy = try kamailio(port: base + 8, network: base)
    defer {
        kill(network.processIdentifier, SIGKILL)
        proxy.terminate()
    }
    try await Task.sleep(for: .milliseconds(500))
    let calls = rate * seconds
    let file: [String: Any] = ["listen": "127.0.0.1:0", "mediaAddress": "127.0.0.1", "rtpPorts": "20000-29999",
                               "trunk": ["address": "127.0.0.1:\(base + 8)"], "callerID": "4008001234"]
    let configuration = try SIPConfiguration.parse(JSONSerialization.data(withJSONObject: file))
    let service = try await SIPService.start(configuration, on: MultiThreadedEventLoopGroup.singleton, clock: { Date() }, rtpTimeout: 60)
    let (bells, bell) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    let epoch = Date()
    let floor = SIPTelephony(service: service, epoch: epoch, wake: { bell.yield() })
    // The dialer's side: hang up every answered call at once, and note when it was answered.
    let reacting = Task { () -> (answered: [Int: Double], failed: Int) in
        var answered: [Int: Double] = [:], failed = 0
        for await _ in bells {
            while let (time, event) = floor.popEvent() {
                switch event {
                case .answered(let call, _):
                    answered[call.value] = time
                    floor.hangUp(call, cause: .agent, at: time)
                case .failed: failed += 1
                default: break
                }
            }
            if answered.count + failed == calls { break }
        }
        return (answered, failed)
    }
    let cpu0 = cpuSeconds()
    var placed: [Double] = []
    for index in 0 ..< calls {
        let due = Double(index) / Double(rate)
        let now = Date().timeIntervalSince(epoch)
        if due > now { try await Task.sleep(for: .milliseconds(Int((due - now) * 1000))) }
        placed.append(Date().timeIntervalSince(epoch))
        floor.originate(OriginateRequest(call: CallID(index), number: "1\(String(format: "%07d", index))", project: "B", callerID: "B"), at: 0)
    }
    let timeout = Task {
        try await Task.sleep(for: .seconds(20))
        bell.yield()
    }
    let (answered, failed) = await reacting.value
    timeout.cancel()
    let cpu = cpuSeconds() - cpu0, wall = Date().timeIntervalSince(epoch)
    let setups = answered.map { call, time in time - placed[call] }
    let answers = answered.values.sorted()
    let span = (answers.last ?? 0) - (answers.first ?? 0)
    print("\(rate) calls/s offered for \(seconds) s through Kamailio: \(calls) placed in \(String(format: "%.2f", placed.last ?? 0)) s, "
          + "\(answered.count) answered, \(failed) failed")
    print(String(format: "  set up: %.1f calls/s (answers from the first to the last)", span > 0 ? Double(answers.count - 1) / span : 0))
    print("  INVITE → 200 OK (1 s of it the customer's ringing): p50 \(ms(percentile(setups, 0.5))), p99 \(ms(percentile(setups, 0.99))), "
          + "max \(ms(setups.max() ?? .nan))")
    print(String(format: "  Waihu used %.2f cores over the %.1f s", cpu / wall, wall))
    let closedBy = Date().addingTimeInterval(15)
    while Date() < closedBy, await service.load.calls + service.load.legs > 0 { try await Task.sleep(for: .milliseconds(100)) }
    let after = await service.load
    print("  afterwards: \(after.calls) calls, \(after.legs) media legs open")
    await service.stop()
}
