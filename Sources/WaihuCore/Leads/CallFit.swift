/// Which calls a result may end: one a person answered, one nobody answered, or either. An answered
/// seven-minute call is not "no answer", and a call nobody picked up is not a sale.
public enum CallFit: String, Sendable, Codable, CaseIterable {
    case answered
    case unanswered
    case either

    /// The fit of a disposition: the catalog's codes by what they say happened; a project's own code by its
    /// category (a success, a completion or a refusal needs a person; anything else may end either call).
    public static func of(code: String, category: DispositionCategory) -> CallFit {
        if unansweredCodes.contains(code) { return .unanswered }
        if answeredCodes.contains(code) { return .answered }
        switch category {
        case .success, .completed, .refused: return .answered
        case .unreachable, .invalid: return .either
        }
    }

    /// Whether a call that was (or was not) answered may end with this result.
    public func allows(answered: Bool) -> Bool {
        switch self {
        case .answered: answered
        case .unanswered: !answered
        case .either: true
        }
    }

    static let unansweredCodes: Set<String> = ["busy", "no_answer", "powered_off", "vacant", "suspended", "answering_machine",
                                               "roaming", "forwarded"]
    static let answeredCodes: Set<String> = ["success", "completed", "refused", "broke_off", "dnc_request", "not_target",
                                             "wrong_number", "no_such_person", "incomplete"]
}

extension DispositionRule {
    /// Which calls this result may end (`CallFit`).
    public var fit: CallFit { CallFit.of(code: code, category: category) }
}
