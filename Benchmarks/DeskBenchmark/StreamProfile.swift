import AsyncHTTPClient
import Foundation
import Synchronization
import Vapor

/// The desks open on their event stream (issue 21's "push, not poll"): every agent holds `GET /desk/stream` open for
/// `duration` seconds and, every 10 s or so, changes state through the API (busy for a meal, ready again). Times how
/// long the first status takes to come, and how long after an action was sent its new state arrives on the agent's
/// own stream (the bell, not the next look); counts the looks (each a desk poll in the database) and the process's CPU
/// (server and clients together: they share this process).
struct StreamProfile {
    var client: HTTPClient
    var base: String
    var tokens: [String]
    var duration: Double
    var project: String

    struct Agent {
        var open: Double?
        var pushes: [Double] = []
        var looks = 0
        /// What went wrong, counted by kind: a stream refused or ended early, an action refused.
        var missed: [String: Int] = [:]
    }

    /// What one stream's body brought, as it came: the state of each status event, nil for a look without a change.
    static func events(of body: HTTPClientResponse.Body, into continuation: AsyncStream<String?>.Continuation) async {
        var pending = ""
        do {
            for try await chunk in body {
                pending += String(buffer: chunk)
                while let end = pending.range(of: "\n\n") {
                    let block = pending[..<end.lowerBound]
                    pending = String(pending[end.upperBound...])
                    guard block.hasPrefix("event: status") else { continuation.yield(nil); continue }
                    let state = block.range(of: #""state":""#).map { block[$0.upperBound...].prefix { $0 != "\"" } }
                    continuation.yield(state.map(String.init) ?? "?")
                }
            }
        } catch {}
        continuation.finish()
    }

    func agent(_ index: Int, _ token: String) async -> Agent {
        var mine = Agent()
        let start = ContinuousClock.now
        var request = HTTPClientRequest(url: base + "/desk/stream?seconds=\(Int(duration) + 2)")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        guard let response = try? await client.execute(request, timeout: .seconds(Int64(duration) + 60)),
              response.status == .ok else { mine.missed["stream refused", default: 0] += 1; return mine }
        let (events, continuation) = AsyncStream.makeStream(of: String?.self)
        let reader = Task { await Self.events(of: response.body, into: continuation) }
        var iterator = events.makeAsyncIterator()
        guard case .some(.some) = await iterator.next() else { mine.missed["no first status", default: 0] += 1; return mine }
        mine.open = seconds(since: start) * 1000
        // Spread the actions over the first ten seconds, then one every ten.
        var next = ContinuousClock.now + .milliseconds(index * 10_000 / max(tokens.count, 1))
        var busy = false
        // No action in the stream's last three seconds: its change could come after the stream's end.
        while next < start + .seconds(duration - 3) {
            try? await Task.sleep(until: next)
            next = next + .seconds(10)
            busy.toggle()
            let body = busy ? #"{"state":"busy","reason":"meal"}"# : #"{"state":"ready","project":"\#(project)"}"#
            let sent = ContinuousClock.now
            var post = HTTPClientRequest(url: base + "/api/v1/desk/state")
            post.method = .POST
            post.headers.add(name: "Authorization", value: "Bearer \(token)")
            post.headers.add(name: "Content-Type", value: "application/json")
            post.body = .bytes(ByteBuffer(string: body))
            guard let answer = try? await client.execute(post, timeout: .seconds(60)) else {
                mine.missed["action failed", default: 0] += 1
                continue
            }
            let answered = try? await answer.body.collect(upTo: 1 << 20)
            guard answer.status == .ok else {
                let text = answered.map { String(buffer: $0) } ?? ""
                let code = text.range(of: #""code":""#).map { text[$0.upperBound...].prefix { $0 != "\"" } } ?? ""
                mine.missed["action \(answer.status.code) \(code)", default: 0] += 1
                busy.toggle()  // the same change again at the next turn
                continue
            }
            // The stream's events until the new state: the looks without a change on the way are counted.
            var arrived = false
            while let event = await iterator.next() {
                guard let state = event else { mine.looks += 1; continue }
                mine.looks += 1
                if state == (busy ? "busy" : "ready") { arrived = true; break }
            }
            if arrived { mine.pushes.append(seconds(since: sent) * 1000) } else { mine.missed["stream ended before the change", default: 0] += 1; break }
        }
        while await iterator.next() != nil { mine.looks += 1 }
        reader.cancel()
        return mine
    }

    /// Runs every agent's stream at once and prints the figures.
    func run(database: String) async {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpuBefore = Self.cpu(usage)
        let started = ContinuousClock.now
        let agents = await withTaskGroup(of: Agent.self) { group in
            for (index, token) in tokens.enumerated() { group.addTask { await agent(index, token) } }
            var all: [Agent] = []
            for await one in group { all.append(one) }
            return all
        }
        let elapsed = seconds(since: started)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Self.cpu(usage) - cpuBefore
        let opens = agents.compactMap(\.open).sorted(), pushes = agents.flatMap(\.pushes).sorted()
        func percentile(_ values: [Double], _ p: Double) -> Double {
            values.isEmpty ? .nan : values[min(values.count - 1, Int(Double(values.count) * p))]
        }
        let looks = agents.reduce(0) { $0 + $1.looks }
        let missed = agents.reduce(into: [String: Int]()) { all, one in all.merge(one.missed, uniquingKeysWith: +) }
        print(String(format: "%d desks on their stream for %.0f s (%@): first status p50 %.1f ms, p99 %.1f ms; %d state changes "
                     + "through the API, each on its desk's stream p50 %.1f ms, p99 %.1f ms, max %.1f ms after it was sent; "
                     + "%d looks (%.1f/s); missed: %@; CPU %.1f s of the process (%.0f %% of one core)",
                     opens.count, elapsed, database, percentile(opens, 0.5), percentile(opens, 0.99), pushes.count,
                     percentile(pushes, 0.5), percentile(pushes, 0.99), pushes.last ?? .nan, looks, Double(looks) / elapsed,
                     missed.isEmpty ? "none" : missed.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "),
                     cpu, cpu / elapsed * 100))
    }

    static func cpu(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
