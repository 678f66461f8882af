import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A month's roster from a workbook or CSV in the shape the export writes (工号, 姓名, 班组, then one column per day):
/// every cell is checked first; one bad cell refuses the file with each problem's line and day, and nothing is saved.
extension RosterService {
    package static func importGrid(site siteID: UUID, month text: String, records: [CSVParser.Record], by caller: Caller, at now: Date,
                                   on db: any Database) async throws -> Int {
        try AccessPolicy.require(caller.role, .editRoster)
        let site = try await SiteService.visible(siteID, caller: caller, on: db)
        let (first, next) = try SpotCheck.month(text)
        guard let headerIndex = records.firstIndex(where: { ["工号", "agent"].contains($0.fields.first?.trimmingWhitespace().lowercased() ?? "") }) else {
            throw DomainError(.badInput, code: "roster_header", zh: "文件须有表头行，第一列为“工号”，之后每列为当月的日期（1–31）",
                              en: "The file needs a header row: 工号 (agent) first, then one column per day of the month (1–31)")
        }
        var columns: [Int: LocalDate] = [:]
        for (index, field) in records[headerIndex].fields.enumerated() {
            if let day = Int(field.trimmingWhitespace()), let date = LocalDate(year: first.year, month: first.month, day: day), date < next { columns[index] = date }
        }
        guard !columns.isEmpty else {
            throw DomainError(.badInput, code: "roster_header", zh: "表头没有当月的日期列（1–31）", en: "The header has no day columns (1–31)")
        }
        let templates = Dictionary(try await ShiftTemplateModel.query(on: db).filter(\.$siteID == siteID).all().compactMap { row -> (String, Shift)? in
            guard let start = ClockTime(row.start), let end = ClockTime(row.end), let shift = try? Shift(start: start, end: end, breakMinutes: row.breakMinutes) else { return nil }
            return (row.name, shift)
        }, uniquingKeysWith: { a, _ in a })
        let agents = Dictionary(try await AgentQueries.agents(in: caller.scope, on: db).filter { $0.siteID == siteID }.map { ($0.number, $0) },
                                uniquingKeysWith: { a, _ in a })
        var cells: [(agent: UUID, date: LocalDate, day: RosterDay)] = [], problems: [LocalizedText] = []
        var seen: Set<String> = []
        for record in records[(headerIndex + 1)...] {
            let number = record.fields.first?.trimmingWhitespace() ?? ""
            if number.isEmpty { continue }
            guard let agent = agents[number], let id = agent.id else {
                problems.append(LocalizedText(zh: "第 \(record.line) 行：本职场没有工号 \(number)", en: "line \(record.line): no agent \(number) at this site"))
                continue
            }
            guard seen.insert(number).inserted else {
                problems.append(LocalizedText(zh: "第 \(record.line) 行：工号 \(number) 重复（一人一天只能有一个班次）",
                                              en: "line \(record.line): agent \(number) appears twice (one shift a day)"))
                continue
            }
            for (index, date) in columns.sorted(by: { $0.key < $1.key }) where index < record.fields.count {
                do {
                    if let day = try RosterCell.parse(record.fields[index], templates: templates) { cells.append((id, date, day)) }
                } catch {
                    problems.append(LocalizedText(zh: "第 \(record.line) 行 \(date.day) 日：\(error.message.zh)", en: "line \(record.line), day \(date.day): \(error.message.en)"))
                }
            }
        }
        guard problems.isEmpty else {
            let shown = problems.prefix(10)
            throw DomainError(.badInput, code: "roster_rejected",
                              zh: "排班文件有 \(problems.count) 处错误，未保存任何内容：" + shown.map(\.zh).joined(separator: "；"),
                              en: "The roster file has \(problems.count) problem(s); nothing was saved: " + shown.map(\.en).joined(separator: "; "))
        }
        let ids = Array(Set(cells.map(\.agent))), rows = cells
        try await db.transaction { tx in
            var stored: [String: WorkScheduleModel] = [:]
            if !ids.isEmpty {
                for row in try await WorkScheduleModel.query(on: tx).filter(\.$agentID ~~ ids).filter(\.$date >= first.description)
                    .filter(\.$date < next.description).all() { stored["\(row.agentID) \(row.date)"] = row }
            }
            for cell in rows {
                let row = stored["\(cell.agent) \(cell.date)"] ?? WorkScheduleModel()
                if row.id == nil {
                    row.id = UUID()
                    row.agentID = cell.agent
                    row.date = cell.date.description
                    row.attended = false
                }
                write(cell.day, into: row)
                try await row.save(on: tx)
            }
            try await caller.audit("roster.import", targetType: "site", targetID: site.name, detail: "\(text): \(rows.count)", at: now, on: tx)
        }
        return cells.count
    }
}

extension RosterService {
    /// The rows of an uploaded roster: an XLSX workbook's first sheet, or CSV text in UTF-8.
    package static func records(from data: Data) throws -> [CSVParser.Record] {
        guard XLSXReader.looksLikeXLSX(Array(data.prefix(4))) else {
            guard let text = String(data: data, encoding: .utf8) else {
                throw DomainError(.badInput, code: "roster_file", zh: "请上传 XLSX 或 UTF-8 编码的 CSV", en: "Upload an XLSX workbook or a UTF-8 CSV")
            }
            return CSVParser.parse(text)
        }
        let path = NSTemporaryDirectory() + "waihu-roster-\(UUID().uuidString).xlsx"
        try data.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try XLSXReader.records(path: path, sheet: nil)
    }
}
