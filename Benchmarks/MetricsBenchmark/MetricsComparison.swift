import Foundation
import WaihuCore

/// Compares Waihu's CSV of the catalog with DuckDB's, cell by cell: the same rows, the same nulls,
/// numbers equal to a relative 1e-9 (Waihu's CSV is written to six decimals: compared to that).
enum MetricsComparison {
    static func table(_ path: String) -> (header: [String], rows: [String: [String]]) {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let records = CSVParser.parse(text.replacingBOM())
        guard let header = records.first?.fields else { return ([], [:]) }
        var rows: [String: [String]] = [:]
        for record in records.dropFirst() where record.fields.count == header.count {
            rows[record.fields[0] + " " + record.fields[1]] = Array(record.fields.dropFirst(2))
        }
        return (Array(header.dropFirst(2)), rows)
    }

    static func compare(waihu: String, duckdb: String) -> String {
        let w = table(waihu), d = table(duckdb)
        var cells = 0, differ: [String] = []
        let columns = Dictionary(uniqueKeysWithValues: d.header.enumerated().map { ($1, $0) })
        for (key, values) in w.rows {
            guard let other = d.rows[key] else { differ.append("row \(key) only in Waihu"); continue }
            for (index, id) in w.header.enumerated() {
                guard let column = columns[id] else { continue }
                cells += 1
                let a = values[index], b = other[column]
                if a.isEmpty || b.isEmpty {
                    if a.isEmpty != b.isEmpty { differ.append("\(key) \(id): \(a.isEmpty ? "null" : a) vs \(b.isEmpty ? "null" : b)") }
                    continue
                }
                guard let x = Double(a), let y = Double(b) else { differ.append("\(key) \(id): \(a) vs \(b)"); continue }
                if abs(x - y) > max(1e-6, abs(y) * 1e-9) { differ.append("\(key) \(id): \(a) vs \(b)") }
            }
        }
        for key in d.rows.keys where w.rows[key] == nil { differ.append("row \(key) only in DuckDB") }
        let compared = "\(w.rows.count) rows × \(w.header.filter { columns[$0] != nil }.count) metrics = \(cells) cells"
        return differ.isEmpty ? "Waihu and DuckDB agree on every cell: \(compared)"
            : "Waihu and DuckDB DIFFER on \(differ.count) of \(compared); first: \(differ.sorted().prefix(10).joined(separator: "; "))"
    }
}
