import Foundation
import Testing

/// The use cases live in `WaihuApp`, which knows no web framework (DESIGN, the house): the API, the pages and
/// the command line call the same services, and nothing under `Sources/waihu` copies them.
@Suite struct UseCaseLayerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func lines(under folder: String) throws -> [(path: String, line: String)] {
        let files = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        return try files.flatMap { file in
            try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { (file.lastPathComponent, String($0)) }
        }
    }

    @Test func theUseCasesImportNoWebFramework() throws {
        let lines = try Self.lines(under: "Sources/WaihuApp")
        #expect(lines.contains { $0.line.contains("enum DeskService") }, "the use cases were found")
        let web = ["import Vapor", "import Fluent", "import Leaf", "import FluentSQLiteDriver", "import FluentPostgresDriver"]
        let offenders = lines.filter { entry in web.contains { entry.line.trimmingCharacters(in: .whitespaces) == $0 } }
        #expect(offenders.isEmpty, "web imports in WaihuApp: \(offenders.map { "\($0.path): \($0.line)" })")
    }

    @Test func theCommandLineHasNoCopyOfTheUseCases() throws {
        let lines = try Self.lines(under: "Sources")
        #expect(!lines.contains { $0.line.contains("ConsoleActions") })
        #expect(!FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("Sources/WaihuWeb/Services").path))
    }
}
