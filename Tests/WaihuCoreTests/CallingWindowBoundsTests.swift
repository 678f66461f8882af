import Testing
import WaihuCore

@Suite struct CallingWindowBoundsTests {
    @Test func aWindowExceedsTheRuleWhenItStartsBeforeNineOrEndsAfterNine() throws {
        #expect(!(try CallingWindow("09:00-21:00")).exceeds())
        #expect(!(try CallingWindow("13:30-20:00")).exceeds())
        #expect(try CallingWindow("08:59-12:00").exceeds())
        #expect(try CallingWindow("18:00-21:01").exceeds())
    }
}
