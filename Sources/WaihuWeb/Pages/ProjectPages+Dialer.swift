import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The dialer card of the project page: its dial mode, and its abandon rate today and over 30 days.
extension ProjectPages {
    struct DialerView: Encodable {
        var mode: String
        var modes: [AdminPages.Option]
        var today: String
        var trailing30Days: String
    }

    struct DialModeForm: Content {
        var mode: String
    }

    static func dialerView(_ record: ProjectRecord, at now: Date, _ lang: Language, on db: any Database) async throws -> DialerView {
        let dto = try await DialerController.dto(record, at: now, on: db)
        func rate(_ tally: DialerController.DialerDTO.Tally) -> String {
            let share = tally.abandon_rate.map { String(format: "%.2f%%", $0 * 100) } ?? "—"
            return "\(share)（\(tally.abandoned) / \(tally.answered_by_person)）"
        }
        return DialerView(mode: Strings.text("dial_mode_\(dto.mode)", lang),
                          modes: [DialMode.preview, .progressive, .predictive].map {
                              .init(value: $0.rawValue, label: Strings.text("dial_mode_\($0.rawValue)", lang))
                          },
                          today: rate(dto.today), trailing30Days: rate(dto.trailing_30_days))
    }

    static func changeDialMode(_ req: Request) async throws -> Response {
        let record = try await ProjectController.find(req)
        return try await FormFlow.submit(req, redirect: "/projects/\(record.project.code)", action: {
            _ = try await DialerController.setMode(req)
        }, page: { try await detailPage(req, error: $0) })
    }
}
