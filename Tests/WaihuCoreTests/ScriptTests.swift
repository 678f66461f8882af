import Foundation
import Testing
@testable import WaihuCore

/// Scripts: required sections, variables filled from the lead; questionnaires: their definition's checks,
/// answers by kind, required questions, skip rules and the built-in refusal reason.
@Suite struct ScriptTests {
    // q1 has a car? 是 → q2 (brand), 否 → q4 (end of car questions); q3 rating; q4 date; q5 number; q6 text.
    let questions = [
        Question(id: "has_car", text: "是否有车", kind: .single, required: true, options: ["是", "否"], skips: [SkipRule(answer: "否", to: "visit")]),
        Question(id: "brands", text: "品牌", kind: .multiple, required: true, options: ["甲", "乙", "丙"]),
        Question(id: "service", text: "服务评分", kind: .rating, required: true),
        Question(id: "visit", text: "上门日期", kind: .date),
        Question(id: "members", text: "家庭人数", kind: .number, min: 1, max: 20),
        Question(id: "remark", text: "备注", kind: .text, options: [], skips: []),
    ]

    func error(_ body: () throws -> Void) -> DomainError? {
        do { try body() } catch let refusal as DomainError { return refusal } catch { Issue.record(error) }
        return nil
    }

    @Test func aScriptNeedsOpeningAndEndingAndKnownSections() throws {
        #expect(error { _ = try Script(sections: [.opening: "您好"]).validated() }?.code == "script_section_missing")
        #expect(error { _ = try Script(sections: [.opening: "  ", .ending: "再见"]).validated() }?.code == "script_section_missing")
        var unknown = Script(sections: [.opening: "您好", .ending: "再见"])
        unknown.sections["epilogue"] = "x"
        #expect(error { _ = try unknown.validated() }?.code == "invalid_field")
        let faq = Script(sections: [.opening: "您好", .ending: "再见"], faq: [FAQEntry(question: "多少钱", answer: " ")])
        #expect(error { _ = try faq.validated() }?.code == "invalid_field")
        let good = try Script(sections: [.opening: " 您好 ", .needs: "", .ending: "再见"], faq: [FAQEntry(question: " 多少钱 ", answer: "每月 19 元")]).validated()
        #expect(good.sections == ["opening": "您好", "ending": "再见"])
        #expect(good.faq == [FAQEntry(question: "多少钱", answer: "每月 19 元")])
    }

