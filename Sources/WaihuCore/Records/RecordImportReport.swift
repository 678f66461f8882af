/// What an import of records did: rows read, stored, already there unchanged, updated, and every
/// refused row with its line and reason.
public struct RecordImportReport: Sendable, Codable, Equatable {
    public struct Rejection: Sendable, Codable, Equatable {
        public var line: Int
        public var code: String
        public var reason: LocalizedText
    }

    public var kind: RecordKind
    public var rows = 0
    public var stored = 0
    /// Rows already imported with the same id: importing twice changes nothing.
    public var unchanged = 0
    /// Rows that replaced what their id held before (a schedule or an order's new status).
    public var updated = 0
    public var rejected: [Rejection] = []

    public init(kind: RecordKind) {
        self.kind = kind
    }

    public mutating func reject(line: Int, _ error: DomainError) {
        rejected.append(Rejection(line: line, code: error.code, reason: error.message))
    }

    /// Every row was refused: nothing could be stored, nothing was there already; the command exits with 3.
    public var nothingStored: Bool { stored == 0 && updated == 0 && unchanged == 0 && !rejected.isEmpty }
}
