import Foundation
import Testing
import Vapor
@testable import WaihuWeb

extension BrowserTests {
/// The questionnaire editor in a real Chromium: the manager adds a question by its form (text, options, a skip
/// rule to the end), sees it in the preview, is told of an unknown variable in a text, and saves; the version
/// stored is read back through the API. Screenshots go to `artefacts/browser-script/`.
@Suite struct ScriptEditorBrowserTests {
    static let artefacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("artefacts/browser-script")

    @Test func aManagerBuildsAQuestionnaireWithoutJSON() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            try await Chromium.session(app, artefacts: Self.artefacts) { browser, base in try await edit(browser, base: base) }

            let manager = try await login(app, "manager", DemoOrganisation.password)
            let stored = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/script", headers: jsonHeaders(manager))
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: stored.body)) as? [String: Any])
            #expect(body["version"] as? Int == 2, "saving made version 2")
            let questions = try #require(body["questions"] as? [[String: Any]])
            #expect(questions.count == 3, "the two demo questions and the new one")
            let added = try #require(questions.last)
            #expect(added["id"] as? String == "q3")
            #expect(added["text"] as? String == "是否愿意参加回访")
            #expect(added["kind"] as? String == "single")
            #expect(added["required"] as? Bool == true)
            #expect(added["options"] as? [String] == ["愿意", "不愿意"])
            let skips = try #require(added["skips"] as? [[String: String]])
            #expect(skips == [["answer": "不愿意", "to": "end"]])
        }
    }

    func edit(_ browser: Chromium, base: String) async throws {
        #expect(try await browser.signIn(base, "manager", DemoOrganisation.password))
        try await browser.open(base + "/projects/DEMO-MKT/script")
        #expect(try await browser.wait(for: "!document.getElementById('question-editor').hidden"), "the editor replaces the JSON")
        #expect(try await browser.text("String(document.getElementById('questions-json').hidden)") == "true")
        #expect(try await browser.text("String(document.querySelectorAll('.question-card').length)") == "2")

        // A variable the customer data does not have is named; a known one and 工号 are not.
        try await browser.evaluate("""
            var opening = document.querySelector('textarea[name=opening]');
            opening.value = '您好，我是{工号}，请问是{姓名}吗？您的{会员等级}…';
            opening.dispatchEvent(new Event('input'));
            """)
        let warning = try await browser.text("document.querySelector('textarea[name=opening]').parentNode.nextElementSibling.innerText")
        #expect(warning.contains("{会员等级}") && !warning.contains("{工号}") && !warning.contains("{姓名}"), "warning: \(warning)")

        // Add a question, as a person does: the button, then its fields.
        try await browser.evaluate("[...document.querySelectorAll('#question-editor button')].find(b => b.innerText.includes('添加题目')).click()")
        #expect(try await browser.text("String(document.querySelectorAll('.question-card').length)") == "3")
        try await browser.evaluate("""
            var card = document.querySelectorAll('.question-card')[2];
            var text = card.querySelector('input');
            text.value = '是否愿意参加回访'; text.dispatchEvent(new Event('input'));
            card.querySelector('input[type=checkbox]').click();
            var options = card.querySelector('textarea');
            options.value = '愿意\\n不愿意'; options.dispatchEvent(new Event('input')); options.dispatchEvent(new Event('change'));
            """)
        try await browser.evaluate("""
            [...document.querySelectorAll('.question-card')[2].querySelectorAll('button')].find(b => b.innerText.includes('跳题规则')).click()
            """)
        try await browser.evaluate("""
            var answer = document.querySelectorAll('.question-card')[2].querySelector('.skips select');
            answer.value = '不愿意'; answer.dispatchEvent(new Event('change'));
            """)
        #expect(try await browser.text("document.querySelector('.question-preview').innerText").contains("是否愿意参加回访 *"),
                "the preview shows the new required question")
        try await browser.screenshot(Self.artefacts, "editor.png")
        // The variable in the opening stays as typed: the desk shows it unfilled, which the warning said.
        try await browser.evaluate("document.querySelector('.script-form').submit()")
        #expect(try await browser.wait(for: "document.readyState === 'complete' && document.body.innerText.includes('v2')"), "saved as v2")
        try await browser.screenshot(Self.artefacts, "saved.png")
    }
}
}
