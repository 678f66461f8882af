import FluentKit
import Foundation

/// How a look at kept figures treats figures that are no longer the minute's.
package enum Recount: Sendable {
    /// Counts them again before answering (an API call asking for the figures now).
    case inline
    /// Answers with the kept figures at once and counts them again behind the look, once at a time per key (the
    /// wallboard, which looks every 2 s and must never wait on a count of the whole day), on `database` when given: a
    /// pool of its own, so that the looks never queue behind a recount's long read for a connection.
    case behind(on: (any Database)?)

    /// Where a recount behind the look reads; nil when the figures are counted before answering.
    func recountDatabase(_ look: any Database) -> (any Database)? {
        switch self {
        case .inline: nil
        case .behind(let database): database ?? look
        }
    }
}

/// Figures counted at most once a minute and kept by key, with the minute they were counted in; a recount behind the
/// looks replaces them when it ends. A failed recount keeps the figures it would have replaced, and the next look
/// tries again.
package actor KeptFigures<Value: Sendable> {
    package struct Kept: Sendable {
        package var minute: Int
        package var value: Value
    }

    private var kept: [String: (figures: Kept, counted: ContinuousClock.Instant)] = [:]
    private var recounts: [String: Task<Void, Never>] = [:]
    /// Figures not counted again for this long go (another day's, a scope no one looks at any more). Measured on the
    /// process's running clock, not by the figures' minutes: looks at different simulated times in one process (tests)
    /// share the kept figures, and one look's far minute must not drop the others'.
    private let keep: Duration

    package init(keep: Duration = .seconds(86_400)) {
        self.keep = keep
    }

    package func get(_ key: String) -> Kept? {
        kept[key]?.figures
    }

    /// Keeps `value` as the figures of `minute` (a recount ending after a newer count only makes the next look count again).
    package func put(_ key: String, minute: Int, _ value: Value) {
        let now = ContinuousClock.now
        kept = kept.filter { now - $0.value.counted < keep }
        kept[key] = (Kept(minute: minute, value: value), now)
    }

    /// Starts counting `key` again behind the look, unless a count of it is already under way.
    package func recount(_ key: String, minute: Int, _ count: @escaping @Sendable () async throws -> Value) {
        guard recounts[key] == nil else { return }
        recounts[key] = Task {
            let value = try? await count()
            self.finish(key, minute: minute, value)
        }
    }

    private func finish(_ key: String, minute: Int, _ value: Value?) {
        recounts[key] = nil
        if let value { put(key, minute: minute, value) }
    }

    /// Waits for the recounts under way (a test's look after them; a shutdown).
    package func settle() async {
        while let running = recounts.values.first { await running.value }
    }
}
