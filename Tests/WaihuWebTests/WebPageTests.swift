import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// A tiny browser: keeps the session cookie and reads the CSRF token out of forms.
struct PageSession {
    let app: Application
    var cookie: String?

    mutating func get(_ path: String, language: String = "zh-CN") async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Accept-Language": language]
        if let cookie { headers.add(name: .cookie, value: cookie) }
        let response = try await app.testing().sendRequest(.GET, path, headers: headers)
        remember(response)
        return response
    }

    mutating func post(_ path: String, form: [String: String], csrfFrom page: String) async throws -> TestingHTTPResponse {
        try await post(path, pairs: form.map { ($0.key, $0.value) }, csrfFrom: page)
    }

    /// Posts fields in order, as a browser does; a name may repeat (`site_ids[]`).
    mutating func post(_ path: String, pairs: [(String, String)], csrfFrom page: String) async throws -> TestingHTTPResponse {
        let fields = pairs + [("_csrf", Self.csrf(in: page))]
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        let body = fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        if let cookie { headers.add(name: .cookie, value: cookie) }
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Uploads a file with a form's fields, as a browser sends a multipart form.
    mutating func upload(_ path: String, file: [UInt8], name: String, csrfFrom page: String) async throws -> TestingHTTPResponse {
        var (headers, body) = multipart(file, name: name, fields: ["_csrf": Self.csrf(in: page)])
        if let cookie { headers.add(name: .cookie, value: cookie) }
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
        remember(response)
        return response
    }

    mutating func remember(_ response: TestingHTTPResponse) {
        if let set = response.headers.setCookie?["waihu_session"] { cookie = "waihu_session=\(set.string)" }
    }

    static func csrf(in page: String) -> String {
        guard let range = page.range(of: "name=\"_csrf\" value=\"") else { return "" }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }
}

@Suite struct WebPageTests {
    @Test func pagesRedirectToLoginWhenSignedOut() async throws {
        try await withWaihu { app in
            var browser = PageSession(app: app)
            let home = try await browser.get("/projects")
            #expect(home.status == .seeOther)
            #expect(home.headers.first(name: .location) == "/login?next=%2Fprojects")
        }
    }

