import Testing
@testable import WaihuCore

/// What each lifecycle state allows: a closing or closed project hands out no leads and takes no allocation.
@Suite struct ProjectStatusTests {
    @Test func onlyAnOpenProjectHandsOutAndTakesLeads() {
        let open: [ProjectStatus] = [.requirement, .kickoff, .planning, .testCalls, .running, .paused]
        #expect(open.allSatisfy { $0.handsOutLeads && $0.acceptsAllocation })
        #expect([ProjectStatus.closing, .closed].allSatisfy { !$0.handsOutLeads && !$0.acceptsAllocation })
        #expect(ProjectStatus.allCases.filter(\.makesTestCalls) == [.testCalls])
    }
}
