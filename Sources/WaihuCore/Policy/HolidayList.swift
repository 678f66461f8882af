/// The holidays and working days of a calling schedule as a person edits them: one day a line,
/// `2026-10-01` (no calls that day) or `2026-10-08 10:00-16:00, 18:00-20:00` (calls only then).
public enum HolidayList {
    /// The holidays as lines, in date order.
    public static func text(_ holidays: [String: [CallingWindow]]) -> String {
        holidays.keys.sorted().map { day in
            let windows = holidays[day] ?? []
            return windows.isEmpty ? day : day + " " + windows.map(\.description).joined(separator: ", ")
        }.joined(separator: "\n")
    }

    /// Days one a line, in date order.
    public static func text(_ days: Set<String>) -> String {
        days.sorted().joined(separator: "\n")
    }

    /// Reads the holidays' lines; a bad line is refused with its number.
    public static func holidays(_ text: String) throws(DomainError) -> [String: [CallingWindow]] {
        var holidays: [String: [CallingWindow]] = [:]
        for (number, line) in lines(text) {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            let day = try date(parts[0], line: number)
            var windows: [CallingWindow] = []
            if parts.count == 2 {
                for window in parts[1].split(separator: ",") {
                    do { windows.append(try CallingWindow(String(window))) } catch {
                        throw refusal(number, zh: "时段须写成 10:00-16:00", en: "a window is written 10:00-16:00")
                    }
                }
            }
            holidays[day.description] = windows
        }
        return holidays
    }

    /// Reads the working days' lines.
    public static func days(_ text: String) throws(DomainError) -> Set<String> {
        var days: Set<String> = []
        for (number, line) in lines(text) { days.insert(try date(line, line: number).description) }
        return days
    }

    private static func lines(_ text: String) -> [(Int, String)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset + 1, $0.element.trimmingWhitespace()) }.filter { !$0.1.isEmpty }
    }

    private static func date(_ text: String, line: Int) throws(DomainError) -> LocalDate {
        guard let day = LocalDate(text) else {
            throw refusal(line, zh: "日期须写成 2026-10-01", en: "a date is written 2026-10-01")
        }
        return day
    }

    private static func refusal(_ line: Int, zh: String, en: String) -> DomainError {
        .invalidField("holidays", zh: "第 \(line) 行：\(zh)", en: "line \(line): \(en)")
    }
}
