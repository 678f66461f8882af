import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The disposition set's editor (结果代码设置): every code with its names, category, retry delay, maximum
/// attempts, callback and do-not-call effect in one form, three empty lines to add the project's own codes,
/// a tick to drop one of them. The standard codes stay (the metrics count them); a refusal keeps what was
/// typed and says what is wrong with which code.
enum DispositionPage {
    static func register(_ app: Application) {
        app.endpoint(.GET, "projects", ":id", "dispositions", permission: .viewProjects, surface: .page, use: show)
        app.endpoint(.POST, "projects", ":id", "dispositions", permission: .manageDispositions, surface: .page, use: save)
    }

    struct Line: Content {
        var code: String?
        var name_zh: String?
        var name_en: String?
        var category: String?
        var retry_delay_minutes: String?
        var max_attempts: String?
        var callback: String?
        var dnc: String?
        var remove: String?
    }

    struct Row: Encodable {
        var index: Int
        var line: Line
        var standard: Bool
    }

    struct Data: Encodable {
        var code: String
        var name: String
        var rows: [Row]
        var categories: [AdminPages.Option]
        var callbacks: [AdminPages.Option]
        var canEdit: Bool
    }

    static let emptyLines = 3

    static func show(_ req: Request) async throws -> View { try await page(req, error: nil, typed: nil) }

    static func page(_ req: Request, error: String?, typed: [Line]?) async throws -> View {
        let language = req.language
        let record = try await ProjectController.find(req)
        let set = try await DispositionQueries.stored(project: try record.project.requireID(), on: req.db) ?? .standard
        let standard = Set(DispositionSet.standard.dispositions.map(\.code))
        let lines = typed ?? (set.dispositions.map { rule in
            Line(code: rule.code, name_zh: rule.name_zh, name_en: rule.name_en, category: rule.category.rawValue,
                 retry_delay_minutes: rule.retry_delay_minutes.map(String.init), max_attempts: rule.max_attempts.map(String.init),
                 callback: rule.callback?.rawValue, dnc: rule.adds_to_do_not_call ? "on" : nil, remove: nil)
        } + Array(repeating: Line(), count: emptyLines))
        let data = Data(code: record.project.code, name: record.project.name,
                        rows: lines.enumerated().map { Row(index: $0.offset, line: $0.element, standard: standard.contains($0.element.code ?? "")) },
                        categories: DispositionCategory.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language)) },
                        callbacks: [.init(value: "", label: "—"), .init(value: "own", label: language == .zh ? "本人回拨" : "the agent"),
                                    .init(value: "anyone", label: language == .zh ? "任何坐席" : "anyone")],
                        canEdit: AccessPolicy.allows(try req.currentUser().role, .manageDispositions))
        return try await PageRenderer.render("dispositions", titleKey: "dispositions_title", data: data, error: error, for: req)
    }

    /// The lines as posted, in their order; the empty ones and those ticked for removal left out.
    static func rules(_ lines: [Line]) throws -> [DispositionRule] {
        try lines.filter { ($0.code ?? "").trimmingWhitespace().isEmpty == false && $0.remove == nil }.map { line in
            let code = (line.code ?? "").trimmingWhitespace()
            func number(_ text: String?, _ field: String) throws -> Int? {
                guard let text = FormFlow.optional(text) else { return nil }
                guard let value = Int(text) else {
                    throw DomainError.invalidField(field, zh: "「\(code)」须填整数", en: "a whole number for \"\(code)\"")
                }
                return value
            }
            guard let category = DispositionCategory(rawValue: line.category ?? "") else {
                throw DomainError.invalidField("category", zh: "「\(code)」请选择类别", en: "choose a category for \"\(code)\"")
            }
            return DispositionRule(code: code, category: category, name_zh: (line.name_zh ?? "").trimmingWhitespace(),
                                   name_en: (line.name_en ?? "").trimmingWhitespace(),
                                   retry_delay_minutes: try number(line.retry_delay_minutes, "retry_delay_minutes"),
                                   max_attempts: try number(line.max_attempts, "max_attempts"),
                                   callback: FormFlow.optional(line.callback).flatMap(CallbackOwner.init(rawValue:)),
                                   adds_to_do_not_call: line.dnc != nil)
        }
    }

    struct Form: Content {
        var d: [String: Line]
    }

    static func save(_ req: Request) async throws -> Response {
        let record = try await ProjectController.find(req)
        let typed = (try? req.content.decode(Form.self))?.d.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map(\.value)
        return try await FormFlow.submit(req, redirect: "/projects/\(record.project.code)/dispositions", action: {
            guard let typed else { throw DomainError.missingField("dispositions") }
            let set = try DispositionSet(try rules(typed)).validated()
            try await DispositionQueries.save(set, project: try record.project.requireID(),
                                              actor: req.auditEvent("project.dispositions", targetType: "project"), at: req.now, on: req.db)
        }, page: { error in try await page(req, error: error, typed: typed.map { $0 + Array(repeating: Line(), count: 1) }) })
    }
}
