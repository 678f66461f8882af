import Foundation
import Testing
@testable import WaihuCore

/// The report's periods, its rows against the period before, and its sheets.
@Suite struct ReportTests {
    let zone = TimeZone(identifier: "Asia/Shanghai")!

    @Test func aDailyReportCoversYesterdayAndAMonthlyOneLastMonth() {
        // 1 December 2026, 00:30 in Shanghai (30 November 16:30 UTC).
        let now = LocalTime.instant(LocalDate(year: 2026, month: 12, day: 1)!, second: 1800, in: zone)
        #expect(ReportKind.daily.due(at: now, in: zone).description == "2026-11-30")
        #expect(ReportKind.monthly.due(at: now, in: zone).description == "2026-11-01")
        #expect(ReportKind.monthly.lastDay(of: LocalDate(year: 2026, month: 2, day: 1)!).description == "2026-02-28")
        #expect(ReportKind.monthly.previous(LocalDate(year: 2026, month: 1, day: 1)!).description == "2025-12-01")
        #expect(ReportKind.monthly.label(LocalDate(year: 2026, month: 11, day: 1)!) == "2026-11")
        #expect(ReportKind.daily.previous(LocalDate(year: 2026, month: 3, day: 1)!).description == "2026-02-28")
    }

    func row(_ project: String, calls: Double, connected: Double) -> MetricRow {
        MetricRow(key: SliceKey(project: project), dimensions: [.project],
                  values: OperationsReport.figures.map { id in
                      switch id {
                      case .calls_made: (id, calls)
                      case .connected_calls: (id, connected)
                      case .connect_rate: (id, calls == 0 ? nil : connected / calls)
                      default: (id, nil)
                      }
                  })
    }

    @Test func rowsAreMatchedWithThePeriodBeforeByNameAndTheSheetsShowTheChange() throws {
        let report = OperationsReport.build(
            kind: .daily, first: LocalDate(year: 2026, month: 11, day: 2)!, generatedAt: Date(timeIntervalSince1970: 0),
            current: [.project: [row("P1", calls: 10, connected: 4), row("P2", calls: 5, connected: 0)]],
            previous: [.project: [row("P1", calls: 8, connected: 4)]], targetProgress: ["P1": 0.5, "P2": nil])
        let projects = try #require(report.sections.first { $0.dimension == .project })
        #expect(projects.rows.map(\.name) == ["P1", "P2"])
        let calls = try #require(OperationsReport.figures.firstIndex(of: .calls_made))
        let rate = try #require(OperationsReport.figures.firstIndex(of: .connect_rate))
        #expect(projects.rows[0].values[calls] == 10 && projects.rows[0].previous[calls] == 8)
        #expect(projects.rows[1].previous[calls] == nil)
        #expect(projects.rows[0].target_progress == 0.5 && projects.rows[1].target_progress == nil)

        let sheet = try #require(ReportTable(report, language: .en).sheets.first)
        #expect(sheet.name == "Project")
        // Name, then (value, previous, change) per figure, then the target progress.
        #expect(sheet.rows[0].count == 1 + 3 * OperationsReport.figures.count + 1)
        #expect(sheet.rows[0][1] == .text("Calls Made") && sheet.rows[0][3] == .text("Calls Made change"))
        let p1 = sheet.rows[1]
        #expect(p1[1 + 3 * calls] == .number(10) && p1[2 + 3 * calls] == .number(8) && p1[3 + 3 * calls] == .number(2))
        // A rate is a percentage, its change in percentage points.
        #expect(p1[1 + 3 * rate] == .percent(0.4) && p1[3 + 3 * rate] == .percent(0.4 - 0.5))
        #expect(sheet.rows[2][3 + 3 * calls] == .empty)
        #expect(p1.last == .percent(0.5))
        #expect(sheet.title.count == 2 && sheet.title[1].contains(report.first_day.description))
        #expect(ReportTable(report, language: .zh).sheets[0].rows[0][1] == .text("电话外拨次数"))
    }
}
