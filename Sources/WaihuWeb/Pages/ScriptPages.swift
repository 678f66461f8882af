import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// A project's script page: the version in force, the form that saves the next version, the earlier
/// versions and the answers' download.
enum ScriptPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "projects", ":id", "script", permission: .viewProjects, surface: .page, use: show)
        app.endpoint(.POST, "projects", ":id", "script", permission: .manageScripts, surface: .page, use: save)
    }

    struct SectionField: Encodable {
        var key: String
        var title: String
        var text: String
    }

    struct Data: Encodable {
        var code: String
        var name: String
        var version: Int?
        var sections: [SectionField]
        var faq: String
        var questions: String
        var versions: [AdminPages.Option]
        /// The variables the texts may use, for the editor's check of unknown ones.
        var variables: String
        /// The question kinds with their names, for the questionnaire editor.
        var kinds: String
        /// The editor's words in the page's language.
        var labels: String
        var canEdit: Bool
        var canExport: Bool
    }

    /// The form: one field per section, the FAQ one entry a line (`question | answer`), the questions as JSON.
    struct Form: Content {
        var opening: String?
        var needs: String?
        var response: String?
        var introduction: String?
        var closing: String?
        var ending: String?
        var faq: String?
        var questions: String?

        /// The section texts as typed.
        var texts: [ScriptSection: String?] {
            [.opening: opening, .needs: needs, .response: response, .introduction: introduction, .closing: closing, .ending: ending]
        }

        func script() throws(DomainError) -> Script {
            var faqEntries: [FAQEntry] = []
            for (index, line) in (faq ?? "").split(whereSeparator: \.isNewline).enumerated() where !line.trimmingWhitespace().isEmpty {
                guard let bar = line.firstIndex(of: "|") else {
                    throw DomainError.invalidField("faq", zh: "第 \(index + 1) 行须写成“问题 | 答案”", en: "line \(index + 1) must read 'question | answer'")
                }
                faqEntries.append(FAQEntry(question: String(line[..<bar]), answer: String(line[line.index(after: bar)...])))
            }
            var questionList: [Question] = []
            if let json = questions?.trimmingWhitespace(), !json.isEmpty {
                do {
                    questionList = try JSONDecoder().decode([Question].self, from: Foundation.Data(json.utf8))
                } catch {
                    throw DomainError.invalidField("questions", zh: "问卷须为 JSON 题目数组（见示例）", en: "the questionnaire is a JSON array of questions (see the example)")
                }
            }
            return Script(sections: texts.compactMapValues { $0 }, faq: faqEntries, questions: questionList)
        }
    }

    static func page(_ req: Request, error: String? = nil, form: Form? = nil) async throws -> View {
        let project = try await ProjectController.find(req)
        let language = req.language
        let versions = try await ScriptQueries.versions(project: try project.project.requireID(), on: req.db)
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let current = versions.first?.script
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        let role = try req.currentUser().role
        let texts = form?.texts ?? [:]
        let sections = ScriptSection.allCases.map { section in
            SectionField(key: section.rawValue, title: section.name.text(language), text: (texts[section] ?? nil) ?? current?.text(section) ?? "")
        }
        let questions = try form?.questions ?? String(decoding: encoder.encode(current?.questions ?? []), as: UTF8.self)
        let data = Data(code: project.project.code, name: project.project.name, version: versions.first?.version, sections: sections,
                        faq: form?.faq ?? (current?.faq ?? []).map { "\($0.question) | \($0.answer)" }.joined(separator: "\n"),
                        questions: questions,
                        versions: versions.map { .init(value: "v\($0.version)", label: "\(Caller.displayName($0.createdBy, language)) · \(LocalTime($0.createdAt, in: zone))") },
                        variables: String(decoding: try JSONEncoder().encode(
                            try await ScriptService.variables(project: try project.project.requireID(), on: req.db)), as: UTF8.self),
                        kinds: String(decoding: try JSONEncoder().encode(
                            Dictionary(uniqueKeysWithValues: QuestionKind.allCases.map { ($0.rawValue, $0.name.text(language)) })), as: UTF8.self),
                        labels: String(decoding: try JSONEncoder().encode(Strings.dictionary(language).filter { $0.key.hasPrefix("qe_") }),
                                       as: UTF8.self),
                        canEdit: AccessPolicy.allows(role, .manageScripts), canExport: AccessPolicy.allows(role, .exportAnswers))
        return try await PageRenderer.render("script", titleKey: "script_title", data: data, error: error, for: req)
    }

    static func show(_ req: Request) async throws -> View { try await page(req) }

    static func save(_ req: Request) async throws -> Response {
        let project = try await ProjectController.find(req)
        let form = try? req.content.decode(Form.self)
        return try await FormFlow.submit(req, redirect: "/projects/\(project.project.code)/script", action: {
            guard let form else { throw DomainError.missingField("opening") }
            _ = try await ScriptService.save(try form.script(), project: project, actor: req.auditEvent("project.script", targetType: "project"),
                                             at: req.now, on: req.db)
        }, page: { error in try await page(req, error: error, form: form) })
    }
}
