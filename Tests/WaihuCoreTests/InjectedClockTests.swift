import Foundation
import Testing

/// Time is an input (DESIGN rule 2): the system clock is read in one place, `Support/Clock.swift`, the
/// default of `WaihuSettings.clock`, and the command line's entry points. Anywhere else a `Date()` is a
/// defect: use `request.now`, `app.now`, or the `now` a service is given.
@Suite struct InjectedClockTests {
    static let allowed: Set<String> = ["Sources/WaihuWeb/Support/Clock.swift", "Sources/WaihuWeb/App/WaihuSettings.swift"]

    @Test func noSourceReadsTheSystemClockOutsideTheClock() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 100, "the sources were found")
        var offenders: [String] = []
        for file in files {
            let path = String(file.path.dropFirst(root.path.count + 1))
            guard !Self.allowed.contains(path), !path.hasPrefix("Sources/waihu/") else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("Date()") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                offenders.append("\(path):\(number + 1)")
            }
        }
        #expect(offenders.isEmpty, "Date() outside the clock: \(offenders)")
    }
}
