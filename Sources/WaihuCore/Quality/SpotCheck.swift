import Foundation

/// The monthly, seeded, unannounced checks of a vendor's work (RULES SM-02, SM-04): its dialled numbers re-decided
/// against the contact rules as they stood at each call (号码抽查), and its successes verified by an inspector
/// (开通量核实); the vendor is notified in Waihu the same day and acknowledges, then reports the fix.
public enum SpotCheckKind: String, Sendable, Codable, CaseIterable {
    case numbers
    case successes

    public var name: LocalizedText {
        switch self {
        case .numbers: LocalizedText(zh: "号码抽查", en: "Number audit")
        case .successes: LocalizedText(zh: "开通量核实", en: "Success verification")
        }
    }

    /// How many calls a check takes by default (our choice: the seeds give no size).
    public var defaultSize: Int { self == .numbers ? 50 : 20 }
}

/// Checks of a spot check's inputs and of a verification.
public enum SpotCheck {
    /// `YYYY-MM`.
    public static func month(_ text: String) throws(DomainError) -> (first: LocalDate, next: LocalDate) {
        guard text.count == 7, let first = LocalDate(text + "-01") else {
            throw DomainError.invalidField("month", zh: "月份格式为 YYYY-MM", en: "a month is YYYY-MM")
        }
        let next = LocalDate(year: first.year + (first.month == 12 ? 1 : 0), month: first.month == 12 ? 1 : first.month + 1, day: 1)!
        return (first, next)
    }

    public static func size(_ size: Int) throws(DomainError) -> Int {
        guard (1 ... 1_000).contains(size) else {
            throw DomainError.invalidField("size", zh: "抽查条数须为 1–1000", en: "a check takes 1–1,000 calls")
        }
        return size
    }

    /// A success found not valid needs the reason: it is what the vendor is told and what settlement leaves out.
    public static func verification(verified: Bool, reason: String) throws(DomainError) -> String {
        let reason = reason.trimmingWhitespace()
        guard verified || !reason.isEmpty else {
            throw DomainError(.badInput, code: "verification_reason_required", zh: "核实不通过须写明原因（如客户否认订购、录音无确认）",
                              en: "Say why the success does not stand (the customer denies ordering, no yes on the recording)")
        }
        return String(reason.prefix(1_000))
    }
}