    @Test func adminSignsInThroughTheLoginForm() async throws {
        try await withWaihu { app in
            var browser = PageSession(app: app)
            let form = try await browser.get("/login")
            #expect(form.body.string.contains("登录"))
            let signedIn = try await browser.post("/login", form: ["username": "admin", "password": adminPassword, "next": "/projects"],
                                                  csrfFrom: form.body.string)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers.first(name: .location) == "/projects")
            let projects = try await browser.get("/projects")
            #expect(projects.status == .ok)
            #expect(projects.body.string.contains("新建项目"))
            let english = try await browser.get("/projects", language: "en")
            #expect(english.body.string.contains("New project"))
        }
    }

    @Test func aFormWithoutTheCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await withWaihu { app in
            var browser = PageSession(app: app)
            let form = try await browser.get("/login")
            _ = try await browser.post("/login", form: ["username": "admin", "password": adminPassword], csrfFrom: form.body.string)
            let forged = try await browser.post("/projects", form: ["code": "EVIL", "name": "x", "type": "marketing"], csrfFrom: "")
            #expect(forged.status == .forbidden)
            #expect(try await ProjectQueries.codeExists("EVIL", on: app.db) == false)
        }
    }

    @Test func wrongPasswordShowsTheReasonOnTheForm() async throws {
        try await withWaihu { app in
            var browser = PageSession(app: app)
            let form = try await browser.get("/login")
            let refused = try await browser.post("/login", form: ["username": "admin", "password": "nope"], csrfFrom: form.body.string)
            #expect(refused.status == .unauthorized)
            #expect(refused.body.string.contains("用户名或密码错误"))
        }
    }

    @Test func aPrintedPasswordMustBeChangedAtFirstWebLogin() async throws {
        try await withWaihu { app in
            let token = try await login(app, "admin", adminPassword)
            _ = token
            let user = try #require(try await UserQueries.user(username: "admin", on: app.db))
            user.mustChangePassword = true
            try await user.save(on: app.db)

            var browser = PageSession(app: app)
            let form = try await browser.get("/login")
            let signedIn = try await browser.post("/login", form: ["username": "admin", "password": adminPassword], csrfFrom: form.body.string)
            #expect(signedIn.headers.first(name: .location) == "/password")
            let elsewhere = try await browser.get("/projects")
            #expect(elsewhere.headers.first(name: .location) == "/password")
            let page = try await browser.get("/password")
            let changed = try await browser.post("/password", form: ["current_password": adminPassword, "new_password": "new-pass-22"],
                                                 csrfFrom: page.body.string)
            #expect(changed.status == .seeOther)
            let projects = try await browser.get("/projects")
            #expect(projects.status == .ok)
        }
    }

    @Test func agentsFileWithABadRowIsRefusedOnThePage() async throws {
        try await withWaihu { app in
            var browser = PageSession(app: app)
            let form = try await browser.get("/login")
            _ = try await browser.post("/login", form: ["username": "admin", "password": adminPassword], csrfFrom: form.body.string)
            let page = try await browser.get("/agents")
            #expect(page.status == .ok)
            let boundary = "XWAIHU"
            let csv = "agent,name,site,hired_on\nA1,甲,总部,2025-01-01\nA2,乙,总部,someday\n"
            let body = """
                --\(boundary)\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n\(PageSession.csrf(in: page.body.string))\r
                --\(boundary)\r\nContent-Disposition: form-data; name="file"; filename="agents.csv"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r
                --\(boundary)--\r\n
                """
            var headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
            headers.add(name: .cookie, value: browser.cookie ?? "")
            let response = try await app.testing().sendRequest(.POST, "/agents/import", headers: headers, body: ByteBuffer(string: body))
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("第 3 行"))
            #expect(try await AgentModel.query(on: app.db).count() == 0)
        }
    }

    @Test func aProjectIsCreatedFromThePageWithItsSites() async throws {
        try await withWaihu(demo: true) { app in
            var browser = PageSession(app: app)
            let form = try await browser.get("/login")
            _ = try await browser.post("/login", form: ["username": "manager", "password": DemoOrganisation.password], csrfFrom: form.body.string)
            let page = try await browser.get("/projects")
            let sites = try await OrganisationQueries.sites(in: .organisation, on: app.db).compactMap(\.id)
            let fields = [("code", "WEB1"), ("name", "网页项目"), ("type", "retention"), ("target", "12"),
                          ("site_ids[]", sites[0].uuidString), ("site_ids[]", sites[1].uuidString)]
            let created = try await browser.post("/projects", pairs: fields, csrfFrom: page.body.string)
            #expect(created.status == .seeOther)
            let record = try #require(try await ProjectQueries.project("WEB1", in: .organisation, on: app.db))
            #expect(Set(record.siteIDs) == Set(sites.prefix(2)), "the two sites ticked")
            #expect(record.project.target == 12)

            let refused = try await browser.post("/projects", form: ["code": "WEB1", "name": "again", "type": "retention"],
                                                 csrfFrom: page.body.string)
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("项目编号 WEB1 已存在"))
        }
    }

    @Test func aManagerImportsACustomerListFromTheProjectPage() async throws {
        try await withWaihu(demo: true) { app in
            var browser = PageSession(app: app)
            let form = try await browser.get("/login")
            _ = try await browser.post("/login", form: ["username": "manager", "password": DemoOrganisation.password], csrfFrom: form.body.string)
            let page = try await browser.get("/projects/DEMO-MKT")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("导入客户名单"))
            var (headers, body) = multipart(Array("手机号,姓名\n13812345678,张三\n123,李四\n".utf8),
                                            fields: ["_csrf": PageSession.csrf(in: page.body.string)])
            headers.add(name: .cookie, value: browser.cookie ?? "")
            let response = try await app.testing().sendRequest(.POST, "/projects/DEMO-MKT/batches", headers: headers, body: body)
            // The result is a page to GET: reloading it imports nothing again.
            #expect(response.status == .seeOther)
            let location = try #require(response.headers.first(name: .location))
            let batch = try #require(try await BatchModel.query(on: app.db).first())
            #expect(location == "/projects/DEMO-MKT?batch=\(try batch.requireID().uuidString)#import-report")
            let report = try await browser.get(String(location.prefix { $0 != "#" })).body.string
            #expect(report.contains("导入报告：customers.csv") && report.contains("号码无效：1") && report.contains("下载被拒绝的行"))
            _ = try await browser.get(String(location.prefix { $0 != "#" }))
            #expect(try await BatchModel.query(on: app.db).count() == 1, "a reload imports nothing")
        }
    }
}
