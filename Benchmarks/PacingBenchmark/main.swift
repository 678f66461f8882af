import Foundation
import WaihuCore

// Pacing benchmark: simulated 8-hour days for agents × answer rate × mode, several seeds, talk mean
// 180 s, after-call work 30 s. Prints occupancy and abandon rate per cell, checks the targets of
// the dialer issue, and times a day of 200 agents.
//
//   swift build -c release --product PacingBenchmark && .build/release/PacingBenchmark [seeds] [hours]

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "cell", arguments.count >= 5 {
    // One cell in detail: PacingBenchmark cell AGENTS ANSWER_RATE MODE SEED [HOURS]
    let a = Array(arguments)
    let settings = SimulationSettings(mode: try DialMode.parse(a[3]), agents: Int(a[1])!, hours: a.count > 5 ? Double(a[5])! : 8,
                                      answerRate: Double(a[2])!, seed: UInt64(a[4])!)
    let day = DialerSimulation.run(settings)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(SimulationSummary(day)), as: UTF8.self))
    print("decisions:", day.decisions.map { "\($0.key.rawValue) \($0.value)" }, "fallbacks:", day.fallbacks.map { "\($0.key.rawValue) \($0.value)" })
    let ready = day.intervals.filter { $0.state == .ready }.map { $0.endedAt - $0.startedAt }.sorted()
    if !ready.isEmpty {
        let total = ready.reduce(0, +)
        print("ready intervals \(ready.count), total \(Int(total)) s; p25 \(ready[ready.count/4]) p50 \(ready[ready.count/2]) p75 \(ready[3*ready.count/4]) p90 \(ready[9*ready.count/10])")
        let zero = ready.filter { $0 < 0.5 }.count
        print("under 0.5 s: \(zero); first hour share of idle: \(day.intervals.filter { $0.state == .ready && $0.startedAt < 3600 }.map { $0.endedAt - $0.startedAt }.reduce(0, +) / total)")
    }
    exit(0)
}
let seedCount = arguments.first.flatMap { Int($0) } ?? 3
let hours = arguments.dropFirst().first.flatMap { Double($0) } ?? 8
let agentCounts = [5, 10, 20, 50, 100, 200]
let answerRates = [0.15, 0.3, 0.5]
let modes: [DialMode] = [.progressive, .vicidial, .predictive]

func day(_ mode: DialMode, agents: Int, answerRate: Double, seed: UInt64) -> SimulationSummary {
    var settings = SimulationSettings(mode: mode, agents: agents, hours: hours, answerRate: answerRate, seed: seed)
    settings.network.talkMean = 180
    settings.behaviour.wrapUpMean = 30
    return SimulationSummary(DialerSimulation.run(settings))
}

func percent(_ value: Double?) -> String {
    value.map { String(format: "%5.1f%%", $0 * 100) } ?? "  n/a "
}

print("seeds \(seedCount), \(hours) h, talk mean 180 s, after-call work 30 s, abandon target 3%")
print("agents  answer  mode         occupancy (min–max)      abandon (max)   lines/agent")
var failures: [String] = []
for agents in agentCounts {
    for rate in answerRates {
        var occupancy: [DialMode: [Double]] = [:]
        for mode in modes {
            let days = (1 ... seedCount).map { day(mode, agents: agents, answerRate: rate, seed: UInt64($0)) }
            let occ = days.map { $0.occupancy ?? 0 }
            let abandon = days.map { $0.abandon_rate ?? 0 }
            let lines = days.map { $0.lines_per_agent ?? 0 }.reduce(0, +) / Double(days.count)
            occupancy[mode] = occ
            let mean = occ.reduce(0, +) / Double(occ.count)
            print(String(format: "%6d  %5.2f  %-11@ ", agents, rate, mode.rawValue as NSString)
                  + "\(percent(mean)) (\(percent(occ.min()))–\(percent(occ.max())))   \(percent(abandon.reduce(0, +) / Double(abandon.count))) (\(percent(abandon.max())))   "
                  + String(format: "%.2f", lines))
            if mode == .predictive, let worst = abandon.max(), worst > 0.03 {
                failures.append("abandon \(percent(worst)) > 3% at \(agents) agents, answer rate \(rate)")
            }
        }
        let predictive = occupancy[.predictive]!, vicidial = occupancy[.vicidial]!, progressive = occupancy[.progressive]!
        let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) }
        if agents >= 20, mean(predictive) < mean(vicidial) + 0.05 {
            failures.append("predictive \(percent(mean(predictive))) < VICIdial \(percent(mean(vicidial))) + 5 points at \(agents) agents, \(rate)")
        }
        if mean(predictive) + 1e-9 < mean(progressive) {
            failures.append("predictive \(percent(mean(predictive))) < progressive \(percent(mean(progressive))) at \(agents) agents, \(rate)")
        }
        if agents == 100, rate == 0.3, let low = predictive.min(), low < 0.9 {
            failures.append("predictive occupancy \(percent(low)) < 90% at 100 agents, answer rate 0.3")
        }
    }
}

let clock = ContinuousClock()
var largest: SimulationSummary?
let elapsed = clock.measure { largest = day(.predictive, agents: 200, answerRate: 0.3, seed: 1) }
print("one 8-hour day, 200 agents, predictive, answer rate 0.3: \(elapsed) (\(largest!.calls) calls)")
if elapsed > .seconds(10) { failures.append("a 200-agent day took \(elapsed) (target < 10 s)") }

print(failures.isEmpty ? "targets: all met" : "targets missed:\n  " + failures.joined(separator: "\n  "))
