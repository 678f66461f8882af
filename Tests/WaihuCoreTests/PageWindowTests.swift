import Testing
import WaihuCore

@Suite struct PageWindowTests {
    @Test func aPageAndSizeGiveTheRowsByHand() throws {
        let third = try PageWindow(page: 3, perPage: 20)
        #expect(third.offset == 40 && third.perPage == 20)
        let defaults = try PageWindow(page: nil, perPage: nil)
        #expect(defaults.page == 1 && defaults.offset == 0 && defaults.perPage == 50)
        // Below 1 is the first page; a size is kept within 1…500.
        #expect(try PageWindow(page: -7, perPage: 0).offset == 0)
        #expect(try PageWindow(page: 2, perPage: 10_000).offset == 500)
        #expect(try PageWindow(page: 2, perPage: -3).perPage == 1)
    }

    @Test func aPageWhoseFirstRowCannotBeCountedIsRefused() throws {
        // The request that stopped the server: (page − 1) × 500 overflowed.
        #expect(throws: DomainError.self) { try PageWindow(page: 567_300_628_358_054_464, perPage: 500) }
        #expect(throws: DomainError.self) { try PageWindow(page: Int.max, perPage: 1) }
        let last = try PageWindow(page: PageWindow.maxPage, perPage: 500)
        #expect(last.offset == (1_000_000 - 1) * 500)
    }
}
