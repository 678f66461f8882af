import Foundation

/// A roster cell as a workbook writes it: `09:00-18:00/60` (a shift and its break minutes), a shift template's name,
/// a leave type (`年假` or `annual`), `休` for a rest day; empty leaves the day as it is.
public enum RosterCell {
    public static func text(_ day: RosterDay) -> String {
        switch day {
        case .shift(let shift): "\(shift.start)-\(shift.end)" + (shift.breakMinutes > 0 ? "/\(shift.breakMinutes)" : "")
        case .leave(let leave): leave.name.zh
        case .rest: "休"
        }
    }

    /// The day a cell says, nil when empty; `templates` by name.
    public static func parse(_ raw: String, templates: [String: Shift]) throws(DomainError) -> RosterDay? {
        let text = raw.trimmingWhitespace()
        if text.isEmpty { return nil }
        if ["休", "rest", "休息"].contains(text.lowercased()) { return .rest }
        if let shift = templates[text] { return .shift(shift) }
        if let leave = LeaveType(rawValue: text.lowercased()) ?? LeaveType.allCases.first(where: { $0.name.zh == text }) { return .leave(leave) }
        let parts = text.replacingOccurrences(of: "–", with: "-").split(separator: "/", maxSplits: 1).map(String.init)
        let times = parts[0].split(separator: "-").map { String($0) }
        guard times.count == 2, let start = ClockTime(times[0]), let end = ClockTime(times[1]) else {
            throw DomainError.invalidField("shift_start", zh: "「\(text)」不是班次（如 09:00-18:00/60）、班次模板、假别或“休”",
                                           en: "\"\(text)\" is not a shift (e.g. 09:00-18:00/60), a shift template, a leave type or 休")
        }
        var breaks = 0
        if parts.count == 2 {
            guard let minutes = Int(parts[1].trimmingWhitespace()) else {
                throw DomainError.invalidField("break_minutes", zh: "「\(text)」斜线后须为休息分钟数", en: "after the slash in \"\(text)\" come the break minutes")
            }
            breaks = minutes
        }
        return .shift(try Shift(start: start, end: end, breakMinutes: breaks))
    }
}
