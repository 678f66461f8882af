import Testing
@testable import WaihuCore

@Suite struct PhoneTests {
    func number(_ text: String) -> PhoneNumber? {
        try? PhoneParser.parse(text).get()
    }

    func rejection(_ text: String) -> PhoneRejection? {
        if case .failure(let reason) = PhoneParser.parse(text) { return reason }
        return nil
    }

    @Test(arguments: [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("0086-138-1234-5678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("(138) 1234-5678", "13812345678"),
        ("+86 21 6123 4567", "02161234567"),
        ("021-61234567", "02161234567"),
        ("0571 8765 4321", "057187654321"),
        ("0086 571 87654321", "057187654321"),
        ("400-820-8820", "4008208820"),
        ("800 810 8888", "8008108888"),
    ])
    func normalises(_ text: String, _ expected: String) {
        #expect(number(text)?.digits == expected, "\(text)")
    }

    @Test func classifiesWithCarrierHints() {
        #expect(number("13812345678")?.carrier == .chinaMobile)
        #expect(number("18612345678")?.carrier == .chinaUnicom)
        #expect(number("19912345678")?.carrier == .chinaTelecom)
        #expect(number("19212345678")?.carrier == .chinaBroadnet)
        #expect(number("17012345678")?.carrier == .virtual)
        #expect(number("13491234567")?.carrier == .satellite)
        #expect(number("01061234567")?.kind == .landline)
        #expect(number("01061234567")?.areaCode == "010")
        #expect(number("075526123456")?.areaCode == "0755")
        // libphonenumber takes Shenzhen numbers starting with 1 (Waihu refused them before it followed its metadata).
        #expect(number("075512345678")?.areaCode == "0755")
        #expect(rejection("02101234567")?.detail == "landline_subscriber")
        #expect(number("4008208820")?.kind == .fourHundred)
        #expect(number("8008108888")?.kind == .eightHundred)
    }

    @Test func refusesWhatTheLooseRegexWouldAccept() {
        // 1[3-9]\d{9} accepts these, but the segments are not issued for voice.
        #expect(rejection("16012345678")?.detail == "unknown_mobile_segment")
        #expect(rejection("14012345678")?.detail == "unknown_mobile_segment")
        #expect(rejection("14401234567")?.detail == "data_only_segment")
        #expect(rejection("17412345678")?.detail == "unknown_mobile_segment")
    }

    @Test func everyRejectionSaysWhy() {
        let cases: [(String, String, String)] = [
            ("", "missing_phone", "empty"),
            ("1381234567", "invalid_number", "mobile_length"),
            ("138123456789", "invalid_number", "mobile_length"),
            ("+1 415 555 0100", "invalid_number", "foreign_number"),
            ("001 415 555 0100", "invalid_number", "foreign_number"),
            ("61234567", "invalid_number", "missing_area_code"),
            ("0216123456", "invalid_number", "landline_length"),
            ("02101234567", "invalid_number", "landline_subscriber"),
            ("02612345678", "invalid_number", "unknown_area_code"),
            ("138-1234-567x", "invalid_number", "stray_character"),
            ("40082088", "invalid_number", "service_length"),
        ]
        for (text, code, detail) in cases {
            let reason = rejection(text)
            #expect(reason?.code == code, "\(text)")
            #expect(reason?.detail == detail, "\(text)")
            #expect(reason.map { !$0.message.zh.isEmpty && !$0.message.en.isEmpty } == true)
        }
    }

    @Test func masksTheMiddleFourDigits() {
        #expect(number("13812341234")?.masked == "138****1234")
        #expect(number("057187654321")?.masked == "0571****4321")
        #expect(number("02161234567")?.masked == "021****4567")
        #expect(PhoneMask.mask("4008208820") == "400****820")
        #expect(PhoneMask.mask("12345") == "***45")
    }
}

@Suite struct DigitRunMaskTests {
    @Test func masksLongDigitRunsOnly() {
        #expect(PhoneMask.maskDigitRuns("张三 13812341234, 订单 123456") == "张三 138****1234, 订单 123456")
        #expect(PhoneMask.maskDigitRuns("021-61234567") == "021-****4567")
        #expect(PhoneMask.mask("6123456") == "***3456")
        #expect(PhoneMask.maskDigitRuns("") == "")
    }
}

@Suite struct DigitRunNormalisedMaskTests {
    // mask(): 11+ digits keep all but the last 8, then ****, then the last 4.
    @Test func masksNumbersWrittenWithSeparatorsPrefixesAndFullWidthDigits() {
        // 8613800138000: 13 digits → 86138 **** 8000, written back into the original places.
        #expect(PhoneMask.maskDigitRuns("+86 138 0013 8000") == "+86 138 **** 8000")
        #expect(PhoneMask.maskDigitRuns("电话 138-0013-8000。") == "电话 138-****-8000。")
        #expect(PhoneMask.maskDigitRuns("１３８００１３８０００") == "138****8000")
        #expect(PhoneMask.maskDigitRuns("138\u{3000}0013\u{3000}8000") == "138\u{3000}****\u{3000}8000")
    }

    @Test func leavesDatesTimesAndShortNumbersAlone() {
        #expect(PhoneMask.maskDigitRuns("2026-11-30") == "2026-11-30")
        #expect(PhoneMask.maskDigitRuns("回访 2026-11-30 10:00") == "回访 2026-11-30 10:00")
        #expect(PhoneMask.maskDigitRuns("订单 123 456") == "订单 123 456")
        // Two separators in a row end a number: 138 and 0013 8000 are 3 and 8 digits.
        #expect(PhoneMask.maskDigitRuns("138  0013 8000") == "138  **** 8000")
    }
}

@Suite struct CSVInjectionTests {
    @Test func formulaCellsAreWrittenAsText() {
        #expect(CSVLine.make(["=1+2"]) == "'=1+2\r\n")
        #expect(CSVLine.make(["=HYPERLINK(\"http://e.example\",\"x\")"]) == "\"'=HYPERLINK(\"\"http://e.example\"\",\"\"x\"\")\"\r\n")
        #expect(CSVLine.make(["+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\tx", "-"]) == "'+cmd|' /C calc'!A0,'@SUM(A1),'-2+3,'\tx,'-\r\n")
        #expect(CSVLine.make(["\rx"]) == "\"'\rx\"\r\n")
    }

    @Test func plainNumbersAndOrdinaryTextStayAsTheyAre() {
        #expect(CSVLine.make(["-3.5", "+8613800138000", "-12", "张三", "a=b", ""]) == "-3.5,+8613800138000,-12,张三,a=b,\r\n")
    }
}
