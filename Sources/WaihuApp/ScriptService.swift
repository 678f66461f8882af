import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Projects' scripts and questionnaires, and the answers given.
package enum ScriptService {
    /// A version of a script as the API shows it.
    package struct ScriptDTO: Codable, Sendable {
        package var version: Int
        package var created_by: String
        package var created_at: Date
        package var sections: [String: String]
        package var faq: [FAQEntry]
        package var questions: [Question]

        package init(_ stored: ScriptVersion) {
            version = stored.version
            created_by = stored.createdBy
            created_at = stored.createdAt
            sections = stored.script.sections
            faq = stored.script.faq
            questions = stored.script.questions
        }
    }

    /// The script the desk shows for a call: the version in force, its sections in order with the lead's data
    /// filled in, the FAQ, the questionnaire and the built-in refusal reasons.
    package struct DeskScript: Codable, Sendable {
        package struct Section: Codable, Sendable {
            package var key: String
            package var title: String
            package var text: String
        }

        package var version: Int
        package var sections: [Section]
        package var faq: [FAQEntry]
        package var questions: [Question]
        package var refusal_reasons: [Choice]
    }

    /// A value the desk offers, with its label in the caller's language.
    package struct Choice: Codable, Sendable {
        package var value: String
        package var label: String
    }

    package static func inForce(_ project: ProjectRecord, on db: any Database) async throws -> ScriptVersion? {
        try await ScriptQueries.inForce(project: try project.project.requireID(), on: db)
    }

    /// Checks and stores the script as the project's next version.
    package static func save(_ script: Script, project: ProjectRecord, actor: AuditEvent, at now: Date, on db: any Database) async throws -> ScriptVersion {
        let valid = try script.validated()
        let projectID = try project.project.requireID()
        let version = try await ScriptQueries.save(valid, project: projectID, actor: actor, at: now, on: db)
        guard let stored = try await ScriptQueries.version(version, project: projectID, on: db) else { throw StoreInconsistency("script version \(version) of project \(projectID)") }
        return stored
    }

    package static func desk(_ stored: ScriptVersion, lead: LeadDTO?, agent: AgentModel? = nil, language: Language) -> DeskScript {
        let values = ScriptVariables.values(name: lead?.name, customerID: lead?.customer_id, region: lead?.region,
                                            attributes: lead?.attributes ?? [:], agentNumber: agent?.number, agentName: agent?.name)
        let script = stored.script.filled(with: values)
        return DeskScript(version: stored.version,
                          sections: ScriptSection.allCases.filter { !script.text($0).isEmpty }
                              .map { .init(key: $0.rawValue, title: $0.name.text(language), text: script.text($0)) },
                          faq: script.faq, questions: script.questions,
                          refusal_reasons: RefusalReason.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language)) })
    }

    /// The variables the project's scripts may use: the built-in ones and the columns of its customer data,
    /// read from a sample of its leads (every lead of a file has the same columns).
    package static func variables(project: UUID, on db: any Database) async throws -> [String] {
        let sample = try await LeadModel.query(on: db).filter(\.$projectID == project).limit(200).all()
        var columns = Set<String>()
        for lead in sample {
            let object = (try? JSONSerialization.jsonObject(with: Data(lead.attributes.utf8))) as? [String: String] ?? [:]
            columns.formUnion(object.keys)
        }
        return ScriptVariables.builtIn.flatMap { $0 } + columns.sorted()
    }

    /// The version an attempt is finished with: the one the desk showed, or the one in force.
    package static func version(_ number: Int?, project: UUID, on db: any Database) async throws -> ScriptVersion? {
        guard let number else { return try await ScriptQueries.inForce(project: project, on: db) }
        guard let stored = try await ScriptQueries.version(number, project: project, on: db) else {
            throw DomainError.invalidField("script_version", zh: "项目没有第 \(number) 版话术", en: "the project has no script version \(number)")
        }
        return stored
    }

    /// The answers of the last `days` days as a table, in the caller's language; unless `reveal`, every
    /// number written into a cell is masked (the attempt id and the time excepted).
    package static func answerSheet(_ project: ProjectRecord, days: Int, language: Language, reveal: Bool, at now: Date,
                                    on db: any Database) async throws -> AnswerSheet {
        guard (1 ... 366).contains(days) else {
            throw DomainError.invalidField("days", zh: "天数须为 1–366", en: "days must be 1–366")
        }
        let projectID = try project.project.requireID()
        let answered = try await AnswerQueries.list(project: projectID, from: now.addingTimeInterval(-Double(days) * 86_400),
                                                    to: now.addingTimeInterval(1), on: db)
        let questions = try await ScriptQueries.inForce(project: projectID, on: db)?.script.questions ?? []
        let leading = language == .zh ? ["外呼编号", "开始时间", "坐席", "客户编号", "结果代码", "话术版本"]
            : ["attempt_id", "started_at", "agent", "customer_id", "disposition", "script_version"]
        var sheet = AnswerSheet(leading: leading, questions: questions, records: answered.map { row in
            (values: [row.attemptID.uuidString, row.startedAt.formatted(Date.ISO8601FormatStyle(timeZone: .gmt)), row.agentNumber ?? "",
                      row.customerID ?? "", row.disposition ?? "", row.scriptVersion.map(String.init) ?? ""], answers: row.answers)
        }, language: language)
        if !reveal {
            sheet.rows = sheet.rows.map { row in Array(row.prefix(2)) + row.dropFirst(2).map(PhoneMask.maskDigitRuns) }
        }
        return sheet
    }
}
