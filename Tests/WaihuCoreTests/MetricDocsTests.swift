import Foundation
import Testing
@testable import WaihuCore

/// `docs/metrics.md` is the catalog as the code has it: regenerate it with
/// `swift run waihu catalog --format markdown > docs/metrics.md` when a metric changes.
@Suite struct MetricDocsTests {
    @Test func theCatalogPageMatchesTheCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/metrics.md"), encoding: .utf8)
        #expect(page == MetricCatalog.markdown(), "docs/metrics.md is out of date: swift run waihu catalog --format markdown > docs/metrics.md")
        for definition in MetricCatalog.all {
            #expect(page.contains("| \(definition.id.rawValue) | \(definition.name.zh) |"))
        }
    }
}
