import Foundation

/// A wall-clock time of day in the site's zone, `HH:MM`.
public struct ClockTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Minutes since local midnight, 0–1439.
    public let minute: Int

    public init?(minute: Int) {
        guard (0 ..< 1_440).contains(minute) else { return nil }
        self.minute = minute
    }

    /// Parses `HH:MM` (also `H:MM`).
    public init?(_ text: String) {
        let parts = text.trimmingWhitespace().split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0 ..< 24).contains(h), (0 ..< 60).contains(m) else { return nil }
        self.init(minute: h * 60 + m)
    }

    public static func parse(_ text: String, field: String) throws(DomainError) -> ClockTime {
        guard let time = ClockTime(text) else {
            throw DomainError.invalidField(field, zh: "时间须为 HH:MM，不是「\(text)」", en: "a time of day is HH:MM, not \"\(text)\"")
        }
        return time
    }

    public var description: String {
        let h = minute / 60, m = minute % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minute < b.minute }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = ClockTime(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected HH:MM, got '\(text)'"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A shift (班次): when it starts and ends on its day and how many minutes of unpaid breaks it holds.
/// A shift ends on the day it starts (no overnight shifts).
public struct Shift: Sendable, Hashable, Codable {
    public let start: ClockTime
    public let end: ClockTime
    public let breakMinutes: Int

    public init(start: ClockTime, end: ClockTime, breakMinutes: Int = 0) throws(DomainError) {
        guard start < end else {
            throw DomainError(.badInput, code: "shift_ends_before_start",
                              zh: "班次的结束时间 \(end) 须晚于开始时间 \(start)（不支持跨午夜的班次）",
                              en: "A shift must end after it starts: \(end) is not after \(start) (shifts do not cross midnight)")
        }
        guard breakMinutes >= 0, breakMinutes < end.minute - start.minute else {
            throw DomainError.invalidField("break_minutes", zh: "休息分钟数须不小于 0 且短于班次",
                                           en: "the break minutes must be 0 or more and shorter than the shift")
        }
        self.start = start
        self.end = end
        self.breakMinutes = breakMinutes
    }

    /// Scheduled working seconds: the shift's length less its breaks (WF-15, WF-16).
    public var scheduledSeconds: Int { (end.minute - start.minute - breakMinutes) * 60 }

    /// The instants the shift starts and ends on `date` in `zone`.
    public func interval(on date: LocalDate, in zone: TimeZone) -> (start: Date, end: Date) {
        (LocalTime.instant(date, second: start.minute * 60, in: zone), LocalTime.instant(date, second: end.minute * 60, in: zone))
    }
}

/// One agent's day on the roster: a shift, a leave, or a rest day.
public enum RosterDay: Sendable, Hashable {
    case shift(Shift)
    case leave(LeaveType)
    case rest

    /// Scheduled seconds: rest days and leave are not scheduled hours (seed 004 三·2.2).
    public var scheduledSeconds: Int {
        if case .shift(let shift) = self { return shift.scheduledSeconds }
        return 0
    }

    /// Paid seconds as Waihu reads them (our choice): a shift's scheduled time; leave and rest none.
    public var paidSeconds: Int { scheduledSeconds }

    public var shift: Shift? {
        if case .shift(let shift) = self { return shift }
        return nil
    }

    public var leave: LeaveType? {
        if case .leave(let leave) = self { return leave }
        return nil
    }

    /// A roster cell from its three optional fields; a shift and a leave on one day is refused.
    public static func parse(start: String?, end: String?, breakMinutes: Int?, leave: String?) throws(DomainError) -> RosterDay {
        let start = start?.trimmingWhitespace() ?? "", end = end?.trimmingWhitespace() ?? ""
        let leave = leave?.trimmingWhitespace() ?? ""
        if !leave.isEmpty {
            guard start.isEmpty, end.isEmpty else {
                throw DomainError(.badInput, code: "shift_and_leave",
                                  zh: "同一天不能既排班又请假", en: "A day cannot hold both a shift and a leave")
            }
            return .leave(try LeaveType.parse(leave))
        }
        if start.isEmpty, end.isEmpty { return .rest }
        guard !start.isEmpty else { throw DomainError.missingField("shift_start") }
        guard !end.isEmpty else { throw DomainError.missingField("shift_end") }
        return .shift(try Shift(start: ClockTime.parse(start, field: "shift_start"), end: ClockTime.parse(end, field: "shift_end"),
                                breakMinutes: breakMinutes ?? 0))
    }
}
