/// One row of a customer file after the scrub: a lead to store, accepted or rejected with a reason.
public struct ScrubbedLead: Sendable, Equatable {
    public var line: Int
    public var customerID: String?
    public var name: String?
    public var region: String?
    /// The row's valid numbers, normalised, without repeats, in column order.
    public var phones: [String]
    public var attributes: [(name: String, value: String)]
    public var rejection: ImportRejection?
    /// For an invalid number, the finer reason (e.g. `unknown_mobile_segment`).
    public var detail: PhoneRejection?
    /// The row as read, for the rejects file.
    public var fields: [String]

    public static func == (a: ScrubbedLead, b: ScrubbedLead) -> Bool {
        a.line == b.line && a.customerID == b.customerID && a.name == b.name && a.region == b.region
            && a.phones == b.phones && a.rejection == b.rejection && a.fields == b.fields
            && a.attributes.map(\.name) == b.attributes.map(\.name) && a.attributes.map(\.value) == b.attributes.map(\.value)
    }

    /// The reason in both languages, with the finer phone reason where there is one.
    public var reason: LocalizedText? {
        guard let rejection else { return nil }
        guard let detail else { return rejection.message }
        return LocalizedText(zh: "\(rejection.message.zh)：\(detail.message.zh)", en: "\(rejection.message.en): \(detail.message.en)")
    }
}

/// The import scrub (SPEC.md §1), in this order for each row:
/// 1. no non-empty phone field → `missing_phone`; no valid number → `invalid_number`
///    (invalid extra numbers of a row with a valid one are dropped);
/// 2. a number already met in an earlier row of the batch → `duplicate_in_batch`;
/// 3. a number already in the project → `duplicate_in_project`;
/// 4. numbers on the special list, then on the do-not-call list, are dropped; none left →
///    `special` if any was special, else `dnc`;
/// 5. the contact cap is reached for every remaining number → `cap_reached`.
/// Every row with a valid number marks its numbers as met, whatever its outcome.
public struct LeadScrubber: Sendable {
    private let columns: CustomerColumns
    private let projectPhones: Set<String>
    private let doNotCall: Set<String>
    private let special: Set<String>
    private let capReached: @Sendable (String) -> Bool
    private var seen: Set<String> = []

    public init(columns: CustomerColumns, projectPhones: Set<String>, doNotCall: Set<String>, special: Set<String>,
                capReached: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.columns = columns
        self.projectPhones = projectPhones
        self.doNotCall = doNotCall
        self.special = special
        self.capReached = capReached
    }

    public mutating func scrub(_ record: CSVParser.Record) -> ScrubbedLead {
        let fields = record.fields
        func value(_ index: Int?) -> String? {
            guard let index, index < fields.count else { return nil }
            let text = fields[index].trimmingWhitespace()
            return text.isEmpty ? nil : text
        }
        var lead = ScrubbedLead(
            line: record.line, customerID: value(columns.customerID), name: value(columns.name), region: value(columns.region),
            phones: [], attributes: columns.attributes.compactMap { a in value(a.index).map { (a.name, $0) } },
            rejection: nil, detail: nil, fields: fields)
        let raw = columns.phones.compactMap(value)
        guard !raw.isEmpty else { return rejected(lead, .missingPhone) }
        for text in raw {
            switch PhoneParser.parse(text) {
            case .success(let number) where !lead.phones.contains(number.digits): lead.phones.append(number.digits)
            case .success: continue
            case .failure(let reason): if lead.detail == nil { lead.detail = reason }
            }
        }
        guard !lead.phones.isEmpty else { return rejected(lead, .invalidNumber) }
        lead.detail = nil
        let repeated = lead.phones.contains(where: seen.contains)
        seen.formUnion(lead.phones)
        if repeated { return rejected(lead, .duplicateInBatch) }
        if lead.phones.contains(where: projectPhones.contains) { return rejected(lead, .duplicateInProject) }
        let hadSpecial = lead.phones.contains(where: special.contains)
        let callable = lead.phones.filter { !special.contains($0) && !doNotCall.contains($0) }
        guard !callable.isEmpty else { return rejected(lead, hadSpecial ? .special : .dnc) }
        lead.phones = callable
        guard callable.contains(where: { !capReached($0) }) else { return rejected(lead, .capReached) }
        return lead
    }

    private func rejected(_ lead: ScrubbedLead, _ reason: ImportRejection) -> ScrubbedLead {
        var lead = lead
        lead.rejection = reason
        return lead
    }
}

/// The figures of one import (METRICS.md §2 for the batch: every row is a lead, rejected ones included).
public struct ImportReport: Sendable, Equatable, Codable {
    public var rows = 0
    public var accepted = 0
    public var rejected = 0
    public var rejected_by_reason: [String: Int] = [:]

    public init() {}

    /// 客户数据总量 of the batch.
    public var account_size: Int { rows }
    /// 外呼有效号码量: leads not rejected at import.
    public var dialable_numbers: Int { accepted }
    /// 外呼有效号码率; null for an empty file.
    public var dialable_rate: Double? { rows == 0 ? nil : Double(accepted) / Double(rows) }

    public mutating func count(_ lead: ScrubbedLead) {
        rows += 1
        if let reason = lead.rejection {
            rejected += 1
            rejected_by_reason[reason.rawValue, default: 0] += 1
        } else {
            accepted += 1
        }
    }

    enum CodingKeys: String, CodingKey {
        case rows, accepted, rejected, rejected_by_reason, account_size, dialable_numbers, dialable_rate
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rows, forKey: .rows)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(rejected, forKey: .rejected)
        try c.encode(rejected_by_reason, forKey: .rejected_by_reason)
        try c.encode(account_size, forKey: .account_size)
        try c.encode(dialable_numbers, forKey: .dialable_numbers)
        if let rate = dialable_rate { try c.encode(rate, forKey: .dialable_rate) } else { try c.encodeNil(forKey: .dialable_rate) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rows = try c.decode(Int.self, forKey: .rows)
        accepted = try c.decode(Int.self, forKey: .accepted)
        rejected = try c.decode(Int.self, forKey: .rejected)
        rejected_by_reason = try c.decode([String: Int].self, forKey: .rejected_by_reason)
    }
}
