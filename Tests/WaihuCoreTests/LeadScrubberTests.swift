import Foundation
import Testing
@testable import WaihuCore

@Suite struct LeadScrubberTests {
    @Test func detectsColumnsByChineseAndEnglishHeaders() throws {
        let columns = try CustomerColumns.detect(header: ["\u{FEFF}客户编号", "姓名", "手机号", "电话2", "地区", "套餐", "Phone 3"])
        #expect(columns.customerID == 0)
        #expect(columns.name == 1)
        #expect(columns.phones == [2, 3, 6])
        #expect(columns.region == 4)
        #expect(columns.attributes == [.init(index: 5, name: "套餐")])
    }

    @Test func aMappingOverridesDetection() throws {
        let mapping = try CustomerColumns.parseMapping(Data(#"{"联系人": "phone", "套餐": "ignore"}"#.utf8))
        let columns = try CustomerColumns.detect(header: ["联系人", "套餐", "备注"], overrides: mapping)
        #expect(columns.phones == [0])
        #expect(columns.attributes.map(\.name) == ["备注"])
        #expect(throws: DomainError.self) { try CustomerColumns.detect(header: ["x"], overrides: ["nope": .phone]) }
        #expect(throws: DomainError.self) { try CustomerColumns.parseMapping(Data(#"{"a": "telephone"}"#.utf8)) }
    }

    @Test func aFileWithoutPhoneColumnIsRefused() {
        do {
            _ = try CustomerColumns.detect(header: ["姓名", "地址"])
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == "no_phone_column")
        }
    }

    /// A file whose every row's fate is known by construction.
    @Test func everyRowGetsTheReasonTheRulesGive() throws {
        let text = """
            客户编号,姓名,手机号,备用电话
            C1,甲,13812345678,
            C2,乙,,
            C3,丙,12345,
            C4,丁,+86 138 1234 5678,
            C5,戊,13900000001,
            C6,己,13900000002,01061234567
            C7,庚,13900000003,
            C8,辛,13900000004,
            C9,壬,16012345678,13900000005
            C10,癸,13900000006,13900000006
            """
        let records = CSVParser.parse(text)
        let columns = try CustomerColumns.detect(header: records[0].fields)
        var scrubber = LeadScrubber(columns: columns, projectPhones: ["13900000001"],
                                    doNotCall: ["13900000002", "13900000003"], special: ["01061234567", "13900000004"])
        var report = ImportReport()
        let leads = records.dropFirst().map { record in
            let lead = scrubber.scrub(record)
            report.count(lead)
            return lead
        }
        #expect(leads.map(\.rejection) == [nil, .missingPhone, .invalidNumber, .duplicateInBatch, .duplicateInProject,
                                          .special, .dnc, .special, nil, nil])
        #expect(leads[2].reason?.en.contains("11 digits") == true)
        #expect(leads[8].phones == ["13900000005"], "the invalid 160 number is dropped, the valid one kept")
        #expect(leads[9].phones == ["13900000006"], "a number repeated within a row counts once")
        #expect(leads[0].customerID == "C1" && leads[0].name == "甲")
        #expect(report.rows == 10)
        #expect(report.accepted == 3)
        #expect(report.rejected == 7)
        #expect(report.rejected_by_reason == ["missing_phone": 1, "invalid_number": 1, "duplicate_in_batch": 1,
                                              "duplicate_in_project": 1, "special": 2, "dnc": 1])
        #expect(report.dialable_rate == 0.3)
    }

    @Test func aDoNotCallNumberIsDroppedWhenTheCustomerHasAnother() throws {
        let records = CSVParser.parse("phone,phone2\n13900000002,13900000009\n")
        var scrubber = LeadScrubber(columns: try CustomerColumns.detect(header: records[0].fields), projectPhones: [],
                                    doNotCall: ["13900000002"], special: [])
        let lead = scrubber.scrub(records[1])
        #expect(lead.rejection == nil)
        #expect(lead.phones == ["13900000009"])
    }

    @Test func capReachedComesFromThePolicyHook() throws {
        let records = CSVParser.parse("phone\n13900000002\n")
        var scrubber = LeadScrubber(columns: try CustomerColumns.detect(header: records[0].fields), projectPhones: [],
                                    doNotCall: [], special: [], capReached: { $0 == "13900000002" })
        #expect(scrubber.scrub(records[1]).rejection == .capReached)
    }

    @Test func emptyReportHasANullRate() {
        #expect(ImportReport().dialable_rate == nil)
    }
}
