import Foundation

/// The process's resident memory, split as Linux counts it: its own pages (heap, stacks: `RssAnon`) and pages of files
/// it maps (the program's code, a memory-mapped SQLite file: `RssFile`). `getrusage`'s peak adds both, and a mapped
/// database file's pages are the operating system's cache, given back under pressure, not the process's own. The
/// peaks are sampled every 50 ms on a thread of their own.
package final class MemoryWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var own = 0, mapped = 0, running = true

    package init() {
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) {
                sample()
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// The peaks so far, in MB: the process's own pages, the mapped files' pages.
    package var peaks: (own: Double, mapped: Double) {
        sample()
        return lock.withLock { (Double(own) / 1024, Double(mapped) / 1024) }
    }

    package func stop() { lock.withLock { running = false } }

    private func sample() {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return }
        func kilobytes(_ key: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return 0 }
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        let (anon, file) = (kilobytes("RssAnon"), kilobytes("RssFile"))
        lock.withLock {
            own = max(own, anon)
            mapped = max(mapped, file)
        }
    }
}
