/// A report laid out as sheets of cells, for the CSV and XLSX downloads: one sheet per section, the
/// header in the chosen language, numbers as numbers, an empty cell for null.
public struct ReportTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case empty
    }

    public struct Sheet: Sendable, Equatable {
        public var name: String
        public var rows: [[Cell]]

        public init(name: String, rows: [[Cell]]) {
            self.name = name
            self.rows = rows
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    /// Each figure, then its value the period before and the change; projects also show the target progress.
    public init(_ report: OperationsReport, language: Language) {
        let names: [SliceDimension: LocalizedText] = [
            .project: LocalizedText(zh: "项目", en: "Project"), .team: LocalizedText(zh: "班组", en: "Team"),
            .agent: LocalizedText(zh: "坐席", en: "Agent"),
        ]
        let before = LocalizedText(zh: "上期", en: "previous")
        let change = LocalizedText(zh: "变化", en: "change")
        sheets = report.sections.map { section in
            var header: [Cell] = [.text(names[section.dimension]?.text(language) ?? section.dimension.rawValue)]
            for id in report.figures {
                let name = id.definition.label.text(language)
                header += [.text(name), .text("\(name) \(before.text(language))"), .text("\(name) \(change.text(language))")]
            }
            if section.dimension == .project { header.append(.text(MetricID.target_progress.definition.label.text(language))) }
            var rows = [header]
            for row in section.rows {
                var cells: [Cell] = [.text(row.name)]
                for (now, then) in zip(row.values, row.previous) {
                    cells += [now.map(Cell.number) ?? .empty, then.map(Cell.number) ?? .empty,
                              (now.flatMap { n in then.map { n - $0 } }).map(Cell.number) ?? .empty]
                }
                if section.dimension == .project { cells.append(row.target_progress.map(Cell.number) ?? .empty) }
                rows.append(cells)
            }
            return Sheet(name: names[section.dimension]?.text(language) ?? section.dimension.rawValue, rows: rows)
        }
    }

    /// The sheets one after another as CSV, a blank line between them.
    public var csv: String {
        sheets.map { sheet in
            sheet.rows.map { row in
                CSVLine.make(row.map { cell in
                    switch cell {
                    case .text(let text): text
                    case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
                    case .empty: ""
                    }
                })
            }.joined()
        }.joined(separator: "\r\n")
    }
}
