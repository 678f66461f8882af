import Foundation

/// One agent's day against the roster (issue 19 item 2): late (first login after the shift's start), absent (a shift and
/// no login), early leave (last logout before the shift's end), adherence (logged-in time within the shift ÷ the shift's
/// time so far) and conformance (logged-in time that day ÷ scheduled time).
public struct AttendanceRow: Sendable, Equatable {
    public var agent: UUID
    public var day: RosterDay?
    public var firstLogin: Date?
    /// The end of the day's last logged-in interval; nil while still logged in or never in.
    public var lastLogout: Date?
    public var lateSeconds: Int?
    public var absent: Bool
    public var earlyLeaveSeconds: Int?
    public var loggedInSeconds: Int
    public var withinShiftSeconds: Int
    public var adherence: Double?
    public var conformance: Double?
}

public enum DailyAttendance {
    /// The rows of the agents rostered or logged in on `date`, from the roster and that day's intervals.
    public static func rows(date: LocalDate, zone: TimeZone, asOf: Date, roster: [UUID: RosterDay], spans: [ScorecardInput.StateSpan],
                            graceSeconds: Int = 0) -> [AttendanceRow] {
        var byAgent: [UUID: [ScorecardInput.StateSpan]] = [:]
        for span in spans where span.state.isLoggedIn && LocalTime(span.start, in: zone).date == date { byAgent[span.agent, default: []].append(span) }
        return Set(roster.keys).union(byAgent.keys).sorted { $0.uuidString < $1.uuidString }.map { agent in
            let own = byAgent[agent] ?? [], day = roster[agent]
            let first = own.map(\.start).min(), lastEnd = own.map(\.end).max()
            let stillIn = own.contains { $0.end >= asOf }
            var row = AttendanceRow(agent: agent, day: day, firstLogin: first, lastLogout: stillIn ? nil : lastEnd, lateSeconds: nil, absent: false,
                                    earlyLeaveSeconds: nil, loggedInSeconds: own.reduce(0) { $0 + Int($1.end.timeIntervalSince($1.start)) },
                                    withinShiftSeconds: 0, adherence: nil, conformance: nil)
            guard let shift = day?.shift else { return row }
            let (start, end) = shift.interval(on: date, in: zone)
            guard start <= asOf else { return row }
            if let first {
                let late = Int(first.timeIntervalSince(start))
                if late > graceSeconds { row.lateSeconds = late }
            } else {
                row.absent = true
            }
            if let out = row.lastLogout, out < end, asOf >= end { row.earlyLeaveSeconds = Int(end.timeIntervalSince(out)) }
            let until = min(end, asOf)
            row.withinShiftSeconds = own.reduce(0) { $0 + max(0, Int(min($1.end, until).timeIntervalSince(max($1.start, start)))) }
            let elapsed = Int(until.timeIntervalSince(start))
            row.adherence = elapsed > 0 ? Double(row.withinShiftSeconds) / Double(elapsed) : nil
            row.conformance = shift.scheduledSeconds > 0 ? Double(row.loggedInSeconds) / Double(shift.scheduledSeconds) : nil
            return row
        }
    }
}

/// Attrition and replacement (issue 19 item 3, RULES WF-07–WF-09) for a site's staff.
public enum Attrition {
    public struct Leaver: Sendable, Equatable {
        public var agent: UUID
        public var number: String
        public var leftOn: LocalDate
        public var replacement: String?
        public var replacedOn: LocalDate?
        /// Days from `left_on` to the replacement's hiring, or to `today` while none.
        public var days: Int
    }

    /// Leavers since 1 January ÷ the mean of the headcount on 1 January and on `day`.
    public static func yearToDate(_ staff: [ScorecardInput.Staff], on day: LocalDate) -> (leavers: Int, start: Int, end: Int, rate: Double?) {
        let january = LocalDate(year: day.year, month: 1, day: 1)!
        let leavers = staff.filter { $0.leftOn.map { $0 >= january && $0 <= day } ?? false }.count
        let start = AttritionLines.headcount(staff, on: january), end = AttritionLines.headcount(staff, on: day)
        return (leavers, start, end, start + end > 0 ? 2 * Double(leavers) / Double(start + end) : nil)
    }

    /// Every leaver with its replacement (first come, first matched), newest first.
    public static func leavers(_ staff: [ScorecardInput.Staff], today: LocalDate) -> [Leaver] {
        AttritionLines.replacements(staff).map { leaver, replacement in
            let left = leaver.leftOn!
            let until = replacement?.hiredOn ?? today
            return Leaver(agent: leaver.agent, number: leaver.number, leftOn: left, replacement: replacement?.number, replacedOn: replacement?.hiredOn,
                          days: LocalTime.days(from: until) - LocalTime.days(from: left))
        }.sorted { ($0.leftOn, $0.number) > ($1.leftOn, $1.number) }
    }
}
