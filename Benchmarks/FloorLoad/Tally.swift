import Foundation
import Synchronization

/// What the load saw, per endpoint: every request's time and its answer's status (0 when none came: the connection
/// dropped or the request timed out).
final class Tally: Sendable {
    struct Endpoint {
        var milliseconds: [Double] = []
        var statuses: [Int: Int] = [:]
        /// The refusals' error codes (`{"error": {"code": …}}`), counted.
        var refusals: [String: Int] = [:]
    }

    private let endpoints = Mutex<[String: Endpoint]>([:])

    func record(_ endpoint: String, status: Int, milliseconds: Double, refusal: String? = nil) {
        endpoints.withLock {
            $0[endpoint, default: Endpoint()].milliseconds.append(milliseconds)
            $0[endpoint, default: Endpoint()].statuses[status, default: 0] += 1
            if let refusal { $0[endpoint, default: Endpoint()].refusals["\(status) \(refusal)", default: 0] += 1 }
        }
    }

    var snapshot: [String: Endpoint] { endpoints.withLock { $0 } }

    /// Requests answered 2xx so far, by the endpoints named.
    func succeeded(_ names: Set<String>) -> Int {
        endpoints.withLock { all in
            all.filter { names.contains($0.key) }.values.reduce(0) { $0 + $1.statuses.filter { (200 ..< 300).contains($0.key) }.values.reduce(0, +) }
        }
    }

    /// One line per endpoint: requests, requests per second, p50 and p99, and the count of each status.
    func report(over seconds: Double) -> [String] {
        snapshot.sorted { $0.key < $1.key }.map { name, endpoint in
            let sorted = endpoint.milliseconds.sorted()
            func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
            let statuses = endpoint.statuses.sorted { $0.key < $1.key }.map { "\($0.key == 0 ? "none" : String($0.key)): \($0.value)" }
            let refusals = endpoint.refusals.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            return String(format: "  %-22@ %8d requests %8.1f req/s  p50 %7.1f ms  p99 %8.1f ms  [%@]%@", name as NSString, sorted.count,
                          Double(sorted.count) / seconds, percentile(0.5), percentile(0.99), statuses.joined(separator: ", ") as NSString,
                          (refusals.isEmpty ? "" : " refused: " + refusals.joined(separator: ", ")) as NSString)
        }
    }
}

/// The attempts the load was told were stored: taken (200 from `desk/next`) and finished (200 from `finish`, with the
/// disposition). The benchmark script checks each against the database afterwards.
final class Acknowledged: Sendable {
    private let lines = Mutex<[String]>([])
    private let recent = Mutex<[String]>([])

    func taken(_ attempt: String) {
        lines.withLock { $0.append("taken,\(attempt),") }
        recent.withLock {
            $0.append(attempt)
            if $0.count > 1_000 { $0.removeFirst(500) }
        }
    }

    func finished(_ attempt: String, _ disposition: String) { lines.withLock { $0.append("finished,\(attempt),\(disposition)") } }

    /// An attempt some agent took lately: what a garbage client tries to end as someone else.
    func someoneElses() -> String? { recent.withLock { $0.randomElement() } }

    func write(to path: String) throws {
        try (["event,attempt_id,disposition"] + lines.withLock { $0 }).joined(separator: "\n").appending("\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
    }
}