    @Test func variablesAreFilledFromTheLeadAndUnknownOnesStay() {
        let values = ScriptVariables.values(name: "张三", customerID: "C001", region: "杭州", attributes: ["套餐": "畅享 99"])
        #expect(ScriptVariables.fill("{姓名}您好，您的{套餐}套餐，编号 {customer_id}，{未知}，{ 地区 }。{", values)
                == "张三您好，您的畅享 99套餐，编号 C001，{未知}，杭州。{")
        let script = Script(sections: [.opening: "{name}先生", .ending: "再见"], faq: [FAQEntry(question: "{地区}有吗", answer: "有")])
            .filled(with: values)
        #expect(script.text(.opening) == "张三先生")
        #expect(script.faq.first?.question == "杭州有吗")
    }

    @Test func aQuestionnaireDefinitionIsChecked() throws {
        #expect(try Questionnaire(questions).validated().questions.count == 6)
        func refused(_ question: Question) -> Bool { error { _ = try Questionnaire([question]).validated() } != nil }
        #expect(refused(Question(id: "Bad-Id", text: "x", kind: .text)))
        #expect(refused(Question(id: "refusal_reason", text: "x", kind: .text)))
        #expect(refused(Question(id: "a", text: "x", kind: .single, options: ["只有一个"])))
        #expect(refused(Question(id: "a", text: "x", kind: .single, options: ["同", "同"])))
        #expect(refused(Question(id: "a", text: "x", kind: .text, options: ["是", "否"])))
        #expect(refused(Question(id: "a", text: "x", kind: .rating, max: 11)))
        #expect(refused(Question(id: "a", text: "x", kind: .number, min: 5, max: 1)))
        #expect(refused(Question(id: "a", text: "x", kind: .single, options: ["是", "否"], skips: [SkipRule(answer: "也许", to: "end")])))
        // A skip goes forward only: to itself or back is refused, to end is allowed.
        let back = [Question(id: "a", text: "x", kind: .text), Question(id: "b", text: "y", kind: .single, options: ["是", "否"], skips: [SkipRule(answer: "是", to: "a")])]
        #expect(error { _ = try Questionnaire(back).validated() } != nil)
        let toEnd = [Question(id: "a", text: "x", kind: .single, options: ["是", "否"], skips: [SkipRule(answer: "是", to: "end")])]
        #expect(try Questionnaire(toEnd).validated().questions.count == 1)
        let twice = [Question(id: "a", text: "x", kind: .text), Question(id: "a", text: "y", kind: .text)]
        #expect(error { _ = try Questionnaire(twice).validated() } != nil)
    }

    @Test func answersFollowTheSkipRules() throws {
        let form = Questionnaire(questions)
        // 否 skips brands and the rating: the required ones off the path need no answer.
        let skipped = try form.check(["has_car": .text("否"), "visit": .text("2026-12-01")], complete: true, refused: false)
        #expect(skipped == ["has_car": .text("否"), "visit": .text("2026-12-01")])
        // 是 goes on in order: brands and rating are then required.
        #expect(error { _ = try form.check(["has_car": .text("是")], complete: true, refused: false) }?.code == "answer_missing")
        // An answer to a question the path skipped is refused.
        #expect(error { _ = try form.check(["has_car": .text("否"), "service": .number(4)], complete: true, refused: false) }?.code == "question_skipped")
        let full = try form.check(["has_car": .text("是"), "brands": .choices(["丙", "甲"]), "service": .text("5"), "members": .number(3),
                                   "remark": .text("  周末在家 ")], complete: true, refused: false)
        // Choices are kept in the options' order; a rating sent as text is stored as a number; text is trimmed.
        #expect(full == ["has_car": .text("是"), "brands": .choices(["甲", "丙"]), "service": .number(5), "members": .number(3), "remark": .text("周末在家")])
        // Not complete (an unreachable call): missing required answers are fine.
        #expect(try form.check([:], complete: false, refused: false) == [:])
    }

    @Test func eachKindRefusesWhatDoesNotFit() {
        let form = Questionnaire(questions)
        func code(_ id: String, _ answer: Answer) -> String? {
            var answers: [String: Answer] = ["has_car": .text("是"), "brands": .choices(["甲"]), "service": .number(3)]
            answers[id] = answer
            return error { _ = try form.check(answers, complete: false, refused: false) }?.code
        }
        #expect(code("has_car", .text("也许")) == "invalid_answer")
        #expect(code("brands", .choices([])) == "invalid_answer")
        #expect(code("brands", .choices(["丁"])) == "invalid_answer")
        #expect(code("service", .number(6)) == "invalid_answer")
        #expect(code("service", .number(2.5)) == "invalid_answer")
        #expect(code("visit", .text("2026-13-01")) == "invalid_answer")
        #expect(code("members", .number(0)) == "invalid_answer")
        #expect(code("members", .text("三")) == "invalid_answer")
        #expect(code("remark", .text("  ")) == "invalid_answer")
        #expect(code("nope", .text("x")) == "unknown_question")
        #expect(code("members", .number(20)) == nil)
    }

    @Test func aRefusalNeedsItsReason() throws {
        let form = Questionnaire([])
        #expect(error { _ = try form.check([:], complete: false, refused: true) }?.code == "refusal_reason_missing")
        #expect(error { _ = try form.check(["refusal_reason": .text("because")], complete: false, refused: true) }?.code == "invalid_field")
        let stored = try form.check(["refusal_reason": .text("price"), "refusal_remark": .text(" 太贵 ")], complete: false, refused: true)
        #expect(stored == ["refusal_reason": .text("price"), "refusal_remark": .text("太贵")])
        // By disposition: refused and broke_off ask the reason; a request to be called no more and a busy line do not.
        let set = DispositionSet.standard
        for code in ["refused", "broke_off"] {
            #expect(error { _ = try form.check([:], endingWith: try set.require(code)) }?.code == "refusal_reason_missing")
        }
        for code in ["dnc_request", "busy"] {
            #expect(try form.check([:], endingWith: try set.require(code)) == [:])
        }
        // A success needs every required answer on the path.
        let required = Questionnaire([Question(id: "a", text: "甲", kind: .text, required: true)])
        #expect(error { _ = try required.check([:], endingWith: try set.require("success")) }?.code == "answer_missing")
        #expect(error { _ = try required.check([:], endingWith: try set.require("completed")) }?.code == "answer_missing")
    }

    @Test func answersDecodeFromJSONAndDisplayForExport() throws {
        let json = #"{"a": "是", "b": ["甲", "乙"], "c": 4, "d": 2.5}"#
        let answers = try JSONDecoder().decode([String: Answer].self, from: Data(json.utf8))
        #expect(answers == ["a": .text("是"), "b": .choices(["甲", "乙"]), "c": .number(4), "d": .number(2.5)])
        #expect(answers["b"]?.display == "甲；乙")
        #expect(answers["c"]?.display == "4")
        #expect(answers["d"]?.display == "2.5")
    }
}

/// The wrap-up limit and the desk's own figures.
@Suite struct WrapUpTests {
    let since = Date(timeIntervalSince1970: 1_000_000)

    @Test func afterCallWorkEndsWhenTheLimitHasPassedAndTheDispositionIsIn() {
        func ready(_ state: AgentState = .acw, pending: Bool = false, recorded: Date? = nil, after seconds: Double) -> Date? {
            WrapUp.readyAt(state: state, since: since, limitSeconds: 60, dispositionPending: pending, dispositionRecordedAt: recorded,
                           now: since.addingTimeInterval(seconds))
        }
        #expect(ready(after: 59) == nil)
        // At the limit, the boundary is the limit's instant even when the job looks later.
        #expect(ready(after: 60) == since.addingTimeInterval(60))
        #expect(ready(after: 75) == since.addingTimeInterval(60))
        // Never with the disposition pending, nor in another state.
        #expect(ready(pending: true, after: 600) == nil)
        #expect(ready(.busy, after: 600) == nil)
        // A disposition recorded after the limit: ready from then.
        #expect(ready(recorded: since.addingTimeInterval(90), after: 95) == since.addingTimeInterval(90))
        #expect(ready(recorded: since.addingTimeInterval(90), after: 85) == nil)
        #expect(ready(recorded: since.addingTimeInterval(-5), after: 60) == since.addingTimeInterval(60))
    }

    @Test func theDeskFiguresCountEachCallOnce() {
        var figures = DeskFigures()
        figures.add(category: .success, answered: true, talkSeconds: 200)
        figures.add(category: .completed, answered: true, talkSeconds: 100)
        figures.add(category: .unreachable, answered: false, talkSeconds: 0)
        figures.add(category: nil, answered: true, talkSeconds: 30)
        let counts: [Int] = [figures.calls, figures.connected, figures.talk_seconds, figures.completed, figures.successes]
        #expect(counts == [4, 3, 330, 1, 1])
    }
}
