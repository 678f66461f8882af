import Foundation
import Vapor

/// FloorLoad (issue 21): agents working a preview project through Waihu's HTTP API, as many as `--agents`, for
/// `--seconds`, against `--base` (nginx in front of the nodes); before them, the same number of clients on a Vapor
/// hello-world route (`--hello`) for the yardstick. Prints requests per second and p50/p99 per endpoint with every
/// status counted, the take-and-finish loop's rate beside the hello-world's, and writes every attempt it was told was
/// stored to `--acknowledged` for the database checks. `Benchmarks/floorload.py` starts the nodes and runs it.
///
///     FloorLoad hello PORT
///     FloorLoad --base URL --agents-file FILE [--password P] [--project CODE] [--agents N] [--seconds S]
///               [--hello URL] [--hello-seconds S] [--garbage N] [--talk-ms MS] [--acknowledged FILE]
let arguments = CommandLine.arguments
if arguments.count > 2, arguments[1] == "hello" {
    try await HelloWorld.serve(port: Int(arguments[2]) ?? 18_190)
    exit(0)
}

func option(_ name: String, _ fallback: String) -> String {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return fallback }
    return arguments[index + 1]
}

let base = option("base", "http://127.0.0.1:18180")
let usernames = try String(contentsOfFile: option("agents-file", "agents.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
let agents = min(Int(option("agents", "500")) ?? 500, usernames.count)
let seconds = Double(option("seconds", "600")) ?? 600
let garbage = Int(option("garbage", "5")) ?? 5
let password = option("password", "waihu-demo-2026"), project = option("project", "DEMO-MKT")
let talk = Int(option("talk-ms", "0")) ?? 0
let acknowledgedFile = option("acknowledged", "acknowledged.csv")

// One connection per agent, as a floor of browsers would have; a request waits at most a minute.
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
    timeout: .init(connect: .seconds(10), read: .seconds(60)),
    connectionPool: .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: agents + garbage + 8)))

var helloRate: Double?
if let hello = arguments.firstIndex(of: "--hello").map({ arguments[$0 + 1] }) {
    let floor = Floor(client: client, base: hello, tally: Tally())
    helloRate = await HelloWorld.load(floor, clients: agents, seconds: Double(option("hello-seconds", "20")) ?? 20)
    say(String(format: "hello world: %d clients, %.0f req/s", agents, helloRate!))
    for line in floor.tally.report(over: Double(option("hello-seconds", "20")) ?? 20) { say(line) }
}

let tally = Tally(), acknowledged = Acknowledged()
let floor = Floor(client: client, base: base, tally: tally)
let workers = usernames.prefix(agents).map { Agent(username: $0, password: password, project: project, talkMilliseconds: talk) }
let troublemakers = usernames.dropFirst(agents).prefix(garbage).map {
    GarbageClient(agent: Agent(username: $0, password: password, project: project, talkMilliseconds: 0))
}
// Everyone signs in first, eight at a time (a password check is meant to be slow), before the clock starts.
let signingIn = ContinuousClock.now, signInFloor = Floor(client: client, base: base, tally: Tally())
let tokens: [String?] = await withTaskGroup(of: (Int, String?).self) { group in
    let everyone = workers + troublemakers.map(\.agent), until = signingIn + .seconds(600)
    var tokens = [String?](repeating: nil, count: everyone.count), next = 0
    for _ in 0 ..< 8 where next < everyone.count {
        group.addTask { [next] in (next, await everyone[next].signIn(signInFloor, until: until)) }
        next += 1
    }
    for await (index, token) in group {
        tokens[index] = token
        if next < everyone.count {
            group.addTask { [next] in (next, await everyone[next].signIn(signInFloor, until: until)) }
            next += 1
        }
    }
    return tokens
}
say(String(format: "%d of %d signed in in %.1f s", tokens.compactMap { $0 }.count, tokens.count, Floor.milliseconds(since: signingIn) / 1000))

let start = ContinuousClock.now, deadline = start + .milliseconds(Int(seconds * 1000))
say("load started: \(workers.count) agents, \(troublemakers.count) garbage clients, \(Int(seconds)) s on \(base)")
await withTaskGroup(of: Void.self) { group in
    for (agent, token) in zip(workers, tokens) {
        guard let token else { continue }
        group.addTask { await agent.work(floor, token: token, acknowledged: acknowledged, until: deadline) }
    }
    for (troublemaker, token) in zip(troublemakers, tokens.dropFirst(workers.count)) {
        guard let token else { continue }
        group.addTask { await troublemaker.work(floor, token: token, acknowledged: acknowledged, until: deadline) }
    }
    // A line every 30 s, so a long run shows it is moving.
    group.addTask {
        while ContinuousClock.now < deadline {
            try? await Task.sleep(for: .seconds(30))
            let calls = tally.succeeded(["attempts/finish"])
            say(String(format: "  %4.0f s: %d calls ended, %.1f/s", Floor.milliseconds(since: start) / 1000, calls,
                         Double(calls) / (Floor.milliseconds(since: start) / 1000)))
                    }
    }
}
let elapsed = Floor.milliseconds(since: start) / 1000
try acknowledged.write(to: acknowledgedFile)

say(String(format: "floor: %d agents for %.0f s through %@", workers.count, elapsed, base))
for line in tally.report(over: elapsed) { say(line) }
let loop: Set = ["desk/next", "attempts/dial", "attempts/finish"]
let loopRate = Double(tally.succeeded(loop)) / elapsed
let calls = Double(tally.succeeded(["attempts/finish"])) / elapsed
say(String(format: "take-and-finish loop: %.1f calls/s, %.1f req/s (take, dial, finish)", calls, loopRate))
if let helloRate {
    say(String(format: "loop against hello world: %.1f%% (%.1f of %.0f req/s; the target is 50%%)", 100 * loopRate / helloRate, loopRate, helloRate))
}
let refusedGarbage = tally.snapshot.filter { $0.key.hasPrefix("garbage/") }.values.flatMap(\.statuses)
let wronglyServed = refusedGarbage.filter { (200 ..< 300).contains($0.key) || $0.key == 500 }.map(\.value).reduce(0, +)
say("garbage answered 2xx or 500: \(wronglyServed)")
try await client.shutdown()
exit(wronglyServed == 0 ? 0 : 1)
