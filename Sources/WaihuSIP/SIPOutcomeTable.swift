import WaihuCore

/// How a trunk's refusals become call results (telephony research note §4.2): a SIP status, the Q.850 cause of its
/// `Reason` header (RFC 3326) when there is one, or both. Carriers differ — 停机 has no standard code — so every
/// trunk can override the defaults with its own rules.
///
/// A refusal is read, most specific first: a rule for this status with this cause; then, for a 5xx, `failed`
/// (a proxy turns a 503 into a 500 and may drop its Reason, so no 5xx is trusted to mean more); then a rule for the
/// cause alone (the cause wins over the status when both are known, RFC 3398); then a rule for the status; and
/// otherwise `failed`.
public struct SIPOutcomeTable: Sendable, Equatable {
    public struct Key: Hashable, Sendable {
        public var status: Int?
        public var cause: Int?
    }

    /// A rule key this table cannot read: `486`, `480;cause=20` or `cause=17` are the forms.
    public struct BadKey: Error, Equatable, Sendable {
        public let key: String
    }

    public private(set) var rules: [Key: CallFailure]

    public init(rules: [Key: CallFailure] = [:]) {
        self.rules = rules
    }

    /// RFC 3398's ISUP↔SIP mapping as the research note tabulates it.
    public static let defaults: SIPOutcomeTable = {
        var table = SIPOutcomeTable()
        for status in [486, 600] { table.rules[Key(status: status)] = .busy }
        for status in [404, 604, 410, 484] { table.rules[Key(status: status)] = .vacant }
        for status in [480, 408] { table.rules[Key(status: status)] = .no_answer }
        table.rules[Key(cause: 17)] = .busy
        for cause in [1, 2, 3, 22, 28] { table.rules[Key(cause: cause)] = .vacant }
        table.rules[Key(cause: 20)] = .powered_off
        for cause in [18, 19] { table.rules[Key(cause: cause)] = .no_answer }
        return table
    }()

    /// The defaults with a trunk's own rules on top, each written `status`, `status;cause=N` or `cause=N`.
    public func overridden(by own: [String: CallFailure]) throws(BadKey) -> SIPOutcomeTable {
        var table = self
        for (text, failure) in own { table.rules[try Self.key(text)] = failure }
        return table
    }

    static func key(_ text: String) throws(BadKey) -> Key {
        var key = Key()
        for part in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            if part.hasPrefix("cause="), let cause = Int(part.dropFirst(6)), (1 ... 127).contains(cause), key.cause == nil {
                key.cause = cause
            } else if let status = Int(part), (300 ... 699).contains(status), key.status == nil, key.cause == nil {
                key.status = status
            } else {
                throw BadKey(key: text)
            }
        }
        guard key.status != nil || key.cause != nil else { throw BadKey(key: text) }
        return key
    }

    public func failure(status: Int, cause: Int?) -> CallFailure {
        if let cause, let rule = rules[Key(status: status, cause: cause)] { return rule }
        if (500 ..< 600).contains(status) { return .failed }
        if let cause, let rule = rules[Key(cause: cause)] { return rule }
        return rules[Key(status: status)] ?? .failed
    }

    /// The result of a final refusal as it came from the trunk.
    public func failure(of response: SIPMessage) -> CallFailure? {
        guard let status = response.status, status >= 300 else { return nil }
        return failure(status: status, cause: Self.q850Cause(in: response))
    }

    /// The `cause` of a `Reason: Q.850;cause=N` value (RFC 3326), among any other Reason values.
    public static func q850Cause(in message: SIPMessage) -> Int? {
        for value in message.headers.values("Reason") {
            let protocolName = value.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).uppercased()
            guard protocolName == "Q.850" else { continue }
            let cause = value.split(separator: ";").dropFirst().compactMap { part -> Int? in
                let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return pair.count == 2 && pair[0].lowercased() == "cause" ? Int(pair[1]) : nil
            }.first
            if let cause { return cause }
        }
        return nil
    }
}
