import Foundation

/// One row of a split: the slice's values by dimension and the metrics, in the asked order.
/// Encodes as `{"slice": {"project": "P1", "day": "2026-11-02"}, "metrics": {"calls_made": 812, "hit_rate": null}}`,
/// counts as integers, nulls written out.
public struct MetricRow: Sendable, Encodable {
    public var key: SliceKey
    public var dimensions: [SliceDimension]
    public var values: [(MetricID, Double?)]

    public init(key: SliceKey, dimensions: [SliceDimension], values: [(MetricID, Double?)]) {
        self.key = key
        self.dimensions = dimensions
        self.values = values
    }

    public func value(_ id: MetricID) -> Double? {
        values.first { $0.0 == id }?.1 ?? nil
    }

    public var labels: [(SliceDimension, String?)] { key.labels(for: dimensions) }

    struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        var slice = container.nestedContainer(keyedBy: Name.self, forKey: Name("slice"))
        for (dimension, label) in labels {
            try slice.encode(label, forKey: Name(dimension.rawValue))
        }
        var metrics = container.nestedContainer(keyedBy: Name.self, forKey: Name("metrics"))
        for (id, value) in values {
            guard let value else {
                try metrics.encodeNil(forKey: Name(id.rawValue))
                continue
            }
            if id.definition.unit == .count, let whole = Int(exactly: value) {
                try metrics.encode(whole, forKey: Name(id.rawValue))
            } else {
                try metrics.encode(value, forKey: Name(id.rawValue))
            }
        }
    }
}
