/// The papers a vendor keeps on file with the client (issue 18 item 1, RULES D.2/D.3): its business licence and the
/// licence's annual check, the confidentiality agreement, the contract, and other qualification papers.
public enum VendorDocumentKind: String, Sendable, Codable, CaseIterable {
    case business_licence
    case licence_annual_check
    case nda
    case contract
    case other

    public var name: LocalizedText {
        switch self {
        case .business_licence: LocalizedText(zh: "营业执照", en: "Business licence")
        case .licence_annual_check: LocalizedText(zh: "营业执照年检", en: "Licence annual check")
        case .nda: LocalizedText(zh: "保密协议", en: "Confidentiality agreement")
        case .contract: LocalizedText(zh: "合作合同", en: "Contract")
        case .other: LocalizedText(zh: "其他资质文件", en: "Other qualification papers")
        }
    }

    public static func parse(_ text: String) throws(DomainError) -> VendorDocumentKind {
        try parseNamed(text, field: "kind", names: \.name, what: LocalizedText(zh: "文件类别", en: "document kind"))
    }
}
