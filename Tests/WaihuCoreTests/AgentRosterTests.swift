import Testing
@testable import WaihuCore

@Suite struct AgentRosterTests {
    func read(_ text: String) throws(DomainError) -> AgentRoster.Result {
        try AgentRoster.read(CSVParser.parse(text))
    }

    @Test func readsEnglishHeaders() throws {
        let result = try read("agent,name,site,team,skill,hired_on,left_on\nA1,张三,总部,一组,outbound,2025-01-02,\n")
        #expect(result.rejections.isEmpty)
        let row = try #require(result.rows.first)
        #expect(row.number == "A1")
        #expect(row.team == "一组")
        #expect(row.skill == .outbound)
        #expect(row.hiredOn.description == "2025-01-02")
        #expect(row.leftOn == nil)
    }

    @Test func readsChineseHeadersInAnyOrderWithBOM() throws {
        let result = try read("\u{FEFF}姓名,工号,职场,入职日期,技能\n李四,B7,华信,2024/5/1,双技能\n")
        #expect(result.rows.map(\.number) == ["B7"])
        #expect(result.rows.first?.skill == .dual)
        #expect(result.rows.first?.team == nil)
    }

    @Test func refusesAFileWithoutRequiredColumns() {
        do {
            _ = try read("agent,name\nA1,x\n")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == "missing_columns")
            #expect(error.message.en.contains("site"))
            #expect(error.message.en.contains("hired_on"))
        }
    }

    @Test func everyBadRowHasItsLineAndReason() throws {
        let text = """
            agent,name,site,team,skill,hired_on,left_on
            A1,甲,总部,一组,dual,2025-01-01,
            ,乙,总部,一组,dual,2025-01-01,
            A3,丙,总部,一组,juggler,2025-01-01,
            A4,丁,总部,一组,dual,2025-13-01,
            A5,戊,总部,一组,dual,2025-03-01,2025-02-01
            A1,己,总部,一组,dual,2025-01-01,
            """
        let result = try read(text)
        #expect(result.rows.map(\.number) == ["A1"])
        #expect(result.rejections.map(\.line) == [3, 4, 5, 6, 7])
        #expect(result.rejections.map(\.code) == ["missing_agent", "invalid_skill", "invalid_date", "left_before_hired", "duplicate_in_file"])
        for rejection in result.rejections {
            #expect(rejection.reason.zh.contains("第 \(rejection.line) 行"))
            #expect(rejection.reason.en.contains("line \(rejection.line)"))
        }
    }
}
