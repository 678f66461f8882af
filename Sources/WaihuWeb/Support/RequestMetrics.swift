import Prometheus
import Vapor

/// The application's Prometheus registry, served at `/metrics`.
struct PrometheusRegistryKey: StorageKey {
    typealias Value = PrometheusCollectorRegistry
}

extension Application {
    var prometheus: PrometheusCollectorRegistry {
        if let registry = storage[PrometheusRegistryKey.self] { return registry }
        let registry = PrometheusCollectorRegistry()
        storage[PrometheusRegistryKey.self] = registry
        return registry
    }
}

/// Counts requests and their durations by method, route and status class.
struct RequestMetricsMiddleware: AsyncMiddleware {
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
    nonisolated(unsafe) static let requests = MetricNameDescriptor(namespace: "waihu", subsystem: "http", metricName: "requests",
                                               unitName: "total", helpText: "HTTP requests answered")
    nonisolated(unsafe) static let duration = MetricNameDescriptor(namespace: "waihu", subsystem: "http", metricName: "request_duration",
                                               unitName: "seconds", helpText: "Time to answer an HTTP request")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let labels = [("method", request.method.rawValue), ("route", route),
                      ("status", "\(response.status.code / 100)xx")]
        let registry = request.application.prometheus
        registry.makeCounter(descriptor: Self.requests, labels: labels).increment()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        registry.makeValueHistogram(descriptor: Self.duration,
                                    labels: [("method", request.method.rawValue), ("route", route)],
                                    buckets: Self.buckets).record(seconds)
        return response
    }
}
