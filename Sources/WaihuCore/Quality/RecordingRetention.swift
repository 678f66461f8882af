import Foundation

/// How long recordings are kept (RULES RC-01, RC-02): at least three months (90 days, the seed's vendor condition,
/// our reading for Waihu itself), longer when a center says so, and never deleted while a complaint about the call is
/// open — a recording is the original evidence of a dispute.
public enum RecordingRetention {
    public static let minimumDays = 90
    public static let defaultDays = 90

    public static func validated(_ days: Int) throws(DomainError) -> Int {
        guard (minimumDays ... 3_650).contains(days) else {
            throw DomainError.invalidField("days", zh: "录音保存期限须为 \(minimumDays)–3650 天（至少三个月）",
                                           en: "recordings are kept \(minimumDays)–3,650 days (three months at least)")
        }
        return days
    }

    /// Whether a call's recording may go: older than the retention and no complaint about it still open.
    public static func expired(callStartedAt: Date, at now: Date, days: Int, complaintOpen: Bool) -> Bool {
        !complaintOpen && callStartedAt < now.addingTimeInterval(-TimeInterval(days) * 86_400)
    }
}
