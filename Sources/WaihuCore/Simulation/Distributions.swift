import Foundation

extension SeededRandom {
    /// Uniform in (0, 1).
    public mutating func unit() -> Double {
        (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992
    }

    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// Standard normal (Box–Muller).
    public mutating func normal() -> Double {
        (-2 * log(unit())).squareRoot() * cos(2 * Double.pi * unit())
    }

    /// Log-normal with the given mean and shape σ (of the underlying normal).
    public mutating func logNormal(mean: Double, sigma: Double) -> Double {
        exp(log(mean) - sigma * sigma / 2 + sigma * normal())
    }

    /// Log-normal with the given median and shape σ.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }
}

/// A min-heap of timed events; ties keep the order they were pushed in.
struct EventQueue<Event: Sendable>: Sendable {
    private var heap: [(time: Double, order: Int, event: Event)] = []
    private var pushed = 0

    var isEmpty: Bool { heap.isEmpty }
    var nextTime: Double? { heap.first?.time }
    var next: Event? { heap.first?.event }

    mutating func push(_ event: Event, at time: Double) {
        heap.append((time, pushed, event))
        pushed += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (time: Double, event: Event)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < heap.count, Self.before(heap[left], heap[first]) { first = left }
            if right < heap.count, Self.before(heap[right], heap[first]) { first = right }
            guard first != parent else { break }
            heap.swapAt(parent, first)
            parent = first
        }
        return (top.time, top.event)
    }

    private static func before(_ a: (time: Double, order: Int, event: Event), _ b: (time: Double, order: Int, event: Event)) -> Bool {
        a.time < b.time || (a.time == b.time && a.order < b.order)
    }
}
