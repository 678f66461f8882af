/// A report laid out as sheets of cells, for the CSV and XLSX downloads: one sheet per section, the
/// header in the chosen language, numbers as numbers, an empty cell for null.
public struct ReportTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        /// A fraction shown as a percentage (0.25 → 25.00%).
        case percent(Double)
        case empty

        /// The cell as a CSV field: whole numbers without decimals, a percentage with two (`25.00%`).
        public var csvText: String {
            switch self {
            case .text(let text): text
            case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
            case .percent(let value): value.isFinite ? String(format: "%.2f%%", value * 100) : ""
            case .empty: ""
            }
        }

        /// A metric's value in its unit: rates as percentages, null as empty.
        public static func metric(_ value: Double?, _ id: MetricID) -> Cell {
            guard let value else { return .empty }
            return id.definition.unit == .rate ? .percent(value) : .number(value)
        }
    }

    public struct Sheet: Sendable, Equatable {
        public var name: String
        /// Lines above the table: its title, its period. The row after them is the header, kept in view.
        public var title: [String]
        /// The header first, then the lines.
        public var rows: [[Cell]]

        public init(name: String, title: [String] = [], rows: [[Cell]]) {
            self.name = name
            self.title = title
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
                for (id, (now, then)) in zip(report.figures, zip(row.values, row.previous)) {
                cells += [Cell.metric(now, id), Cell.metric(then, id), Cell.metric(now.flatMap { n in then.map { n - $0 } }, id)]
                }
                if section.dimension == .project { cells.append(Cell.metric(row.target_progress, .target_progress)) }
                rows.append(cells)
            }
            let period = LocalizedText(zh: "期间 \(report.first_day) 至 \(report.last_day)", en: "Period \(report.first_day) to \(report.last_day)")
            return Sheet(name: names[section.dimension]?.text(language) ?? section.dimension.rawValue,
                         title: ["\(report.kind.name.text(language)) \(report.period)", period.text(language)], rows: rows)
        }
    }

    /// The sheets one after another as CSV, a blank line between them.
    public var csv: String {
        sheets.map { sheet in
            sheet.rows.map { row in
                CSVLine.make(row.map(\.csvText))
            }.joined()
        }.joined(separator: "\r\n")
    }
}
