import Foundation
import Vapor

/// The HTTP side of the load: one client for every simulated agent, each request timed and tallied by endpoint.
struct Floor: Sendable {
    let client: HTTPClient
    let base: String
    let tally: Tally

    /// Sends one request; returns the status (0 when no answer came) and the body.
    @discardableResult
    func send(_ endpoint: String, _ method: HTTPMethod, _ path: String, token: String? = nil, body: String? = nil,
              contentType: String = "application/json") async -> (status: Int, body: Data) {
        let start = ContinuousClock.now
        var headers = HTTPHeaders()
        if let token { headers.add(name: .authorization, value: "Bearer \(token)") }
        if body != nil { headers.add(name: .contentType, value: contentType) }
        var status = 0, data = Data()
        do {
            let request = try HTTPClient.Request(url: base + path, method: method, headers: headers, body: body.map { .string($0) })
            let response = try await client.execute(request: request).get()
            status = Int(response.status.code)
            if var buffer = response.body { data = buffer.readData(length: buffer.readableBytes) ?? Data() }
        } catch {
            status = 0
        }
        let refusal = status >= 400 ? (Self.json(data)["error"] as? [String: Any])?["code"] as? String : nil
        tally.record(endpoint, status: status, milliseconds: Self.milliseconds(since: start), refusal: refusal)
        return (status, data)
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    static func json(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    static func body(_ object: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object)) ?? Data(), as: UTF8.self)
    }
}

/// A line on standard output at once (the benchmark script reads it as it comes).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
