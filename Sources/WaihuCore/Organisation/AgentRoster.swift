/// One agent (坐席) as an agents file describes it.
public struct AgentRosterRow: Sendable, Equatable {
    public var line: Int
    /// 工号 — the employee number, unique in the organisation.
    public var number: String
    public var name: String
    public var site: String
    public var team: String?
    public var skill: Skill
    public var hiredOn: LocalDate
    public var leftOn: LocalDate?
}

/// A row of a file that was refused, with its line and the reason in both languages.
public struct RowRejection: Error, Sendable, Equatable, Codable {
    public var line: Int
    public var code: String
    public var reason: LocalizedText

    public init(line: Int, code: String, reason: LocalizedText) {
        self.line = line
        self.code = code
        self.reason = reason
    }
}

/// Reads an agents file (`agent, name, site, team, skill, hired_on, left_on`): every row is
/// either a valid agent or a rejection that says why.
public enum AgentRoster {
    public static let aliases: [String: [String]] = [
        "agent": ["工号", "employee_no", "employee_number", "agent_no"],
        "name": ["姓名", "agent_name"],
        "site": ["职场", "站点", "外呼公司", "site_name"],
        "team": ["班组", "team_name"],
        "skill": ["技能"],
        "hired_on": ["入职日期", "hire_date"],
        "left_on": ["离职日期", "leave_date"],
    ]
    public static let required = ["agent", "name", "site", "hired_on"]

    public struct Result: Sendable, Equatable {
        public var rows: [AgentRosterRow]
        public var rejections: [RowRejection]
    }

    /// Validates the records of a file whose first record is the header.
    public static func read(_ records: [CSVParser.Record]) throws(DomainError) -> Result {
        guard let header = records.first else {
            throw DomainError(.badInput, code: "empty_file", zh: "文件为空", en: "The file is empty")
        }
        let map = HeaderMap(header: header.fields, aliases: aliases)
        let missing = map.missing(required)
        guard missing.isEmpty else {
            let list = missing.joined(separator: ", ")
            throw DomainError(.badInput, code: "missing_columns",
                              zh: "表头缺少列：\(list)", en: "The header lacks the columns: \(list)")
        }
        var result = Result(rows: [], rejections: [])
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            switch row(record, map: map) {
            case .success(let row):
                if let first = seen[row.number] {
                    result.rejections.append(reject(record.line, "duplicate_in_file",
                        zh: "工号 \(row.number) 与第 \(first) 行重复", en: "agent \(row.number) repeats line \(first)"))
                } else {
                    seen[row.number] = record.line
                    result.rows.append(row)
                }
            case .failure(let rejection):
                result.rejections.append(rejection)
            }
        }
        return result
    }

    static func row(_ record: CSVParser.Record, map: HeaderMap) -> Swift.Result<AgentRosterRow, RowRejection> {
        let line = record.line
        let fields = record.fields
        for column in required where map.value(column, in: fields) == nil {
            return .failure(reject(line, "missing_\(column)", zh: "缺少 \(column)", en: "\(column) is empty"))
        }
        let number = map.value("agent", in: fields)!
        let skill: Skill
        do { skill = try Skill.parse(map.value("skill", in: fields) ?? "dual") } catch {
            return .failure(reject(line, "invalid_skill", zh: error.message.zh, en: error.message.en))
        }
        guard let hired = LocalDate(map.value("hired_on", in: fields)!) else {
            return .failure(reject(line, "invalid_date", zh: "入职日期须为 YYYY-MM-DD", en: "hired_on must be a date YYYY-MM-DD"))
        }
        var left: LocalDate?
        if let text = map.value("left_on", in: fields) {
            guard let date = LocalDate(text) else {
                return .failure(reject(line, "invalid_date", zh: "离职日期须为 YYYY-MM-DD", en: "left_on must be a date YYYY-MM-DD"))
            }
            guard date >= hired else {
                return .failure(reject(line, "left_before_hired", zh: "离职日期早于入职日期", en: "left_on is before hired_on"))
            }
            left = date
        }
        return .success(AgentRosterRow(
            line: line, number: number, name: map.value("name", in: fields)!,
            site: map.value("site", in: fields)!, team: map.value("team", in: fields),
            skill: skill, hiredOn: hired, leftOn: left))
    }

    static func reject(_ line: Int, _ code: String, zh: String, en: String) -> RowRejection {
        RowRejection(line: line, code: code, reason: LocalizedText(zh: "第 \(line) 行：\(zh)", en: "line \(line): \(en)"))
    }
}
