import Foundation
import NIOPosix
import WaihuCore
import WaihuSIP

// Issue 20's figures: the bridge latency (the customer's 200 OK to the relay connecting the agent) with 100 calls in
// flight, and how many bridged calls with media two cores carry, with the relay's CPU per call.
//
//   swift run -c release SIPBenchmark [calls-in-flight …]      (default: 100 200)
//   swift run -c release SIPBenchmark setup [calls-a-second …]  (default: 50 100 200)
//
// It starts its own peers on 127.0.0.1: SIPp as the customers' network (scripts/sip/customers.xml: numbers starting
// with 1 ring 1 s, answer and stream a 1 kHz tone until Waihu's BYE) and SIPp as every agent's phone, answering at
// once and echoing the media it gets (so each bridged call carries four 50-packet/s streams through the relay). The
// "dialer" here bridges each answered call to a free agent as soon as the floor is woken, like `waihu serve`'s floor
// without its database step.

try prepareFolder()
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "setup" {
    let rates = arguments.dropFirst().compactMap(Int.init)
    for (round, rate) in (rates.isEmpty ? [50, 100, 200] : rates).enumerated() {
        try await setupRun(callsPerSecond: rate, seconds: 10, round: round)
    }
} else {
    let sizes = arguments.compactMap(Int.init)
    for (round, calls) in (sizes.isEmpty ? [100, 200] : sizes).enumerated() {
        try await bridgeRun(calls: calls, hold: 10, round: round)
    }
}
