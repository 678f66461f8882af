import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The QA report of a month (`/qa/report?month=2026-11&by=agent|team|site`, `format=xlsx` to download): within the
/// caller's scope, reviews by when they were made.
extension QualityPages {
    struct ReportRow: Encodable {
        var group: String
        var reviews: Int
        var average: String
        var excellent: Int
        var qualified: Int
        var unqualified: Int
        var mostFailed: String
        var appeals: String
    }

    struct ReportData: Encodable {
        var month: String
        var by: String
        var dimensions: [AdminPages.Option]
        var rows: [ReportRow]
    }

    static func report(_ req: Request) async throws -> Response {
        let language = req.language
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let today = LocalTime(req.now, in: zone).date
        let month = req.query[String.self, at: "month"].flatMap { $0.isEmpty ? nil : $0 } ?? String(today.description.prefix(7))
        guard let first = LocalDate(month + "-01") else {
            throw DomainError.invalidField("month", zh: "月份格式为 YYYY-MM", en: "a month is YYYY-MM")
        }
        let next = LocalDate(year: first.year + (first.month == 12 ? 1 : 0), month: first.month == 12 ? 1 : first.month + 1, day: 1)!
        let by = ["agent", "team", "site"].contains(req.query[String.self, at: "by"] ?? "") ? req.query[String.self, at: "by"]! : "agent"
        let scope = try req.currentUser().scope
        let agents = try await AgentQueries.agents(in: .organisation, on: req.db)
        let sites = Dictionary(uniqueKeysWithValues: try await OrganisationQueries.sites(in: .organisation, on: req.db).compactMap { s in s.id.map { ($0, s.name) } })
        let teams = Dictionary(uniqueKeysWithValues: try await TeamModel.query(on: req.db).all().compactMap { t in t.id.map { ($0, t.name) } })
        let groupOf = Dictionary(uniqueKeysWithValues: agents.map { agent -> (String, String) in
            let label = "\(agent.number) \(agent.name)"
            switch by {
            case "team": return (label, agent.teamID.flatMap { teams[$0] } ?? "—")
            case "site": return (label, sites[agent.siteID] ?? "—")
            default: return (label, label)
            }
        })
        let (start, end) = (LocalTime.instant(first, in: zone), LocalTime.instant(next, in: zone))
        let reviews = try await QualityReads.reviews(scope: scope, limit: 100_000, on: req.db).filter { $0.reviewed_at >= start && $0.reviewed_at < end }
        let rows = QualityReport.rows(reviews.map { review in
            QualityReport.Review(group: groupOf[review.agent] ?? review.agent, score: review.score, grade: ReviewGrade(rawValue: review.grade) ?? .qualified,
                                 failed: review.items.filter { ($0.score ?? $0.points) < $0.points }.map(\.text), appealed: review.appealed_at != nil,
                                 outcome: review.appeal_outcome.flatMap(AppealOutcome.init(rawValue:)))
        }).map { row in
            ReportRow(group: row.group, reviews: row.reviews, average: String(format: "%.1f", row.averageScore), excellent: row.excellent,
                      qualified: row.qualified, unqualified: row.unqualified,
                      mostFailed: row.mostFailed.map { "\($0.item)（\($0.count)）" }.joined(separator: "；"),
                      appeals: row.appeals == 0 ? "0" : "\(row.appeals)（" + Strings.text("qa_report_upheld", language) + " \(row.upheld)，"
                          + Strings.text("qa_report_revised", language) + " \(row.revised)）")
        }
        let t = Strings.dictionary(language)
        if req.query[String.self, at: "format"] == "xlsx" {
            let header = ["qa_report_group_" + by, "qa_report_reviews", "qa_report_average", "qa_report_excellent", "qa_report_qualified",
                          "qa_unqualified_ticket", "qa_report_most_failed", "qa_appeal"].map { ReportTable.Cell.text(t[$0] ?? $0) }
            let lines: [[ReportTable.Cell]] = rows.map {
                [.text($0.group), .number(Double($0.reviews)), .number(Double($0.average) ?? 0), .number(Double($0.excellent)),
                 .number(Double($0.qualified)), .number(Double($0.unqualified)), .text($0.mostFailed), .text($0.appeals)]
            }
            let sheet = ReportTable.Sheet(name: t["qa_report"] ?? "QA", rows: [header] + lines)
            return Download.xlsx(try XLSXWriter.workbook(ReportTable(sheets: [sheet])), named: "qa-report-\(month)")
        }
        let data = ReportData(month: month, by: by,
                              dimensions: ["agent", "team", "site"].map { .init(value: $0, label: t["qa_report_group_" + $0] ?? $0) }, rows: rows)
        return try await PageRenderer.render("qa-report", titleKey: "qa_report", data: data, for: req).encodeResponse(for: req)
    }
}
