import Foundation

/// Where the fields of a customer file are: found by header, in Chinese or English,
/// with an optional mapping that overrides the detection.
public struct CustomerColumns: Sendable, Equatable {
    /// The fields a column can feed.
    public enum Field: String, Sendable, CaseIterable, Codable {
        case phone
        case customerID = "customer_id"
        case name
        case region
        /// Kept as an attribute of the lead under its header.
        case attribute
        /// Dropped.
        case ignore
    }

    /// Columns holding phone numbers, in file order (one customer may have several).
    public var phones: [Int]
    public var customerID: Int?
    public var name: Int?
    public var region: Int?
    /// Other columns, kept as attributes under their header.
    public var attributes: [Attribute]
    /// What each header was mapped to, for the import preview.
    public var mapping: [(header: String, field: Field)] {
        header.enumerated().map { index, name in (name, field(at: index)) }
    }

    public struct Attribute: Sendable, Equatable {
        public var index: Int
        public var name: String
    }

    let header: [String]

    public static let aliases: [Field: [String]] = [
        .phone: ["phone", "mobile", "tel", "telephone", "phone_number", "mobile_phone", "手机", "手机号", "手机号码",
                 "电话", "电话号码", "联系电话", "号码", "固话", "固定电话", "备用电话", "其他电话", "联系方式"],
        .customerID: ["customer_id", "customer_no", "customer_number", "客户编号", "客户id", "客户号", "编号"],
        .name: ["name", "customer_name", "姓名", "客户姓名", "名字", "客户名称"],
        .region: ["region", "city", "area", "地区", "区域", "城市", "所在地", "地市"],
    ]

    /// Detects the columns; `overrides` maps a header to a field and wins over detection.
    public static func detect(header: [String], overrides: [String: Field] = [:]) throws(DomainError) -> CustomerColumns {
        let cleaned = header.map(HeaderMap.clean)
        let cleanedOverrides = Dictionary(overrides.map { (HeaderMap.clean($0.key), $0.value) }, uniquingKeysWith: { $1 })
        for key in cleanedOverrides.keys where !cleaned.contains(key) {
            throw DomainError(.badInput, code: "mapping_unknown_column",
                              zh: "映射文件中的列“\(key)”不在表头中", en: "The mapping names a column '\(key)' that the header lacks")
        }
        var columns = CustomerColumns(phones: [], customerID: nil, name: nil, region: nil, attributes: [], header: header)
        for (index, name) in cleaned.enumerated() {
            switch cleanedOverrides[name] ?? detectField(name) {
            case .phone: columns.phones.append(index)
            case .customerID where columns.customerID == nil: columns.customerID = index
            case .name where columns.name == nil: columns.name = index
            case .region where columns.region == nil: columns.region = index
            case .ignore: break
            default:
                let label = header[index].replacingBOM().trimmingWhitespace()
                columns.attributes.append(Attribute(index: index, name: label.isEmpty ? "column_\(index + 1)" : label))
            }
        }
        guard !columns.phones.isEmpty else {
            throw DomainError(.badInput, code: "no_phone_column",
                              zh: "表头中没有电话列（如 手机号、电话、phone），可用映射文件指定",
                              en: "The header has no phone column (such as 手机号, 电话, phone); name one in a mapping file")
        }
        return columns
    }

    /// A header's field: an alias, or an alias followed by a number (`电话2`, `phone_1`).
    static func detectField(_ cleaned: String) -> Field {
        let base = String(cleaned.reversed().drop(while: { $0.isNumber || $0 == "_" }).reversed())
        for (field, names) in aliases where names.contains(cleaned) || (base != cleaned && field == .phone && names.contains(base)) {
            return field
        }
        return .attribute
    }

    func field(at index: Int) -> Field {
        if phones.contains(index) { return .phone }
        if index == customerID { return .customerID }
        if index == name { return .name }
        if index == region { return .region }
        return attributes.contains { $0.index == index } ? .attribute : .ignore
    }

    public static func == (a: CustomerColumns, b: CustomerColumns) -> Bool {
        a.phones == b.phones && a.customerID == b.customerID && a.name == b.name && a.region == b.region
            && a.attributes == b.attributes && a.header == b.header
    }

    /// Reads a mapping file: a JSON object from header to field (`{"联系人手机": "phone"}`).
    public static func parseMapping(_ data: Data) throws(DomainError) -> [String: Field] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] else {
            throw DomainError(.badInput, code: "invalid_mapping",
                              zh: "映射文件须为 JSON 对象：{\"表头\": \"phone|customer_id|name|region|attribute|ignore\"}",
                              en: "The mapping file must be a JSON object {\"header\": \"phone|customer_id|name|region|attribute|ignore\"}")
        }
        var mapping: [String: Field] = [:]
        for (header, raw) in object {
            guard let field = Field(rawValue: raw) else {
                throw DomainError(.badInput, code: "invalid_mapping",
                                  zh: "映射“\(header)”的字段“\(raw)”无效", en: "The mapping of '\(header)' names an unknown field '\(raw)'")
            }
            mapping[header] = field
        }
        return mapping
    }
}

extension CustomerColumns.Field {
    /// What the field is, for the import preview.
    public var label: LocalizedText {
        switch self {
        case .phone: LocalizedText(zh: "电话号码", en: "phone number")
        case .customerID: LocalizedText(zh: "客户编号", en: "customer id")
        case .name: LocalizedText(zh: "姓名", en: "name")
        case .region: LocalizedText(zh: "地区", en: "region")
        case .attribute: LocalizedText(zh: "属性（保留）", en: "attribute (kept)")
        case .ignore: LocalizedText(zh: "忽略", en: "ignored")
        }
    }
}
