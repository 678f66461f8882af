/// The outcome categories of a call (METRICS.md §1.3), highest first in a lead's outcome:
/// success > completed > refused > invalid > unreachable.
public enum DispositionCategory: String, Sendable, Codable, CaseIterable {
    case success
    case completed
    case refused
    case unreachable
    case invalid

    /// The category of a canonical disposition code; nil for a code the catalog does not know
    /// (a project's own codes are mapped by the project).
    public static func of(_ code: String) -> DispositionCategory? { canonical[code] }

    /// The place in a lead's outcome: the higher wins (success 5 … unreachable 1).
    public var outcomeRank: Int {
        switch self {
        case .success: 5
        case .completed: 4
        case .refused: 3
        case .invalid: 2
        case .unreachable: 1
        }
    }

    /// The higher of two categories in a lead's outcome.
    public static func highest(_ a: DispositionCategory?, _ b: DispositionCategory?) -> DispositionCategory? {
        guard let a else { return b }
        guard let b else { return a }
        return a.outcomeRank >= b.outcomeRank ? a : b
    }

    public static let canonical: [String: DispositionCategory] = {
        var table: [String: DispositionCategory] = ["success": .success, "completed": .completed]
        for code in ["refused", "broke_off", "dnc_request"] { table[code] = .refused }
        for code in ["busy", "no_answer", "forwarded", "callback", "powered_off", "abandoned", "answering_machine"] {
            table[code] = .unreachable
        }
        for code in ["not_target", "vacant", "suspended", "wrong_number", "no_such_person", "company_closed", "incomplete", "roaming"] {
            table[code] = .invalid
        }
        return table
    }()
}
