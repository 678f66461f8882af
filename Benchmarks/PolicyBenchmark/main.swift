import Foundation
import WaihuCore

/// Contact-policy benchmark (issue: contact policy): in-process decisions per second on one core
/// over realistic histories. usage: PolicyBenchmark [customers] [decisions]
let customers = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 10_000 : 10_000
let decisions = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 2_000_000 : 2_000_000

var random = SeededRandom(seed: 2026)
let zone = TimeZone(identifier: "Asia/Shanghai")!
let now = ISO8601DateFormatter().date(from: "2026-11-25T02:30:00Z")!
let products = ["宽带", "5G套餐", "宽带提速", "家庭融合"]
// A customer of an outbound center: mostly a few calls in the last year and a half, some heavily
// called, one in fifty on the do-not-call list.
let histories: [ContactHistory] = (0..<customers).map { _ in
    let count = Int.random(in: 0..<10, using: &random) == 0 ? Int.random(in: 10...40, using: &random) : Int.random(in: 0...6, using: &random)
    let calls = (0..<count).map { _ in
        PastCall(at: now.addingTimeInterval(-Double.random(in: 3600...(540 * 86_400), using: &random)),
                 connected: Double.random(in: 0..<1, using: &random) < 0.4,
                 product: products.randomElement(using: &random), refused: Double.random(in: 0..<1, using: &random) < 0.15)
    }
    let listings = Int.random(in: 0..<50, using: &random) == 0 ? [DoNotCallListing(reason: .refusedCalls)] : []
    return ContactHistory(calls: calls, listings: listings)
}
let rules = ContactRules()
let calls = histories.reduce(0) { $0 + $1.calls.count }
print("customers \(customers), calls in their histories \(calls) (mean \(String(format: "%.1f", Double(calls) / Double(customers))))")

var allowed = 0
var withNext = 0
let clock = ContinuousClock()
let elapsed = clock.measure {
    for index in 0..<decisions {
        let decision = ContactPolicy.decide(histories[index % customers], rules: rules, product: products[index & 3],
                                            at: now.addingTimeInterval(Double(index % 3600)), zone: zone)
        if decision.allowed { allowed += 1 }
        if decision.nextAllowedAt != nil { withNext += 1 }
    }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(String(format: "%d decisions in %.2f s on one thread = %.0f decisions/s (%.2f µs each); allowed %.1f%%",
             decisions, seconds, Double(decisions) / seconds, seconds / Double(decisions) * 1e6,
             Double(allowed) / Double(decisions) * 100))
