import ArgumentParser
import Foundation
import WaihuCore

/// `waihu catalog`: the metric catalog, as `docs/metrics.md` (markdown) or JSON; needs no database.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog",
                                                    abstract: "Print the metric catalog (ids, names, formulas).")

    @ArgumentParser.Option(help: "markdown (docs/metrics.md) or json.") var format = "markdown"

    func run() throws {
        switch format {
        case "markdown":
            print(MetricCatalog.markdown(), terminator: "")
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(MetricCatalog.all), as: UTF8.self))
        default:
            throw ValidationError("--format is markdown or json")
        }
    }
}
