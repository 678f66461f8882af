import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Scripts and questionnaires through the API and the desk: versions, the lifecycle guard, variables filled for the
/// lead, answers checked and stored with the attempt, the refusal reason, the export.
@Suite struct ScriptAPITests {
    /// Version 2 of DEMO-MKT: a required question whose answer 否 skips to the end.
    nonisolated(unsafe) static let script: [String: Any] = [
        "sections": ["opening": "{姓名}您好，{地区}的{套餐}用户", "ending": "再见"],
        "faq": [["question": "多少钱", "answer": "每月 20 元"]],
        "questions": [
            ["id": "interested", "text": "是否感兴趣", "kind": "single", "required": true, "options": ["是", "否"],
             "skips": [["answer": "否", "to": "end"]]],
            ["id": "score", "text": "评分", "kind": "rating", "required": true],
            ["id": "remark", "text": "备注", "kind": "text"],
        ],
    ]

    func put(_ app: Application, _ token: String, _ project: String, _ body: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.PUT, "/api/v1/projects/\(project)/script", headers: jsonHeaders(token), body: json(body))
    }

    @Test func aProjectCannotTestOrRunWithoutAScriptAndScriptsAreVersioned() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let created = try await app.testing().sendRequest(.POST, "/api/v1/projects", headers: jsonHeaders(manager),
                                                              body: json(["code": "NEW", "name": "新项目", "type": "marketing"]))
            #expect(created.status == .created)
            for status in ["kickoff", "planning"] {
                let moved = try await app.testing().sendRequest(.POST, "/api/v1/projects/NEW/status", headers: jsonHeaders(manager), body: json(["status": status]))
                #expect(moved.status == .ok)
            }
            let early = try await app.testing().sendRequest(.POST, "/api/v1/projects/NEW/status", headers: jsonHeaders(manager), body: json(["status": "test_calls"]))
            #expect(errorCode(early) == "script_missing")
            #expect(errorCode(try await app.testing().sendRequest(.GET, "/api/v1/projects/NEW/script", headers: jsonHeaders(manager))) == "script_missing")

            // A script without its ending is refused and nothing is stored; an agent may not write one.
            let partial = try await put(app, manager, "NEW", ["sections": ["opening": "您好"]])
            #expect(partial.status == .badRequest)
            #expect(errorCode(partial) == "script_section_missing")
            let backwards = try await put(app, manager, "NEW", ["sections": ["opening": "您好", "ending": "再见"],
                                                                  "questions": [["id": "a", "text": "甲", "kind": "single", "options": ["是", "否"],
                                                                                 "skips": [["answer": "是", "to": "a"]]]]])
            #expect(backwards.status == .badRequest)
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            #expect(try await put(app, agent, "NEW", Self.script).status == .forbidden)
            #expect(try await ScriptModel.query(on: app.db).count() == 3)  // the demo's three

            #expect(try await put(app, manager, "NEW", Self.script).status == .created)
            var second = Self.script
            second["sections"] = ["opening": "您好（第二版）", "ending": "再见"]
            let saved = try await put(app, manager, "NEW", second).content.decode(ScriptService.ScriptDTO.self)
            #expect(saved.version == 2 && saved.created_by == "manager")
            let versions = try await app.testing().sendRequest(.GET, "/api/v1/projects/NEW/script/versions", headers: jsonHeaders(manager))
                .content.decode(ScriptController.Versions.self)
            #expect(versions.versions.map(\.version) == [2, 1])
            #expect(versions.versions.last?.sections["opening"] == "{姓名}您好，{地区}的{套餐}用户")
            let inForce = try await app.testing().sendRequest(.GET, "/api/v1/projects/NEW/script", headers: jsonHeaders(manager))
                .content.decode(ScriptService.ScriptDTO.self)
            #expect(inForce.version == 2 && inForce.sections["opening"] == "您好（第二版）")

            let ready = try await app.testing().sendRequest(.POST, "/api/v1/projects/NEW/status", headers: jsonHeaders(manager), body: json(["status": "test_calls"]))
            #expect(ready.status == .ok, "\(ready.body.string)")
        }
    }

    @Test func theDeskShowsTheFilledScriptAndTheAnswersAreCheckedStoredAndExported() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 3])
            #expect(try await put(app, manager, "DEMO-MKT", Self.script).status == .created)
            let agent = try await login(app, "a1001", DemoOrganisation.password)

            let first = try await takeNext(app, agent)
            #expect(first.lead?.customer_id == "K0")
            let desk = try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(agent)).content.decode(DeskService.DeskStatus.self)
            let script = try #require(desk.call?.script)
            // K0 is 客户0 in 北京 on 畅享; the name is shown as the desk shows it.
            #expect(script.version == 2)
            #expect(script.sections.map(\.key) == ["opening", "ending"])
            #expect(script.sections.first?.text == "客户0您好，北京的畅享用户")
            #expect(script.questions.map(\.id) == ["interested", "score", "remark"])
            #expect(script.refusal_reasons.count == RefusalReason.allCases.count)

            // A success with a required answer missing: refused, the attempt still open, nothing stored.
            let missing = try await finish(app, agent, first.attempt_id, ["disposition": "success", "answers": ["interested": "是"]])
            #expect(missing.status == .badRequest)
            #expect(errorCode(missing) == "answer_missing")
            let skipped = try await finish(app, agent, first.attempt_id, ["disposition": "success", "answers": ["interested": "否", "score": 3]])
            #expect(errorCode(skipped) == "question_skipped")
            let wrong = try await finish(app, agent, first.attempt_id, ["disposition": "success", "answers": ["interested": "是", "score": 9]])
            #expect(errorCode(wrong) == "invalid_answer")
            #expect(try await AttemptQueries.open(first.attempt_id!, on: app.db) != nil)
            #expect(try await AttemptAnswersModel.query(on: app.db).count() == 0)

            let done = try await finish(app, agent, first.attempt_id, ["disposition": "success", "script_version": 2,
                                                                        "answers": ["interested": "是", "score": 4, "remark": " 周末装机 "]])
            #expect(done.status == .ok, "\(done.body.string)")
            let stored = try #require(try await CallAttemptModel.find(first.attempt_id!, on: app.db))
            #expect(stored.scriptVersion == 2)

            // A refusal needs its reason; with it the rest of the questionnaire may stay empty.
            let second = try await takeNext(app, agent)
            #expect(errorCode(try await finish(app, agent, second.attempt_id, ["disposition": "refused"])) == "refusal_reason_missing")
            #expect(errorCode(try await finish(app, agent, second.attempt_id, ["disposition": "refused", "script_version": 7,
                                                                              "answers": ["refusal_reason": "price"]])) == "invalid_field")
            let refused = try await finish(app, agent, second.attempt_id, ["disposition": "refused", "script_version": 1,
                                                                           "answers": ["refusal_reason": "price", "refusal_remark": "太贵了"]])
            #expect(refused.status == .ok, "\(refused.body.string)")
            // A busy line: no answers at all is fine.
            let third = try await takeNext(app, agent)
            #expect(try await finish(app, agent, third.attempt_id, ["disposition": "busy"]).status == .ok)

            // The export: one row per attempt with answers, questions of the version in force, the refusal reason in words.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/answers", headers: jsonHeaders(agent)).status == .forbidden)
            let csv = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/answers?format=csv", headers: jsonHeaders(manager))
            #expect(csv.status == .ok)
            let lines = csv.body.string.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0] == "外呼编号,开始时间,坐席,客户编号,结果代码,话术版本,是否感兴趣 (interested),评分 (score),备注 (remark),客户迟疑或拒绝的原因,客户意见及建议")
            #expect(lines[1].hasSuffix(",A1001,K0,success,2,是,4,周末装机,,"))
            #expect(lines[2].hasSuffix(",A1001,K1,refused,1,,,,价格/资费偏高,太贵了"))
            let english = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/answers?format=json",
                                                              headers: ["Authorization": "Bearer \(manager)", "Accept-Language": "en"])
            let rows = try english.content.decode([[String: String]].self)
            #expect(rows.map { $0["customer_id"] } == ["K0", "K1"])
            #expect(rows.last?["Why the customer hesitated or refused"] == "Price or fee too high")
            #expect(errorCode(try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/answers?days=0", headers: jsonHeaders(manager))) == "invalid_field")

            // The agent's own figures: three calls, one success, none connected (no answer time was given).
            let today = try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(agent)).content.decode(DeskService.DeskStatus.self).today
            var expected = DeskFigures()
            expected.calls = 3
            expected.successes = 1
            #expect(today == expected)
        }
    }

    @Test func theScriptPageSavesAVersionAndShowsARefusal() async throws {
        try await withWaihu(demo: true) { app in
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/projects/DEMO-SAT/script")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("v1"))
            let form = ["opening": "您好", "ending": "再见", "faq": "多少钱 | 免费\n\n要多久 | 两分钟", "questions": ""]
            let saved = try await manager.post("/projects/DEMO-SAT/script", form: form, csrfFrom: page.body.string)
            #expect(saved.status == .seeOther)
            let projectID = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-SAT").first()?.id)
            let stored = try #require(try await ScriptQueries.inForce(project: projectID, on: app.db))
            #expect(stored.version == 2)
            #expect(stored.script.faq == [FAQEntry(question: "多少钱", answer: "免费"), FAQEntry(question: "要多久", answer: "两分钟")])
            #expect(stored.script.questions.isEmpty)

            let bad = try await manager.post("/projects/DEMO-SAT/script", form: ["opening": "您好", "ending": "再见", "faq": "没有竖线"], csrfFrom: page.body.string)
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("问题 | 答案"))
            let json = try await manager.post("/projects/DEMO-SAT/script", form: ["opening": "您好", "ending": "再见", "questions": "[{"], csrfFrom: page.body.string)
            #expect(json.status == .badRequest)
            #expect(json.body.string.contains("[{"))  // what was typed stays in the form
            #expect(try await ScriptModel.query(on: app.db).count() == 4)
        }
    }
}
