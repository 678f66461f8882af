/// A billing export of the usage fees of a project's customers for one month (RULES E-06: "a commission on the user's usage
/// fees"): a CSV row per customer, `phone,fee` with the fee in yuan; a first record that is not a row (a header) is skipped.
/// Each row is checked on its own; the rows refused say why, by line.
public enum UsageFeeFile {
    public struct Row: Sendable, Equatable {
        public var line: Int
        /// National digits, as leads are stored.
        public var phone: String
        public var feeFen: Int
    }

    public struct Refusal: Sendable, Equatable, Codable {
        public var line: Int
        public var reason: LocalizedText
        public init(line: Int, reason: LocalizedText) {
            self.line = line
            self.reason = reason
        }
    }

    public static func parse(_ text: String) throws(DomainError) -> (rows: [Row], refused: [Refusal]) {
        var rows: [Row] = [], refused: [Refusal] = [], seen: [String: Int] = [:]
        for (index, record) in try CSVParser.records(text).enumerated() {
            let line = record.line
            let fields = record.fields.map { $0.trimmingWhitespace() }
            guard fields.contains(where: { !$0.isEmpty }) else { continue }
            if index == 0, fields.count >= 2, (try? Fen.parse(fields[1], field: "fee")) == nil, case .failure = PhoneParser.parse(fields[0]) { continue }
            guard fields.count == 2 else {
                refused.append(Refusal(line: line, reason: LocalizedText(zh: "每行两列：号码,使用费（元）", en: "two columns a row: phone,fee (yuan)")))
                continue
            }
            let phone: PhoneNumber
            switch PhoneParser.parse(fields[0]) {
            case .success(let number): phone = number
            case .failure(let rejection):
                refused.append(Refusal(line: line, reason: rejection.message))
                continue
            }
            let fee: Int
            do { fee = try Fen.parse(fields[1], field: "fee") } catch {
                refused.append(Refusal(line: line, reason: error.message))
                continue
            }
            if let first = seen[phone.digits] {
                refused.append(Refusal(line: line, reason: LocalizedText(zh: "号码与第 \(first) 行重复", en: "the number repeats line \(first)")))
                continue
            }
            seen[phone.digits] = line
            rows.append(Row(line: line, phone: phone.digits, feeFen: fee))
        }
        return (rows, refused)
    }
}
