/// Why a customer row was not accepted into a project's dialable pool.
/// The codes are the import report's, exactly.
public enum ImportRejection: String, Sendable, CaseIterable, Codable {
    case missingPhone = "missing_phone"
    case invalidNumber = "invalid_number"
    case duplicateInBatch = "duplicate_in_batch"
    case duplicateInProject = "duplicate_in_project"
    case dnc
    case special
    case capReached = "cap_reached"

    public var message: LocalizedText {
        switch self {
        case .missingPhone: LocalizedText(zh: "没有电话号码", en: "no phone number")
        case .invalidNumber: LocalizedText(zh: "号码无效", en: "invalid number")
        case .duplicateInBatch: LocalizedText(zh: "与本批次前面的行重复", en: "repeats an earlier row of this batch")
        case .duplicateInProject: LocalizedText(zh: "项目中已有该号码的客户", en: "the project already has a customer with this number")
        case .dnc: LocalizedText(zh: "号码在禁止呼叫名单中", en: "the number is on the do-not-call list")
        case .special: LocalizedText(zh: "特殊客户（公用电话、政府官员等），不得外呼", en: "special customer (public phone, official): never called")
        case .capReached: LocalizedText(zh: "已达呼叫频次上限", en: "the contact cap is reached")
        }
    }
}
