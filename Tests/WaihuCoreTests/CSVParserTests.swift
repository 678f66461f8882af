import Testing
@testable import WaihuCore

@Suite struct CSVParserTests {
    @Test func parsesQuotedFieldsWithDelimitersQuotesAndLineBreaks() {
        let text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",end\n"
        let records = CSVParser.parse(text)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", "end"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func lineNumbersCountEmbeddedLineBreaks() {
        let records = CSVParser.parse("h\n\"a\nb\"\nc\n")
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func chunkedInputGivesTheSameRecords() {
        let text = "工号,姓名\nA1,\"张,三\"\r\nA2,李四\nA3,\"王\n五\""
        let whole = CSVParser.parse(text)
        for size in 1...7 {
            var parser = CSVParser()
            var records: [CSVParser.Record] = []
            var rest = Substring(text)
            while !rest.isEmpty {
                records += parser.feed(String(rest.prefix(size)))
                rest = rest.dropFirst(size)
            }
            records += parser.finish()
            #expect(records == whole, "chunk size \(size)")
        }
        #expect(whole.count == 4)
    }

    @Test func skipsBlankLinesButKeepsEmptyFields() {
        let records = CSVParser.parse("a,b\n\n,\n")
        #expect(records.map(\.fields) == [["a", "b"], ["", ""]])
    }

    @Test func tabDelimited() {
        #expect(CSVParser.parse("a\tb\n1\t2", delimiter: "\t").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func datesAreChecked() {
        #expect(LocalDate("2024-02-29")?.description == "2024-02-29")
        #expect(LocalDate("2023-02-29") == nil)
        #expect(LocalDate("2026/3/5")?.description == "2026-03-05")
        #expect(LocalDate("05-03-2026") == nil)
        #expect(LocalDate("2026-01-31")! < LocalDate("2026-02-01")!)
    }
}

@Suite struct DelimiterGuessTests {
    @Test func tabWinsOnlyWhenTheHeaderHasMoreTabsThanCommas() {
        #expect(CSVParser.delimiter(guessingFrom: "a\tb\tc\n1,2") == "\t")
        #expect(CSVParser.delimiter(guessingFrom: "a,b\tc\n") == ",")
        #expect(CSVParser.delimiter(guessingFrom: "phone\r\n1\t2") == ",")
    }
}
