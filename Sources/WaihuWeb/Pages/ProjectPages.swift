import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Project pages: the list with a creation form, and one project with its status changes.
enum ProjectPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "projects", permission: .viewProjects, surface: .page, use: list)
        app.endpoint(.POST, "projects", permission: .manageProjects, surface: .page, use: create)
        app.endpoint(.GET, "projects", ":id", permission: .viewProjects, surface: .page, use: show)
        DispositionPage.register(app)
        ProjectPolicyPage.register(app)
        app.endpoint(.POST, "projects", ":id", "status", permission: .manageProjects, surface: .page, use: changeStatus)
        app.endpoint(.POST, "projects", ":id", "dialer", permission: .manageProjects, surface: .page, use: changeDialMode)
        app.endpoint(.POST, "projects", ":id", "settings", permission: .manageProjects, surface: .page, use: changeSettings)
        app.endpoint(.POST, "projects", ":id", "batches", permission: .importCustomers, surface: .page,
                     body: .collect(maxSize: BatchController.maxUpload), use: importBatch)
        app.endpoint(.POST, "projects", ":id", "batches", "preview", permission: .importCustomers, surface: .page,
                     body: .collect(maxSize: BatchController.maxUpload), use: BatchController.preview)
    }

    struct ListData: Encodable {
        var projects: [Row]
        var types: [AdminPages.Option]
        var sites: [SiteChoice]
        var zones: [String]
        var canManage: Bool
        /// What was typed in the creation form, kept after a refusal (the organisation's defaults otherwise).
        var typed: CreateForm
        var refused: Bool
        struct SiteChoice: Encodable {
            var value: String
            var label: String
            var checked: Bool
        }
        struct Row: Encodable {
            var id: String
            var code: String
            var name: String
            var type: String
            var status: String
            var target: String
        }
    }

    static func list(_ req: Request) async throws -> View { try await listPage(req, error: nil) }

    static func listPage(_ req: Request, error: String?, typed: CreateForm? = nil) async throws -> View {
        let lang = req.language
        let user = try req.currentUser()
        let rows = try await ProjectQueries.projects(in: user.scope, on: req.db).map { record in
            let p = record.project
            return ListData.Row(id: p.id?.uuidString ?? "", code: p.code, name: p.name,
                                type: p.type.name.text(lang), status: p.status.name.text(lang),
                                target: p.target.map(String.init) ?? "")
        }
        let sites = try await OrganisationQueries.sites(in: .organisation, on: req.db)
        let zone = try await OrganisationQueries.timeZone(on: req.db).identifier
        let form = typed ?? CreateForm(code: "", name: "", type: ProjectType.marketing.rawValue, target: "", time_zone: zone, site_ids: [])
        let data = ListData(projects: rows,
                            types: ProjectType.allCases.map { .init(value: $0.rawValue, label: $0.name.text(lang)) },
                            sites: sites.map { site in
                                let id = site.id?.uuidString ?? ""
                                return .init(value: id, label: site.name, checked: (form.site_ids ?? []).contains(id))
                            },
                            zones: TimeZone.knownTimeZoneIdentifiers.sorted(),
                            canManage: AccessPolicy.allows(user.role, .manageProjects), typed: form, refused: typed != nil)
        return try await PageRenderer.render("projects", titleKey: "nav_projects", data: data, error: error, for: req)
    }

    struct CreateForm: Content {
        var code: String
        var name: String
        var type: String
        var target: String?
        var time_zone: String?
        var site_ids: [String]?
    }

    static func create(_ req: Request) async throws -> Response {
        let typed = try? req.content.decode(CreateForm.self)
        return try await FormFlow.submit(req, redirect: "/projects", action: {
            let form = try req.content.decode(CreateForm.self)
            var target: Int?
            if let text = FormFlow.optional(form.target) {
                guard let value = Int(text) else {
                    throw DomainError.invalidField("target", zh: "须为整数", en: "expected a whole number")
                }
                target = value
            }
            _ = try await ProjectService.create(
                .init(code: form.code, name: form.name, type: try ProjectType.parse(form.type), target: target,
                      timeZone: FormFlow.optional(form.time_zone),
                      siteIDs: (form.site_ids ?? []).compactMap(UUID.init(uuidString:))),
                actor: req.auditEvent("project.create", targetType: "project"), at: req.now, on: req.db)
        }, page: { try await listPage(req, error: $0, typed: typed) })
    }

    struct DetailData: Encodable {
        var project: ProjectDTO
        var typeName: String
        var statusName: String
        var sites: [String]
        var nextStatuses: [AdminPages.Option]
        var canManage: Bool
        var canImport: Bool
        var batches: [BatchDTO]
        var outcome: OutcomeView?
        var dispositions: DispositionsView
        var dialer: DialerView
        /// The product list as the form writes it, `name | price` a line.
        var productsText: String
    }

    /// The project's dispositions as the page lists them.
    struct DispositionsView: Encodable {
        struct Line: Encodable {
            var code: String
            var name: String
            var category: String
            var retry: String
            var callback: String
            var listsNumber: Bool
        }

        var stored: Bool
        var lines: [Line]

        init(_ set: DispositionSet, stored: Bool, _ lang: Language) {
            self.stored = stored
            lines = set.dispositions.map { rule in
                let minutes = rule.retry_delay_minutes.map { lang == .en ? "after \($0) min" : "\($0) 分钟后" }
                let most = rule.max_attempts.map { lang == .en ? "at most \($0) attempts" : "最多 \($0) 次" }
                let owner = rule.callback.map { $0 == .own ? LocalizedText(zh: "本人回拨", en: "own") : LocalizedText(zh: "任何坐席", en: "anyone") }
                return Line(code: rule.code, name: rule.name.text(lang), category: rule.category.name.text(lang),
                            retry: [minutes, most].compactMap { $0 }.joined(separator: lang == .en ? ", " : "，"),
                            callback: owner?.text(lang) ?? "", listsNumber: rule.adds_to_do_not_call)
            }
        }
    }

    /// The report of the import just made, with its reasons in the page's language.
    struct OutcomeView: Encodable {
        var batchID: String
        var fileName: String
        var report: ImportReport
        var rate: String
        var reasons: [AdminPages.Option]
    }

    static func show(_ req: Request) async throws -> View { try await detailPage(req, error: nil) }

    static func detailPage(_ req: Request, error: String?) async throws -> View {
        let lang = req.language
        let record = try await ProjectController.find(req)
        let batches = AccessPolicy.allows(try req.currentUser().role, .importCustomers)
            ? try await LeadQueries.batches(project: try record.project.requireID(), on: req.db).map(BatchDTO.init) : []
        // After an import the page is shown again (`?batch=`), the batch's report on top: a reload imports nothing.
        let imported = req.query[UUID.self, at: "batch"].flatMap { id in batches.first { $0.id == id } }
        let status = record.project.status
        let sites = try await OrganisationQueries.sites(in: .organisation, on: req.db)
            .filter { $0.id.map(record.siteIDs.contains) ?? false }.map(\.name)
        let stored = try await DispositionQueries.stored(project: try record.project.requireID(), on: req.db)
        let data = DetailData(project: ProjectDTO(record),
                              typeName: record.project.type.name.text(lang),
                              statusName: status.name.text(lang), sites: sites,
                              nextStatuses: status.successors.map { .init(value: $0.rawValue, label: $0.name.text(lang)) },
                              canManage: AccessPolicy.allows(try req.currentUser().role, .manageProjects),
                              canImport: AccessPolicy.allows(try req.currentUser().role, .importCustomers),
                              batches: batches,
                              outcome: imported.map { view($0, lang) },
                              dispositions: DispositionsView(stored ?? .standard, stored: stored != nil, lang),
                              dialer: try await dialerView(record, at: req.now, lang, on: req.db),
                              productsText: record.project.products.text)
        return try await PageRenderer.render("project", titleKey: "nav_projects", data: data, error: error, for: req)
    }

    static func view(_ batch: BatchDTO, _ lang: Language) -> OutcomeView {
        var report = ImportReport()
        report.rows = batch.rows
        report.accepted = batch.accepted
        report.rejected = batch.rejected
        report.rejected_by_reason = batch.rejected_by_reason
        return OutcomeView(batchID: batch.id?.uuidString ?? "", fileName: batch.file_name, report: report,
                    rate: report.dialable_rate.map { String(format: "%.1f%%", $0 * 100) } ?? "—",
                    reasons: report.rejected_by_reason.sorted { $0.key < $1.key }.map { code, count in
                        .init(value: String(count), label: ImportRejection(rawValue: code)?.message.text(lang) ?? code)
                    })
    }

    static func importBatch(_ req: Request) async throws -> Response {
        let record = try await ProjectController.find(req)
        do {
            let outcome = try await BatchController.importUpload(req, project: record)
            return req.redirect(to: "/projects/\(record.project.code)?batch=\(outcome.batch_id.uuidString)#import-report")
        } catch let error as DomainError {
            let response = try await detailPage(req, error: error.message.text(req.language)).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    struct StatusForm: Content {
        var status: String
    }

    static func changeStatus(_ req: Request) async throws -> Response {
        let record = try await ProjectController.find(req)
        return try await FormFlow.submit(req, redirect: "/projects/\(record.project.code)", action: {
            let form = try req.content.decode(StatusForm.self)
            _ = try await ProjectService.update(record, .init(status: try ProjectStatus.parse(form.status)),
                                                actor: req.auditEvent("project.status", targetType: "project"), at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }
}
